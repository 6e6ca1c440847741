import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";

/** The actions of the account security log (the account page translates them). */
export type AccountAction =
  | "signIn"
  | "signIn.throttled"
  | "session.revoked"
  | "session.revokedAll"
  | "password.changed"
  | "password.resetRequested"
  | "password.reset";

export const ACCOUNT_ACTIONS: readonly AccountAction[] = [
  "signIn",
  "signIn.throttled",
  "session.revoked",
  "session.revokedAll",
  "password.changed",
  "password.resetRequested",
  "password.reset",
];

/**
 * Appends one event to the account security log (account_events, per person — the workspace
 * audit log is per workspace, and these events belong to a person across workspaces).
 * Never secrets: no passwords, no tokens.
 */
export async function recordAccountEvent(
  db: Database,
  event: {
    userId: string | null;
    action: AccountAction;
    sessionId?: string | null;
    ip?: string | null;
    data?: Prisma.InputJsonObject;
  },
): Promise<void> {
  await db.prisma.accountEvent.create({
    data: {
      userId: event.userId,
      action: event.action,
      sessionId: event.sessionId ?? null,
      ip: event.ip ?? null,
      data: event.data ?? {},
    },
  });
}
