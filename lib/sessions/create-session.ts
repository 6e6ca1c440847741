import "server-only";
import type { Database } from "@/lib/db/client";
import { recordAccountEvent } from "./record-account-event";
import { sessionSettings } from "./session-settings";

/**
 * Starts a server-side session for a person who just proved who they are (sign-in, sign-up,
 * a password change): the row the cookie's `sid` names. Records the sign-in in the account log.
 */
export async function createSession(
  db: Database,
  input: {
    userId: string;
    userAgent?: string | null;
    ip?: string | null;
    reason?: "signIn" | "signUp" | "passwordChanged";
  },
): Promise<{ id: string; expiresAt: Date }> {
  const { maxSeconds } = sessionSettings();
  const session = await db.prisma.userSession.create({
    data: {
      userId: input.userId,
      expiresAt: new Date(Date.now() + maxSeconds * 1000),
      userAgent: (input.userAgent ?? "").slice(0, 300),
      ip: input.ip ?? null,
    },
    select: { id: true, expiresAt: true },
  });
  if ((input.reason ?? "signIn") === "signIn")
    await recordAccountEvent(db, { userId: input.userId, action: "signIn", sessionId: session.id, ip: input.ip });
  return session;
}
