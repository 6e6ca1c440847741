import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenantSql } from "./tenant-sql";
import { ue } from "@/lib/errors/user-errors";

export const DELIVERY_MODES = ["IMMEDIATE", "DAILY_DIGEST", "WEEKLY_DIGEST", "OFF"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface NotificationPreference {
  workspaceId: string;
  userId: string;
  delivery: DeliveryMode;
  /** Hour of the digest in the workspace's time zone, 0–23. */
  digestHour: number;
  /** ISO weekday of the weekly digest, 1 = Monday … 7 = Sunday. */
  digestWeekday: number;
}

/** Without a saved choice: every alert by e-mail at once; digests at 08:00, weekly on Monday. */
export const DEFAULT_PREFERENCE = { delivery: "IMMEDIATE", digestHour: 8, digestWeekday: 1 } as const;

const preferenceSchema = z.object({
  delivery: z.enum(DELIVERY_MODES),
  digestHour: z.number().int(ue("WHOLE_NUMBER")).min(0, ue("DIGEST_HOUR_RANGE")).max(23, ue("DIGEST_HOUR_RANGE")),
  digestWeekday: z.number().int(ue("WHOLE_NUMBER")).min(1, ue("WEEKDAY_RANGE")).max(7, ue("WEEKDAY_RANGE")),
});

/** A person's alert e-mail preference in a workspace (the default when none is saved). */
export async function findNotificationPreference(
  db: Database,
  input: { workspaceId: string; userId: string },
): Promise<NotificationPreference> {
  return withTenantSql(db, input.workspaceId, async (sql) => {
    const { rows } = await sql.query<{ delivery: DeliveryMode; digest_hour: number; digest_weekday: number }>(
      `SELECT delivery, digest_hour, digest_weekday FROM notification_preferences WHERE workspace_id = $1::uuid AND user_id = $2::uuid`,
      [input.workspaceId, input.userId],
    );
    const r = rows[0];
    return r
      ? {
          workspaceId: input.workspaceId,
          userId: input.userId,
          delivery: r.delivery,
          digestHour: r.digest_hour,
          digestWeekday: r.digest_weekday,
        }
      : { workspaceId: input.workspaceId, userId: input.userId, ...DEFAULT_PREFERENCE };
  });
}

/**
 * Saves how a person receives a workspace's alerts by e-mail: at once, a daily or weekly digest
 * at a given hour (and weekday), or not at all. Fields not given keep their value. Bad input
 * (an hour outside 0–23, a weekday outside 1–7) is a field error and nothing is saved.
 */
export async function setNotificationPreference(
  db: Database,
  input: {
    workspaceId: string;
    userId: string;
    delivery: string;
    digestHour?: number | null;
    digestWeekday?: number | null;
  },
): Promise<NotificationPreference> {
  const current = await findNotificationPreference(db, input);
  const p = parseInput(preferenceSchema, {
    delivery: input.delivery,
    digestHour: input.digestHour ?? current.digestHour,
    digestWeekday: input.digestWeekday ?? current.digestWeekday,
  });
  await withTenantSql(db, input.workspaceId, (sql) =>
    sql.query(
      `INSERT INTO notification_preferences (workspace_id, user_id, delivery, digest_hour, digest_weekday) VALUES ($1::uuid, $2::uuid, $3, $4, $5)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET delivery = excluded.delivery, digest_hour = excluded.digest_hour,
         digest_weekday = excluded.digest_weekday, updated_at = now()`,
      [input.workspaceId, input.userId, p.delivery, p.digestHour, p.digestWeekday],
    ),
  );
  return { workspaceId: input.workspaceId, userId: input.userId, ...p };
}
