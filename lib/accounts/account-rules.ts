import { z } from "zod";
import { ue } from "@/lib/errors/user-errors";

/** E-mail addresses are stored lower-case (users_email_lower) and compared that way. */
export const emailSchema = z
  .string()
  .trim()
  .max(254, ue("EMAIL_TOO_LONG"))
  .transform((s) => s.toLowerCase())
  .pipe(z.email(ue("EMAIL_INVALID")));

export const personNameSchema = z
  .string()
  .trim()
  .min(1, ue("PERSON_NAME_REQUIRED"))
  .max(100, ue("PERSON_NAME_TOO_LONG"));

/** Shape only; the strength rules (length, common list, e-mail) are lib/auth/password.ts. */
export const passwordFieldSchema = z.string().max(1024, ue("PASSWORD_FIELD_TOO_LONG"));

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
