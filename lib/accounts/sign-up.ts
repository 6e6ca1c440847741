import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { User, Workspace } from "@/generated/prisma/client";
import { checkPassword, hashPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";
import { signUpAttemptEmail } from "./account-emails";
import { badInput, parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { insertWorkspace } from "@/lib/workspaces/insert-workspace";
import {
  currencySchema,
  defaultSettings,
  localeSchema,
  timeZoneSchema,
  workspaceNameSchema,
} from "@/lib/workspaces/workspace-settings";
import { EMAIL_TAKEN, insertUser } from "./insert-user";
import { emailSchema, passwordFieldSchema, personNameSchema } from "./account-rules";

/** SignUpInput of SPEC §9.1. Optional settings fall back to defaultSettings(locale). */
export const signUpInputSchema = z.object({
  email: emailSchema,
  password: passwordFieldSchema,
  name: personNameSchema,
  workspaceName: workspaceNameSchema,
  currency: currencySchema.nullish(),
  timeZone: timeZoneSchema.nullish(),
  locale: localeSchema.nullish(),
});

/** What callers pass (strings as typed in a form); signUpInputSchema checks and normalizes it. */
export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  workspaceName: string;
  currency?: string | null;
  timeZone?: string | null;
  locale?: string | null;
  /** Public base URL for the links of the e-mail an existing address's owner gets. */
  baseUrl?: string;
}

export interface SignUpResult {
  user: User;
  workspace: Workspace;
}

/**
 * Creates a person, their first workspace and their OWNER membership in one transaction
 * (SPEC §2.1). Starting the session is the caller's job (the mutation sets the cookie).
 *
 * An address that already has an account: the answer is still "taken" (a new account is
 * signed in at once, so no answer could look like one), but the password is hashed first in
 * either case (equal work), the owner is e-mailed about the attempt, and the mutation is
 * throttled per client address (lib/auth/throttle-client.ts), so enumeration is slow and seen.
 * Field errors name paths inside `input` (e.g. ["email"]).
 */
export async function signUp(db: Database, input: SignUpInput): Promise<SignUpResult> {
  const data = parseInput(signUpInputSchema, input);
  const passwordProblems = checkPassword(data.password, { email: data.email });
  if (passwordProblems.length > 0) throw badInput(passwordProblems);
  const defaults = defaultSettings(data.locale ?? undefined);
  // Hash before opening the transaction: argon2 takes tens of milliseconds and should not
  // hold a connection (or, on PGlite, the only one).
  const passwordHash = await hashPassword(data.password);
  const userId = randomUUID();
  const workspaceId = randomUUID();
  try {
    return await withTenant(db, { workspaceId, userId }, async (tx) => {
      const user = await insertUser(tx, {
        id: userId,
        email: data.email,
        name: data.name,
        passwordHash,
        locale: defaults.locale,
      });
      const workspace = await insertWorkspace(tx, {
        id: workspaceId,
        name: data.workspaceName,
        currency: data.currency ?? defaults.currency,
        timeZone: data.timeZone ?? defaults.timeZone,
        locale: defaults.locale,
        ownerUserId: userId,
      });
      return { user, workspace };
    });
  } catch (error) {
    const taken = isUniqueViolation(error) || (isAppError(error) && error.message.endsWith(EMAIL_TAKEN));
    if (!taken) throw error;
    // The owner of the address hears of the attempt (in the background: the answer must not
    // wait for, or be timed by, the mail server).
    const owner = await db.prisma.user.findUnique({
      where: { email: data.email },
      select: { email: true, locale: true },
    });
    if (owner)
      void sendMail(
        signUpAttemptEmail({
          to: owner.email,
          locale: owner.locale,
          baseUrl: input.baseUrl ?? env().APP_URL ?? "http://localhost:3000",
        }),
      );
    throw AppError.badInput(["email"], "EMAIL_TAKEN");
  }
}
