import { describe, expect, it } from "vitest";
import { PASSWORD_MAX_LENGTH, checkPassword, hashPassword, verifyPassword } from "./password";

describe("checkPassword", () => {
  it("accepts a long uncommon password", () => {
    expect(checkPassword("correct horse battery staple 42", { email: "a@b.co" })).toEqual([]);
  });

  it("rejects fewer than 8 characters", () => {
    expect(checkPassword("x7#kq2!", {})).toEqual([
      {
        path: ["password"],
        message: "Password must be at least 8 characters",
        reason: { code: "PASSWORD_TOO_SHORT", params: { min: 8 } },
      },
    ]);
  });

  it("counts code points, not UTF-16 units", () => {
    // 4 emoji are 8 UTF-16 units but 4 characters
    expect(checkPassword("😀😀😀😀")[0]?.message).toMatch(/at least 8/);
  });

  it("allows 64 and up to 128 characters, rejects 129", () => {
    const phrase = "violet harbour morning 42 copper meadow signal 58 amber lantern river 73 ";
    expect(checkPassword(phrase.repeat(2).slice(0, 64))).toEqual([]);
    expect(checkPassword(phrase.repeat(2).slice(0, 128))).toEqual([]);
    expect(checkPassword("k".repeat(PASSWORD_MAX_LENGTH + 1))[0]?.message).toMatch(/at most 128/);
  });

  it("rejects common passwords, case-insensitively", () => {
    expect(checkPassword("password1")[0]?.message).toMatch(/too common/);
    expect(checkPassword("QWERTY123")[0]?.message).toMatch(/too common/);
    expect(checkPassword("Iloveyou")[0]?.message).toMatch(/too common/);
  });

  it("rejects guessable passwords beside the common list: repeats, blanks, keyboard walks", () => {
    for (const weak of ["aaaaaaaa", "        ", "kkkkkkkkkkkkQQQQQQQQQQQQ", "1qaz2wsx3edc", "qwertyuiop12"]) {
      expect(checkPassword(weak, { email: "zoe.quill@example.com" })[0]?.message, weak).toMatch(
        /too (easy to guess|common)/,
      );
    }
    expect(checkPassword("a sturdy passphrase", { email: "zoe.quill@example.com" })).toEqual([]);
  });

  it("rejects the account's e-mail address", () => {
    expect(
      checkPassword("Zoe.Quill@example.com", { email: "zoe.quill@example.com", path: ["input", "password"] }),
    ).toEqual([
      {
        path: ["input", "password"],
        message: "Password must not be your e-mail address",
        reason: { code: "PASSWORD_IS_EMAIL" },
      },
    ]);
  });
});

describe("hashPassword / verifyPassword", () => {
  it("hashes with argon2id and OWASP parameters, and verifies", async () => {
    const hashed = await hashPassword("a sturdy passphrase");
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hashed, "a sturdy passphrase")).toBe(true);
    expect(await verifyPassword(hashed, "a sturdy passphrasE")).toBe(false);
  });

  it("returns false for a malformed hash or an over-long password", async () => {
    expect(await verifyPassword("not-a-hash", "whatever1")).toBe(false);
    const hashed = await hashPassword("a sturdy passphrase");
    expect(await verifyPassword(hashed, "x".repeat(200))).toBe(false);
  });
});
