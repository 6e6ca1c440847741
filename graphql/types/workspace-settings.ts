import { actorOf } from "@/lib/audit/actor";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { type FirstDayChecklist, getFirstDayChecklist } from "@/lib/workspaces/get-first-day-checklist";
import { updateWorkspace } from "@/lib/workspaces/update-workspace";
import {
  currencySchema,
  fiscalYearStartMonthSchema,
  localeSchema,
  slugSchema,
  timeZoneSchema,
  workspaceNameSchema,
} from "@/lib/workspaces/workspace-settings";
import type { Workspace } from "@/generated/prisma/client";
import { builder } from "../builder";
import { inWorkspace, onWorkspace } from "../authz";
import { parseWorkspaceId } from "../ids";
import { underInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

const WorkspacePayload = builder.objectRef<{ workspace: Workspace }>("WorkspacePayload").implement({
  description: "A workspace after a change.",
  fields: (t) => ({
    workspace: t.field({ description: "The workspace.", type: WorkspaceRef, resolve: (p) => p.workspace }),
  }),
});

const CreateWorkspaceInput = builder.inputType("CreateWorkspaceInput", {
  description: "A new workspace of the signed-in user (who becomes its OWNER).",
  fields: (t) => ({
    name: t.string({ description: "The workspace's display name.", required: true, validate: workspaceNameSchema }),
    currency: t.string({
      description: "Reporting currency, ISO 4217 (e.g. RUB, USD); all money is reported in it.",
      validate: currencySchema,
    }),
    timeZone: t.string({
      description: "IANA time zone (e.g. Europe/Moscow); days and periods are counted in it.",
      validate: timeZoneSchema,
    }),
    locale: t.string({
      description: "Language of e-mails and the default for new members: ru or en.",
      validate: localeSchema,
    }),
    fiscalYearStartMonth: t.int({
      description: "Month the fiscal year starts in, 1–12 (default 1 = January).",
      validate: fiscalYearStartMonthSchema,
    }),
  }),
});

builder.mutationField("createWorkspace", (t) =>
  t.field({
    type: WorkspacePayload,
    description: "Another workspace for the signed-in user, who becomes its owner.",
    authScopes: { user: true },
    args: { input: t.arg({ description: "The new workspace.", type: CreateWorkspaceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const workspace = await underInput(() =>
        createWorkspace(ctx.db, { actorId: viewer.userId, userLocale: viewer.locale, ...input }),
      );
      return { workspace };
    },
  }),
);

const UpdateWorkspaceInput = builder.inputType("UpdateWorkspaceInput", {
  description: "Workspace settings; fields left out stay as they are.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace to change (global id or UUID).", required: true }),
    name: t.string({ description: "A new display name.", validate: workspaceNameSchema }),
    slug: t.string({
      description: "A new address (lower-case letters, digits, hyphens; unique).",
      validate: slugSchema,
    }),
    currency: t.string({
      description:
        "A new reporting currency (ISO 4217); once the workspace has data it needs `currencyConversionRate`.",
      validate: currencySchema,
    }),
    timeZone: t.string({ description: "A new IANA time zone.", validate: timeZoneSchema }),
    fiscalYearStartMonth: t.int({
      description: "A new fiscal year start month, 1–12.",
      validate: fiscalYearStartMonthSchema,
    }),
    locale: t.string({ description: "A new language for e-mails and new members: ru or en.", validate: localeSchema }),
    currencyConversionRate: t.field({
      type: "Decimal",
      description:
        "One unit of the current reporting currency in the new `currency` (exact, > 0). Required to change the currency of a workspace that has data: stored money facts and money targets are converted exactly (audited). Without it such a change is refused.",
    }),
    confirmSettings: t.boolean({
      description: "First-day checklist: mark currency, time zone and fiscal year as confirmed (also when unchanged).",
    }),
    dismissChecklist: t.boolean({ description: "First-day checklist: dismiss it; it no longer opens the workspace." }),
  }),
});

builder.mutationField("updateWorkspace", (t) =>
  t.field({
    type: WorkspacePayload,
    description: "Changes workspace settings (workspace.update).",
    args: { input: t.arg({ description: "The changes.", type: UpdateWorkspaceInput, required: true }) },
    authScopes: inWorkspace("workspace.update", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const { workspaceId: _raw, ...settings } = input;
      const workspace = await underInput(() =>
        updateWorkspace(ctx.db, { workspaceId, actor: actorOf(ctx.viewer!), ...settings }),
      );
      return { workspace };
    },
  }),
);

const FirstDayChecklistRef = builder.objectRef<FirstDayChecklist>("FirstDayChecklist").implement({
  description: "The first-day checklist of a new workspace; each step ticks from the workspace's own state.",
  fields: (t) => ({
    settingsConfirmed: t.exposeBoolean("settingsConfirmed", {
      description: "Currency, time zone and fiscal year were confirmed.",
    }),
    dataLoaded: t.exposeBoolean("dataLoaded", {
      description: "The workspace has metric data (CSV import, API or demo).",
    }),
    targetsSet: t.exposeBoolean("targetsSet", { description: "A target was set by a person or the planner." }),
    teamInvited: t.exposeBoolean("teamInvited", { description: "Someone was invited or another member joined." }),
    dismissed: t.exposeBoolean("dismissed", { description: "The checklist was dismissed." }),
  }),
});

builder.objectField(WorkspaceRef, "firstDayChecklist", (t) =>
  t.field({
    type: FirstDayChecklistRef,
    nullable: true,
    description: "The first-day checklist (workspace.update).",
    authScopes: onWorkspace("workspace.update"),
    resolve: (ws, _args, ctx) => getFirstDayChecklist(ctx.db, { workspaceId: ws.id }),
  }),
);
