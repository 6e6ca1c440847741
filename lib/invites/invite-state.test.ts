import { describe, expect, it } from "vitest";
import { inviteState } from "./invite-state";
import { generateInviteToken, hashInviteToken, isWellFormedInviteToken } from "./invite-token";

describe("inviteState", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const future = new Date("2026-12-01T00:00:00Z");
  const past = new Date("2026-11-20T00:00:00Z");

  it("orders accepted > revoked > expired > pending", () => {
    expect(inviteState({ acceptedAt: past, revokedAt: past, expiresAt: past }, now)).toBe("ACCEPTED");
    expect(inviteState({ acceptedAt: null, revokedAt: past, expiresAt: past }, now)).toBe("REVOKED");
    expect(inviteState({ acceptedAt: null, revokedAt: null, expiresAt: past }, now)).toBe("EXPIRED");
    expect(inviteState({ acceptedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("EXPIRED");
    expect(inviteState({ acceptedAt: null, revokedAt: null, expiresAt: future }, now)).toBe("PENDING");
  });
});

describe("invite tokens", () => {
  it("are 32 random bytes in base64url, stored as SHA-256 hex", () => {
    const { token, tokenHash } = generateInviteToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(isWellFormedInviteToken(token)).toBe(true);
    expect(tokenHash).toBe(hashInviteToken(token));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(isWellFormedInviteToken(token + "=")).toBe(false);
    expect(generateInviteToken().token).not.toBe(token);
  });
});
