import "server-only";
import type { User } from "@/generated/prisma/client";
import { normalizeEmail } from "@/lib/accounts/account-rules";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { recordAccountEvent } from "@/lib/sessions/record-account-event";
import { burnPasswordVerification, verifyPassword } from "./password";

/**
 * Login throttling (OWASP ASVS 2.2.1), kept in login_attempts:
 * - per account: 5 failures in 15 minutes (a successful login starts the count afresh);
 * - per client IP: 30 failures in 15 minutes (successes do not reset it, so an attacker
 *   cannot clear it by logging into an account of their own).
 * The account key is used for unknown e-mails too, so throttling reveals nothing.
 */
export const LOGIN_LIMITS = {
  account: { maxFailures: 5, windowSeconds: 15 * 60, resetOnSuccess: true },
  ip: { maxFailures: 30, windowSeconds: 15 * 60, resetOnSuccess: false },
} as const;

export const WRONG_CREDENTIALS = "Wrong e-mail or password";

export type Limit = { maxFailures: number; windowSeconds: number; resetOnSuccess: boolean };

/**
 * The user for an e-mail and password, or UNAUTHENTICATED, or RATE_LIMITED with
 * `retryAfter` seconds. Each attempt is recorded as a failure *before* the password is
 * checked and the count includes it, so concurrent guesses cannot slip past the limit; a
 * throttled attempt is removed again (it did not test a password) and a correct one is
 * marked as succeeded.
 */
export async function verifyLogin(
  db: Database,
  { email, password, ip }: { email: string; password: string; ip: string | null },
): Promise<User> {
  const normalized = normalizeEmail(email ?? "");
  const keys: [string, Limit][] = [[`account:${normalized}`, LOGIN_LIMITS.account]];
  if (ip) keys.push([`ip:${ip}`, LOGIN_LIMITS.ip]);

  const attempt = await beginThrottledAttempt(db, keys, "logins").catch(async (error: unknown) => {
    // Failed sign-ins over the limit go to the account security log (of the account, when it exists).
    if (error instanceof AppError && error.code === "RATE_LIMITED") {
      const known = normalized
        ? await db.prisma.user.findUnique({ where: { email: normalized }, select: { id: true } })
        : null;
      await recordAccountEvent(db, {
        userId: known?.id ?? null,
        action: "signIn.throttled",
        ip,
        data: known ? {} : { email: normalized.slice(0, 200) },
      });
    }
    throw error;
  });
  const user = normalized ? await db.prisma.user.findUnique({ where: { email: normalized } }) : null;
  const ok = user
    ? await verifyPassword(user.passwordHash, password ?? "")
    : (await burnPasswordVerification(password ?? ""), false);
  if (!ok || !user) throw new AppError("UNAUTHENTICATED", WRONG_CREDENTIALS);

  await attempt.succeeded();
  // Old attempts are useless after the window; trim them now and then rather than in a job.
  if (Math.random() < 0.02)
    await db.sql.query("DELETE FROM login_attempts WHERE attempted_at < now() - interval '1 day'");
  return user;
}

/**
 * Records a failed attempt under every key *before* the secret is checked (the count includes
 * it, so concurrent guesses cannot slip past a limit), then refuses with RATE_LIMITED and
 * `retryAfter` when a key is over its limit — removing the attempt again, as it tested nothing.
 * Call `succeeded()` when the secret was right.
 */
export async function beginThrottledAttempt(
  db: Database,
  keys: readonly [string, Limit][],
  what: string,
): Promise<{ succeeded(): Promise<void> }> {
  const { rows: attemptRows } = await db.sql.query<{ id: string }>(
    `INSERT INTO login_attempts (key, succeeded) SELECT unnest($1::text[]), false RETURNING id`,
    [keys.map(([key]) => key)],
  );
  const attemptIds = attemptRows.map((r) => r.id);
  let retryAfter = 0;
  for (const [key, limit] of keys) retryAfter = Math.max(retryAfter, await throttled(db, key, limit));
  if (retryAfter > 0) {
    await db.sql.query("DELETE FROM login_attempts WHERE id = ANY($1::bigint[])", [attemptIds]);
    throw new AppError("RATE_LIMITED", `Too many failed ${what}; try again in ${formatWait(retryAfter)}`, {
      retryAfter,
    });
  }
  return {
    async succeeded() {
      await db.sql.query("UPDATE login_attempts SET succeeded = true WHERE id = ANY($1::bigint[])", [attemptIds]);
    },
  };
}

/**
 * Seconds until `key` may try again (0 = not throttled). The count includes the attempt just
 * recorded: with 5 allowed, the 6th is refused until the oldest of the last 5 failures
 * leaves the window.
 */
async function throttled(db: Database, key: string, limit: Limit): Promise<number> {
  const { rows } = await db.sql.query<{ failures: number; retry_after: number | null }>(
    `WITH since AS (
       SELECT greatest(now() - make_interval(secs => $2),
                       CASE WHEN $3::boolean THEN coalesce((SELECT max(attempted_at) FROM login_attempts
                                                             WHERE key = $1 AND succeeded), '-infinity') ELSE '-infinity' END) AS t
     ), fails AS (
       SELECT a.attempted_at FROM login_attempts a, since WHERE a.key = $1 AND NOT a.succeeded AND a.attempted_at > since.t
     )
     SELECT (SELECT count(*) FROM fails)::int AS failures,
            (SELECT ceil(extract(epoch FROM (f.attempted_at + make_interval(secs => $2) - now())))::int
               FROM fails f ORDER BY f.attempted_at DESC OFFSET $4 LIMIT 1) AS retry_after`,
    [key, limit.windowSeconds, limit.resetOnSuccess, limit.maxFailures],
  );
  const row = rows[0];
  if (!row || row.failures <= limit.maxFailures) return 0;
  // The (max+1)-th most recent failure is the oldest that must leave the window.
  return Math.max(1, row.retry_after ?? limit.windowSeconds);
}

function formatWait(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`;
}
