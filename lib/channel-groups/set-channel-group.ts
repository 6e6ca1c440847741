import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { CHANNEL_GROUPS, type ChannelGroup, channelKey, isChannelGroup } from "./channel-groups";

export interface SetChannelGroupInput {
  workspaceId: string;
  actor: Actor;
  /** A channel name as facts carry it (matched by key: case and spaces do not matter). */
  channel: string;
  /** The group to put it in; null returns the channel to its default group (or to none). */
  group: string | null;
}

/**
 * Puts one channel of a workspace into a channel group (or back to its default), audited.
 * Scorecards and metric reads follow at once (the table bumps the workspace data version).
 * Errors name the field: an empty or over-long channel (["input", "channel"]), a group that
 * does not exist (["input", "group"]) — nothing is saved then.
 */
export async function setChannelGroup(
  db: Database,
  input: SetChannelGroupInput,
): Promise<{ channel: string; group: ChannelGroup | null }> {
  const channel = input.channel.trim();
  const key = channelKey(channel);
  if (key === "") throw AppError.badInput(["input", "channel"], "CHANNEL_NAME_REQUIRED");
  if (channel.length > 200) throw AppError.badInput(["input", "channel"], "TOO_LONG", { max: 200 });
  const group = input.group === null ? null : input.group.trim().toLowerCase();
  if (group !== null && !isChannelGroup(group)) {
    throw AppError.badInput(["input", "group"], "UNKNOWN_CHANNEL_GROUP", {
      group: String(input.group),
      groups: CHANNEL_GROUPS.join(", "),
    });
  }
  const actorUserId = input.actor.kind === "user" ? input.actor.userId : null;
  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const before = await tx.channelGroupMapping.findUnique({
      where: { workspaceId_channelKey: { workspaceId: input.workspaceId, channelKey: key } },
    });
    if (group === null) {
      await tx.channelGroupMapping.deleteMany({ where: { workspaceId: input.workspaceId, channelKey: key } });
    } else {
      await tx.channelGroupMapping.upsert({
        where: { workspaceId_channelKey: { workspaceId: input.workspaceId, channelKey: key } },
        create: {
          workspaceId: input.workspaceId,
          channelKey: key,
          channel,
          groupKey: group,
          updatedByUserId: actorUserId,
        },
        update: { channel, groupKey: group, updatedByUserId: actorUserId },
      });
    }
    await recordAuditEvent(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "channelGroup.updated",
      targetType: "workspace",
      targetId: input.workspaceId,
      data: { channel, from: before?.groupKey ?? null, to: group },
    });
    return { channel, group };
  });
}
