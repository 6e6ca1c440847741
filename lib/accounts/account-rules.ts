import { z } from "zod";

/** E-mail addresses are stored lower-case (users_email_lower) and compared that way. */
export const emailSchema = z
  .string()
  .trim()
  .max(254, "E-mail must be at most 254 characters")
  .transform((s) => s.toLowerCase())
  .pipe(z.email("Enter a valid e-mail address"));

export const personNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters");

/** Shape only; the strength rules (length, common list, e-mail) are lib/auth/password.ts. */
export const passwordFieldSchema = z.string().max(1024, "Password must be at most 128 characters");

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
