import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, parseApiKey } from "./api-key-format";

describe("api key format", () => {
  it("generates tl_<12-char prefix>_<43-char secret> with a SHA-256 hash of the whole key", () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^tl_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(`tl_${key.prefix}_`)).toBe(true);
    expect(key.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.secretHash).toBe(hashApiKey(key.secret));
    expect(key.secretHash).not.toContain(key.secret);
  });

  it("carries at least 32 random bytes and never repeats", () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().secret));
    expect(keys.size).toBe(200);
    const secretPart = generateApiKey().secret.split("_").slice(2).join("_");
    expect(Buffer.from(secretPart, "base64url").length).toBeGreaterThanOrEqual(32);
  });

  it("parses the prefix of well-formed keys only", () => {
    const key = generateApiKey();
    expect(parseApiKey(key.secret)).toEqual({ prefix: key.prefix });
    expect(parseApiKey("tl_short_abc")).toBeNull();
    expect(parseApiKey(key.secret + "x")).toBeNull();
    expect(parseApiKey(`Bearer ${key.secret}`)).toBeNull();
    expect(parseApiKey("")).toBeNull();
  });
});
