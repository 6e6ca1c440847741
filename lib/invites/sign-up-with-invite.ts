import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { emailSchema, passwordFieldSchema, personNameSchema } from "@/lib/accounts/account-rules";
import { insertUser } from "@/lib/accounts/insert-user";
import type { SignUpResult } from "@/lib/accounts/sign-up";
import { checkPassword, hashPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { badInput, parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertInvitationUsable, claimInvite } from "./claim-invite";
import { findInvitationByToken } from "./find-invitation-by-token";

export const signUpWithInviteInputSchema = z.object({
  token: z.string(),
  name: personNameSchema,
  password: passwordFieldSchema,
  /** Optional: when given it must be the invite's address (the form shows it read-only). */
  email: emailSchema.nullish(),
});

/**
 * A new person creates their account from an invite link and joins the workspace in one
 * transaction. The account's e-mail is the invite's; an existing account must sign in and
 * accept instead.
 */
export async function signUpWithInvite(
  db: Database,
  input: z.input<typeof signUpWithInviteInputSchema>,
): Promise<SignUpResult> {
  const data = parseInput(signUpWithInviteInputSchema, input);
  const invitation = assertInvitationUsable(await findInvitationByToken(db, { token: data.token }));
  if (data.email && data.email !== invitation.email) {
    throw AppError.badInput(["email"], "INVITE_FOR_EMAIL", { email: invitation.email });
  }
  const problems = checkPassword(data.password, { email: invitation.email });
  if (problems.length > 0) throw badInput(problems);
  const passwordHash = await hashPassword(data.password);
  const userId = randomUUID();
  try {
    return await withTenant(db, { workspaceId: invitation.workspaceId, userId }, async (tx) => {
      const locale =
        (await tx.workspace.findFirst({ where: { id: invitation.workspaceId }, select: { locale: true } }))?.locale ??
        "en";
      let user;
      try {
        user = await insertUser(tx, { id: userId, email: invitation.email, name: data.name, passwordHash, locale });
      } catch (error) {
        // No e-mail field in this form: the taken address is the invite's.
        if (error instanceof AppError && error.code === "BAD_USER_INPUT") {
          throw AppError.badInput(["token"], "EMAIL_TAKEN_ACCEPT_INVITE");
        }
        throw error;
      }
      const { workspace } = await claimInvite(tx, { invitation, userId });
      return { user, workspace };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.badInput(["token"], "EMAIL_TAKEN_ACCEPT_INVITE");
    throw error;
  }
}
