import { describe, expect, it } from "vitest";
import { brandingInputSchema } from "./branding-input";
import { checkLogo, MAX_LOGO_BYTES } from "./check-logo";
import { contrastRatio } from "./color-contrast";

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from("IHDR"),
  Buffer.alloc(20),
]);

describe("logo checks (by content)", () => {
  it("accepts PNG, JPEG and WebP by their bytes", () => {
    expect(checkLogo(png)).toEqual({ ok: true, type: "image/png" });
    expect(checkLogo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toEqual({ ok: true, type: "image/jpeg" });
    expect(
      checkLogo(Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 "), Buffer.alloc(8)])),
    ).toEqual({ ok: true, type: "image/webp" });
  });

  it("refuses SVG (with or without script), text pretending to be an image, empty and oversized files", () => {
    expect(checkLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({
      ok: false,
      problem: "SVG",
    });
    expect(checkLogo(Buffer.from('\uFEFF  <?xml version="1.0"?><svg/>'))).toEqual({ ok: false, problem: "SVG" });
    expect(checkLogo(Buffer.from("hello, I am a PNG"))).toEqual({ ok: false, problem: "NOT_AN_IMAGE" });
    expect(checkLogo(Buffer.alloc(0))).toEqual({ ok: false, problem: "EMPTY" });
    expect(checkLogo(Buffer.concat([png, Buffer.alloc(MAX_LOGO_BYTES)]))).toEqual({ ok: false, problem: "TOO_LARGE" });
  });
});

describe("primary colour", () => {
  it("computes WCAG contrast", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#1d4ed8", "#ffffff")).toBeGreaterThan(4.5);
  });

  it("accepts a dark colour, refuses a pale one and a non-colour, naming the field", () => {
    expect(brandingInputSchema.parse({ name: "Acme", primaryColor: "#1D4ED8" }).primaryColor).toBe("#1d4ed8");
    const pale = brandingInputSchema.safeParse({ name: "Acme", primaryColor: "#ffeb3b" });
    expect(pale.success).toBe(false);
    expect(pale.error?.issues[0].path).toEqual(["primaryColor"]);
    // The message is the reason code; its text (ru/en) lives in messages/*.json.
    expect(pale.error?.issues[0].message).toBe("LOW_CONTRAST");
    const junk = brandingInputSchema.safeParse({ name: "Acme", primaryColor: "blue-ish" });
    expect(junk.error?.issues[0].message).toBe("COLOR_NOT_HEX");
  });
});
