import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./sign-webhook";

describe("webhook signatures", () => {
  it("is HMAC-SHA256 over timestamp + '.' + body, hex, prefixed v1=", () => {
    const expected = createHmac("sha256", "whsec_x").update('1700000000.{"a":1}').digest("hex");
    expect(signWebhook("whsec_x", 1700000000, '{"a":1}')).toBe(`v1=${expected}`);
  });
  it("verifies a fresh signature and refuses a replayed (old) timestamp or a changed body", () => {
    const sig = signWebhook("whsec_x", 1700000000, "body");
    expect(
      verifyWebhookSignature({
        secret: "whsec_x",
        timestamp: "1700000000",
        body: "body",
        signature: sig,
        nowSeconds: 1700000100,
      }),
    ).toBe(true);
    expect(
      verifyWebhookSignature({
        secret: "whsec_x",
        timestamp: "1700000000",
        body: "body",
        signature: sig,
        nowSeconds: 1700000301,
      }),
    ).toBe(false);
    expect(
      verifyWebhookSignature({
        secret: "whsec_x",
        timestamp: "1700000000",
        body: "body!",
        signature: sig,
        nowSeconds: 1700000100,
      }),
    ).toBe(false);
  });
});
