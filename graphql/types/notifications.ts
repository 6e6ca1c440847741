import { ALERT_RULES } from "@/lib/alerts/alert-rules";
import { DELIVERY_MODES } from "@/lib/alerts/notification-preference";
import { countUnreadNotifications, findNotification, listNotifications } from "@/lib/alerts/list-notifications";
import { markNotificationsRead } from "@/lib/alerts/mark-notifications-read";
import type { NotificationRecord } from "@/lib/alerts/notification-record";
import {
  type NotificationPreference,
  findNotificationPreference,
  setNotificationPreference,
} from "@/lib/alerts/notification-preference";
import { AppError } from "@/lib/errors/app-error";
import { toLocale } from "@/lib/i18n/config";
import { builder } from "../builder";
import { inWorkspace, onWorkspace } from "../authz";
import type { GraphQLContext } from "../context";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, parseWorkspaceId, tenantNodeId } from "../ids";
import { parseTenantNodeInput, underInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

const RULE_DESCRIPTIONS: Record<(typeof ALERT_RULES)[number], string> = {
  KPI_AT_RISK: "A KPI's status turned at risk.",
  KPI_OFF_TRACK: "A KPI's status turned off track.",
  KPI_BACK_ON_TRACK: "A KPI that was at risk or off track is on track again.",
  FORECAST_MISS: "At the current pace a KPI will miss its period's target.",
  LTV_CAC_BELOW_3: "LTV:CAC fell below 3 (the unit-economics guardrail).",
  CHANNEL_SILENT: "A channel that sent data regularly has sent none for several days.",
  IMPORT_FAILED: "An import failed; nothing of it was written.",
  WEBHOOK_DISABLED: "A webhook was turned off after repeated failed deliveries.",
};

export const AlertRuleEnum = builder.enumType("AlertRule", {
  description: "The rule an alert cites (SPEC §8a).",
  values: Object.fromEntries(ALERT_RULES.map((r) => [r, { description: RULE_DESCRIPTIONS[r] }])) as Record<
    (typeof ALERT_RULES)[number],
    { description: string }
  >,
});

const AlertSeverityEnum = builder.enumType("AlertSeverity", {
  description: "How urgent an alert is.",
  values: {
    INFO: { value: "info", description: "Good news or for information (back on track)." },
    WARNING: { value: "warning", description: "Needs attention soon." },
    CRITICAL: { value: "critical", description: "Needs action now (off track, unit economics)." },
  } as const,
});

export const NotificationDeliveryEnum = builder.enumType("NotificationDelivery", {
  description: "How a person receives a workspace's alerts by e-mail (they always appear in the app).",
  values: {
    IMMEDIATE: { description: "One e-mail per alert, at once." },
    DAILY_DIGEST: { description: "One e-mail a day at the digest hour with the alerts since the last one." },
    WEEKLY_DIGEST: { description: "One e-mail a week on the digest weekday at the digest hour." },
    OFF: { description: "No e-mail; the notification list only." },
  } satisfies Record<(typeof DELIVERY_MODES)[number], { description: string }>,
});

const localeOf = (ctx: GraphQLContext) => toLocale(ctx.viewer?.kind === "user" ? ctx.viewer.locale : null) ?? "en";

/** One alert as the signed-in person received it. */
export const NotificationRef = builder.node(builder.objectRef<NotificationRecord>("Notification"), {
  description: "An alert as the signed-in person received it: what happened, the figures, and the rule it cites.",
  id: { resolve: (n) => tenantNodeId(n.workspaceId, n.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (
      !parsed ||
      ctx.viewer?.kind !== "user" ||
      !(await ctx.access(parsed.workspaceId))?.permissions.has("workspace.read")
    )
      return null;
    return findNotification(ctx.db, {
      workspaceId: parsed.workspaceId,
      userId: ctx.viewer.userId,
      notificationId: parsed.rowId,
    });
  },
  fields: (t) => ({
    rule: t.field({ type: AlertRuleEnum, description: "The rule the alert cites.", resolve: (n) => n.rule as never }),
    severity: t.field({
      type: AlertSeverityEnum,
      description: "How urgent it is.",
      resolve: (n) => n.severity as never,
    }),
    title: t.string({
      description: "What happened, in the viewer's language (names the KPI).",
      resolve: (n, _a, ctx) => n.title[localeOf(ctx)],
    }),
    body: t.string({
      description: "The figures behind it, formatted for the viewer's language.",
      resolve: (n, _a, ctx) => n.body[localeOf(ctx)],
    }),
    ruleText: t.string({
      description: "The rule the alert cites, in plain words.",
      resolve: (n, _a, ctx) => n.ruleText[localeOf(ctx)],
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the alert fired." }),
    readAt: t.expose("readAt", {
      type: "DateTime",
      nullable: true,
      description: "When the person marked it read; null while unread.",
    }),
  }),
});

/** A person's e-mail preference for a workspace's alerts. */
const NotificationPreferenceRef = builder.objectRef<NotificationPreference>("NotificationPreference").implement({
  description: "How the signed-in person receives this workspace's alerts by e-mail.",
  fields: (t) => ({
    delivery: t.field({
      type: NotificationDeliveryEnum,
      description: "At once, a daily or weekly digest, or off.",
      resolve: (p) => p.delivery,
    }),
    digestHour: t.exposeInt("digestHour", { description: "Hour of the digest (0–23) in the workspace's time zone." }),
    digestWeekday: t.exposeInt("digestWeekday", {
      description: "Weekday of the weekly digest: 1 = Monday … 7 = Sunday.",
    }),
  }),
});

builder.objectFields(WorkspaceRef, (t) => ({
  notifications: t.connection({
    type: NotificationRef,
    nullable: true,
    description: "The signed-in person's notifications here, newest first; null for an API key.",
    args: { unreadOnly: t.arg.boolean({ description: "Only the unread ones." }) },
    // "access", not workspace.read: every member role holds workspace.read, and a key (which may
    // not) gets null rather than an error.
    authScopes: onWorkspace("access"),
    resolve: async (ws, args, ctx, info) => {
      if (ctx.viewer?.kind !== "user") return null;
      const userId = ctx.viewer.userId;
      return resolveCountedConnection(args, info, (page) =>
        listNotifications(ctx.db, { workspaceId: ws.id, userId, unreadOnly: args.unreadOnly ?? false, ...page }),
      );
    },
  }),
  unreadNotificationCount: t.int({
    nullable: true,
    description:
      "How many of the signed-in person's notifications here are unread (the header badge); null for an API key.",
    // "access", not workspace.read: every member role holds workspace.read, and a key (which may
    // not) gets null rather than an error.
    authScopes: onWorkspace("access"),
    resolve: async (ws, _args, ctx) => {
      if (ctx.viewer?.kind !== "user") return null;
      return countUnreadNotifications(ctx.db, { workspaceId: ws.id, userId: ctx.viewer.userId });
    },
  }),
  notificationPreference: t.field({
    type: NotificationPreferenceRef,
    nullable: true,
    description: "How the signed-in person receives this workspace's alerts by e-mail; null for an API key.",
    // "access", not workspace.read: every member role holds workspace.read, and a key (which may
    // not) gets null rather than an error.
    authScopes: onWorkspace("access"),
    resolve: async (ws, _args, ctx) => {
      if (ctx.viewer?.kind !== "user") return null;
      return findNotificationPreference(ctx.db, { workspaceId: ws.id, userId: ctx.viewer.userId });
    },
  }),
}));

const UnreadPayload = builder
  .objectRef<{ workspaceId: string; changed: number; unreadCount: number }>("MarkNotificationsReadPayload")
  .implement({
    description: "The result of marking notifications read.",
    fields: (t) => ({
      changed: t.exposeInt("changed", { description: "How many were unread and are now read." }),
      unreadCount: t.exposeInt("unreadCount", { description: "Unread notifications left in the workspace." }),
    }),
  });

const MarkNotificationsReadInput = builder.inputType("MarkNotificationsReadInput", {
  description: "Notifications to mark read, all of one workspace.",
  fields: (t) => ({
    notificationIds: t.idList({ required: true, description: "Ids of the signed-in person's notifications (1–100)." }),
  }),
});

/** 1–100 notification ids of one workspace, or BAD_USER_INPUT. */
function notificationsOf(input: { notificationIds: readonly (string | number)[] }): {
  workspaceId: string;
  ids: { workspaceId: string; rowId: string }[];
} {
  const ids = input.notificationIds.map((raw, i) =>
    parseTenantNodeInput(String(raw), "Notification", ["input", "notificationIds", i]),
  );
  if (ids.length === 0 || ids.length > 100)
    throw AppError.badInput(["input", "notificationIds"], "NOTIFICATION_IDS_COUNT", { max: 100 });
  const workspaceId = ids[0].workspaceId;
  if (ids.some((id) => id.workspaceId !== workspaceId))
    throw AppError.badInput(["input", "notificationIds"], "NOTIFICATION_IDS_ONE_WORKSPACE");
  return { workspaceId, ids };
}

builder.mutationField("markNotificationsRead", (t) =>
  t.field({
    type: UnreadPayload,
    description:
      "Marks some of the signed-in person's notifications read. Another person's or workspace's id answers NOT_FOUND and nothing changes.",
    args: { input: t.arg({ type: MarkNotificationsReadInput, required: true, description: "Which notifications." }) },
    authScopes: inWorkspace("workspace.read", (_root, { input }) => notificationsOf(input).workspaceId),
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const { workspaceId, ids } = notificationsOf(input);
      const changed = await markNotificationsRead(ctx.db, {
        workspaceId,
        userId: viewer.userId,
        ids: ids.map((i) => i.rowId),
      });
      return {
        workspaceId,
        changed,
        unreadCount: await countUnreadNotifications(ctx.db, { workspaceId, userId: viewer.userId }),
      };
    },
  }),
);

const MarkAllNotificationsReadInput = builder.inputType("MarkAllNotificationsReadInput", {
  description: "The workspace whose notifications to mark read.",
  fields: (t) => ({ workspaceId: t.id({ required: true, description: "The workspace." }) }),
});

builder.mutationField("markAllNotificationsRead", (t) =>
  t.field({
    type: UnreadPayload,
    description: "Marks all of the signed-in person's notifications in a workspace read.",
    args: { input: t.arg({ type: MarkAllNotificationsReadInput, required: true, description: "Which workspace." }) },
    authScopes: inWorkspace("workspace.read", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const changed = await markNotificationsRead(ctx.db, { workspaceId, userId: viewer.userId, ids: null });
      return { workspaceId, changed, unreadCount: 0 };
    },
  }),
);

const SetNotificationPreferenceInput = builder.inputType("SetNotificationPreferenceInput", {
  description: "How the signed-in person wants this workspace's alerts by e-mail.",
  fields: (t) => ({
    workspaceId: t.id({ required: true, description: "The workspace." }),
    delivery: t.field({
      type: NotificationDeliveryEnum,
      required: true,
      description: "At once, a daily or weekly digest, or off.",
    }),
    digestHour: t.int({
      description: "Digest hour 0–23 in the workspace's time zone (unchanged when omitted; default 8).",
    }),
    digestWeekday: t.int({
      description: "Weekly digest day 1 (Monday) – 7 (Sunday) (unchanged when omitted; default 1).",
    }),
  }),
});

const SetNotificationPreferencePayload = builder
  .objectRef<{ preference: NotificationPreference }>("SetNotificationPreferencePayload")
  .implement({
    description: "The saved preference.",
    fields: (t) => ({
      preference: t.field({ type: NotificationPreferenceRef, description: "As saved.", resolve: (p) => p.preference }),
    }),
  });

builder.mutationField("setNotificationPreference", (t) =>
  t.field({
    type: SetNotificationPreferencePayload,
    description:
      "Saves how the signed-in person receives a workspace's alerts by e-mail. An hour outside 0–23 or a weekday outside 1–7 is a field error; nothing is saved.",
    args: { input: t.arg({ type: SetNotificationPreferenceInput, required: true, description: "The preference." }) },
    authScopes: inWorkspace("workspace.read", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const preference = await underInput(() =>
        setNotificationPreference(ctx.db, {
          workspaceId,
          userId: viewer.userId,
          delivery: input.delivery,
          digestHour: input.digestHour,
          digestWeekday: input.digestWeekday,
        }),
      );
      return { preference };
    },
  }),
);
