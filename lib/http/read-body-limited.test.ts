import { describe, expect, it } from "vitest";
import { readBodyLimited } from "./read-body-limited";

function streamOf(chunks: number[], onPull?: () => void): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      onPull?.();
      if (i < chunks.length) controller.enqueue(new Uint8Array(chunks[i++]));
      else controller.close();
    },
  });
}

describe("readBodyLimited", () => {
  it("reads a body within the limit", async () => {
    const body = await readBodyLimited(
      new Request("http://x", { method: "POST", body: streamOf([3, 4]), duplex: "half" } as RequestInit),
      10,
    );
    expect(body.byteLength).toBe(7);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const request = new Request("http://x", {
      method: "POST",
      body: streamOf([5]),
      headers: { "content-length": "5000" },
      duplex: "half",
    } as RequestInit);
    await expect(readBodyLimited(request, 100, "logo")).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ path: ["logo"] }],
    });
    expect(request.bodyUsed).toBe(false);
  });

  it("stops an undeclared stream at the limit without reading the rest", async () => {
    let pulled = 0;
    const request = new Request("http://x", {
      method: "POST",
      body: streamOf([60, 60, 60, 60, 60], () => pulled++),
      duplex: "half",
    } as RequestInit);
    await expect(readBodyLimited(request, 100)).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(pulled).toBeLessThan(5);
  });
});
