import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { normalizeEmail } from "@/lib/accounts/account-rules";
import { beginThrottledAttempt } from "@/lib/auth/verify-login";
import type { Database } from "@/lib/db/client";
import { sendMail } from "@/lib/mail/send-mail";
import { passwordResetEmail } from "./password-reset-email";
import { recordAccountEvent } from "./record-account-event";

/** A reset link works for an hour, once. */
export const RESET_TOKEN_SECONDS = 60 * 60;
/** Per address: 3 requests an hour; per client: 20 an hour (every request counts). */
export const RESET_LIMITS = {
  account: { maxFailures: 3, windowSeconds: 60 * 60, resetOnSuccess: false },
  ip: { maxFailures: 20, windowSeconds: 60 * 60, resetOnSuccess: false },
} as const;

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * "Forgot password": when the address has an account, a single-use token (32 random bytes;
 * only its SHA-256 is stored) valid for an hour is e-mailed as a link. The answer is the same
 * whether the address has an account or not — the caller always says "if an account exists,
 * we sent a link" — and the mail goes out in the background so that timing tells nothing
 * either. Throttled per address and per client (RATE_LIMITED only for the client's own excess,
 * the same for known and unknown addresses).
 */
export async function requestPasswordReset(
  db: Database,
  input: { email: string; ip: string | null; baseUrl: string; locale?: string | null },
): Promise<void> {
  const email = normalizeEmail(input.email ?? "");
  const keys: [string, (typeof RESET_LIMITS)[keyof typeof RESET_LIMITS]][] = [
    [`reset-account:${email}`, RESET_LIMITS.account],
  ];
  if (input.ip) keys.push([`reset-ip:${input.ip}`, RESET_LIMITS.ip]);
  await beginThrottledAttempt(db, keys, "password reset requests");
  const user = email
    ? await db.prisma.user.findUnique({ where: { email }, select: { id: true, email: true, locale: true } })
    : null;
  if (!user) return;
  const token = randomBytes(32).toString("base64url");
  await db.prisma.passwordReset.create({
    data: {
      userId: user.id,
      tokenHash: hashResetToken(token),
      expiresAt: new Date(Date.now() + RESET_TOKEN_SECONDS * 1000),
    },
  });
  await recordAccountEvent(db, { userId: user.id, action: "password.resetRequested", ip: input.ip });
  void sendMail(
    passwordResetEmail({
      to: user.email,
      locale: user.locale,
      url: `${input.baseUrl}/reset-password/${token}`,
      minutes: RESET_TOKEN_SECONDS / 60,
    }),
  );
}
