import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Nothing else reads process.env
 * (Next's own NEXT_* / NODE_ENV aside). README.md documents each of them.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL connection string. Unset: the embedded PGlite database is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Role the app switches to after connecting (non-superuser, RLS applies). Empty: connect as is. */
  DATABASE_APP_ROLE: z.string().default("throughline_app"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Data directory of the embedded database. `memory://` keeps it in memory. */
  PGLITE_DATA_DIR: z.string().default(".data/pglite"),
  /** Secret that signs session cookies. Unset: generated once and kept in .data/auth-secret. */
  AUTH_SECRET: z.string().min(32).optional(),
  /** Public base URL, used in invite links and e-mails. */
  APP_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port — when set, invites are e-mailed. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Throughline <no-reply@throughline.local>"),
  /** Seed the demo workspace on first start (default on). */
  SEED_DEMO: z.enum(["0", "1", "true", "false"]).default("1"),
  /**
   * Let outbound webhooks reach private, loopback and link-local addresses and plain http://
   * (tests, on-premise installs). Default off: only https to public addresses.
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(["0", "1", "true", "false"]).default("0"),
  /** A session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(525_600).default(720),
  /** …and this many days after sign-in in any case. */
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Sign-ups allowed per client address per hour. */
  SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Proxy hops in front of the app whose X-Forwarded-For entries are believed (0 = use the socket address). */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|true|false)$/, "a number of proxy hops (0, 1, 2, …)")
    .default("0"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Forgets the validated environment so the next env() reads process.env again (tests that start servers on port 0). */
export function resetEnvCache(): void {
  cached = undefined;
}

export function isTruthy(flag: string): boolean {
  return flag === "1" || flag === "true";
}

/** The session-signing secret; generated and persisted on first use when AUTH_SECRET is unset. */
export function authSecret(): string {
  const fromEnv = env().AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.resolve(".data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
