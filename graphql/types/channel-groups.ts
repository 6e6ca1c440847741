import { actorOf } from "@/lib/audit/actor";
import { CHANNEL_GROUPS } from "@/lib/channel-groups/channel-groups";
import { type WorkspaceChannel, listWorkspaceChannels } from "@/lib/channel-groups/list-workspace-channels";
import { setChannelGroup } from "@/lib/channel-groups/set-channel-group";
import { builder } from "../builder";
import { inWorkspace, onWorkspace } from "../authz";
import { parseWorkspaceId } from "../ids";
import { WorkspaceRef } from "./workspace";

const ChannelGroupSourceEnum = builder.enumType("ChannelGroupSource", {
  description: "Where a channel's group comes from.",
  values: {
    WORKSPACE: { description: "The workspace put the channel in this group." },
    DEFAULT: { description: "The default groups (the channel's name is a known one)." },
  } as const,
});

const WorkspaceChannelRef = builder.objectRef<WorkspaceChannel>("WorkspaceChannel").implement({
  description: 'A channel of the workspace and the channel group scoped KPIs read it in (SPEC §4.2 "Channel groups").',
  fields: (t) => ({
    channel: t.exposeString("channel", {
      description: "The channel's name as the facts carry it (or as it was mapped, before any fact).",
    }),
    group: t.exposeString("group", {
      nullable: true,
      description:
        "paid, social, content, email, organic, referral or other; null: unmapped — no group-scoped KPI reads the channel until it is mapped.",
    }),
    source: t.field({
      type: ChannelGroupSourceEnum,
      nullable: true,
      description: "Where the group comes from; null when unmapped.",
      resolve: (c) => c.source,
    }),
    hasData: t.exposeBoolean("hasData", { description: "Whether any fact carries this channel." }),
  }),
});

builder.objectFields(WorkspaceRef, (t) => ({
  channels: t.field({
    type: [WorkspaceChannelRef],
    description: "The workspace's channels with their channel group, unmapped ones first.",
    authScopes: onWorkspace("metrics.read"),
    resolve: (ws, _args, ctx) => listWorkspaceChannels({ db: ctx.db, workspaceId: ws.id }),
  }),
  channelGroups: t.stringList({
    description: "The channel groups a channel can be put in (and a KPI scoped to).",
    authScopes: onWorkspace("metrics.read"),
    resolve: () => [...CHANNEL_GROUPS],
  }),
}));

const SetChannelGroupInput = builder.inputType("SetChannelGroupInput", {
  description: "Puts one channel into a channel group, or back to its default.",
  fields: (t) => ({
    workspaceId: t.id({ required: true, description: "The workspace." }),
    channel: t.string({
      required: true,
      description: 'The channel\'s name (case and spaces do not matter: "Google Ads " is google_ads).',
    }),
    group: t.string({
      required: false,
      description:
        "paid, social, content, email, organic, referral or other; null or absent returns the channel to its default group. Any other value is a field error and nothing is saved.",
    }),
  }),
});

const SetChannelGroupPayload = builder
  .objectRef<{ workspaceId: string; channel: string; group: string | null }>("SetChannelGroupPayload")
  .implement({
    description: "The channel as mapped now.",
    fields: (t) => ({
      channel: t.exposeString("channel", { description: "The channel's name as given." }),
      group: t.exposeString("group", {
        nullable: true,
        description: "The group the workspace chose; null: back to the default.",
      }),
    }),
  });

builder.mutationField("setChannelGroup", (t) =>
  t.field({
    type: SetChannelGroupPayload,
    description:
      "Maps a channel to a channel group of the workspace (metricDefinition.manage); audited; scorecards follow at once.",
    args: {
      input: t.arg({
        description: "The workspace, the channel and its group (null returns it to the default).",
        type: SetChannelGroupInput,
        required: true,
      }),
    },
    authScopes: inWorkspace("metricDefinition.manage", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const result = await setChannelGroup(ctx.db, {
        workspaceId,
        actor: actorOf(ctx.viewer!),
        channel: input.channel,
        group: input.group ?? null,
      });
      return { workspaceId, ...result };
    },
  }),
);
