import "server-only";
import type { User } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import type { Tx } from "@/lib/tenancy/with-tenant";

/** The one message for a taken e-mail, on sign-up and on sign-up from an invite. */
export const EMAIL_TAKEN = "An account with this e-mail already exists; sign in instead";

/**
 * Inserts a user (users is global, not tenant-owned). A taken e-mail is a BAD_USER_INPUT on
 * `email`; the unique index catches the race between two sign-ups with the same address,
 * which then fails the whole transaction.
 */
export async function insertUser(
  tx: Tx,
  user: { id: string; email: string; name: string; passwordHash: string; locale: string },
): Promise<User> {
  const existing = await tx.user.findUnique({ where: { email: user.email }, select: { id: true } });
  if (existing) throw AppError.badInput(["email"], "EMAIL_TAKEN");
  return tx.user.create({ data: user });
}
