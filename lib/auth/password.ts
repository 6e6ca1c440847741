import "server-only";
import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { type FieldError, fieldError } from "@/lib/errors/app-error";

/**
 * Password hashing and rules.
 *
 * Hashing: argon2id with OWASP's minimum recommended parameters (m = 19 MiB, t = 2, p = 1).
 * Rules (OWASP ASVS 2.1): at least 8 characters, up to 128 allowed (ASVS asks that ≥ 64 be
 * allowed; 128 keeps the hashing cost bounded), not a commonly used password, not the
 * account's own e-mail address, and strong enough: zxcvbn's estimate (@zxcvbn-ts with the common
 * dictionaries and keyboard graphs) at least {@link PASSWORD_MIN_SCORE} of 4 — "aaaaaaaa",
 * eight spaces, "12345678a" and keyboard walks fail it, a four-word passphrase passes. No
 * composition rules (ASVS 2.1.9).
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score (0–4) a new password needs: 3 = "safely unguessable: moderate protection from offline slow-hash scenario". */
export const PASSWORD_MIN_SCORE = 3;

let zxcvbn: ZxcvbnFactory | undefined;

/** zxcvbn's 0–4 score of a password; the account's e-mail and name count as known words. */
export function passwordScore(password: string, userInputs: string[] = []): number {
  zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  // zxcvbn's matching is superlinear in the length; beyond 100 characters the score is 4 anyway.
  return zxcvbn.check(password.slice(0, 100), userInputs).score;
}

/** Algorithm.Argon2id; the enum is a `const enum`, which isolatedModules cannot read. */
const ARGON2ID = 2 as Algorithm;

export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

let commonPasswords: Set<string> | undefined;

/** The common-password list of @zxcvbn-ts/language-common (≈ 49 k entries), lower-cased. */
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** Length in code points, so an emoji counts as one character. */
function passwordLength(password: string): number {
  return [...password].length;
}

/**
 * Problems with a new password, as field errors on `path` (empty when it is acceptable).
 * `email` is the e-mail of the account the password is for.
 */
export function checkPassword(
  password: string,
  { email, path = ["password"] }: { email?: string | null; path?: (string | number)[] } = {},
): FieldError[] {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return [fieldError(path, "PASSWORD_TOO_SHORT", { min: PASSWORD_MIN_LENGTH })];
  if (length > PASSWORD_MAX_LENGTH) return [fieldError(path, "PASSWORD_TOO_LONG", { max: PASSWORD_MAX_LENGTH })];
  if (isCommonPassword(password)) return [fieldError(path, "PASSWORD_COMMON")];
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return [fieldError(path, "PASSWORD_IS_EMAIL")];
  }
  const inputs = email ? [email, ...email.split(/[@.+_-]/).filter((p) => p.length >= 3)] : [];
  if (password.trim() === "" || passwordScore(password, inputs) < PASSWORD_MIN_SCORE) {
    return [fieldError(path, "PASSWORD_WEAK")];
  }
  return [];
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  // Over-long input cannot match a stored password, but it costs one bounded verification all
  // the same: answering it at once for a known account and after a dummy verification for an
  // unknown one told the two apart (the probe saw ~2× faster answers for known accounts).
  if (passwordLength(password) > PASSWORD_MAX_LENGTH) {
    await burnPasswordVerification(password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification against a throwaway hash: login for an unknown e-mail
 * then takes about as long as for a known one, so timing does not reveal which accounts exist.
 */
export async function burnPasswordVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword("throughline-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password.slice(0, PASSWORD_MAX_LENGTH));
}
