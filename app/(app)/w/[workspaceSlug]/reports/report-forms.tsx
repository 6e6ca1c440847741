"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyableValue } from "@/components/ui/copy-button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { type TadaDocumentNode, type VariablesOf, graphql } from "@/graphql/client/graphql";

/** A form builds its input from strings; the API validates them. This names the type a mutation takes. */
type Input<D extends TadaDocumentNode<any, { input: any }, any>> = VariablesOf<D>["input"];

const SCORECARD_ROLES = ["OWNER", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES"] as const;
const SECTION_OF_ROLE: Record<string, string> = {
  OWNER: "COMPANY",
  CMO: "CMO",
  PERFORMANCE: "PERFORMANCE",
  SMM: "SMM",
  CONTENT: "CONTENT",
  SALES: "SALES",
};
const PERIOD_TYPES = ["WEEK", "MONTH", "QUARTER", "YEAR"] as const;

export interface ReportFormInitial {
  title: string;
  roles: string[];
  includeKpiTree: boolean;
  periodType: string;
  anchor: string | null;
  rolling: boolean;
  commentary: string | null;
  sectionCommentary: { section: string; text: string }[];
  locale: string;
  /** The agency whose branding the report carries; null: the workspace's own. */
  brandingAgencyId?: string | null;
}

/** An agency managing the workspace, whose branding its reports may carry. */
export interface AgencyBrandingOption {
  agencyId: string;
  name: string;
}

const CREATE = graphql(`
  mutation CreateReport($input: CreateReportInput!) {
    createReport(input: $input) {
      report {
        id
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateReport($input: UpdateReportInput!) {
    updateReport(input: $input) {
      report {
        id
        version
      }
    }
  }
`);

/** Composes a report: scorecards, KPI tree, period (fixed or rolling), commentary, language. Saves a new version each time. */
export function ReportBuilderForm({
  workspaceId,
  slug,
  reportId,
  initial,
  agencyBrandings = [],
}: {
  workspaceId: string;
  slug: string;
  reportId?: string;
  initial: ReportFormInitial;
  agencyBrandings?: AgencyBrandingOption[];
}) {
  const t = useTranslations("clientReports");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const create = useGraphQLMutation(CREATE);
  const update = useGraphQLMutation(UPDATE);
  const m = reportId ? update : create;
  type Saved = { createReport?: { report: { id: string } }; updateReport?: { report: { id: string } } };
  const [roles, setRoles] = useState<string[]>(initial.roles);
  const [tree, setTree] = useState(initial.includeKpiTree);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const sections = [...roles.map((r) => SECTION_OF_ROLE[r]), ...(tree ? ["KPI_TREE"] : [])];
    const sectionCommentary = sections
      .map((section) => ({ section, text: String(form.get(`section-${section}`) ?? "").trim() }))
      .filter((c) => c.text);
    const anchor = String(form.get("anchor") ?? "");
    const input: Record<string, unknown> = {
      title: String(form.get("title") ?? ""),
      roles,
      includeKpiTree: tree,
      period: { type: String(form.get("periodType")), ...(anchor ? { anchor } : {}) },
      rolling: form.get("rolling") === "on",
      commentary: String(form.get("commentary") ?? "").trim() || null,
      sectionCommentary,
      locale: String(form.get("locale")),
      ...(agencyBrandings.length > 0 ? { brandingAgencyId: String(form.get("brandingAgencyId") ?? "") || null } : {}),
      ...(reportId ? { reportId } : { workspaceId }),
    };
    const outcome = (await m.run({ input: input as Input<typeof CREATE> & Input<typeof UPDATE> })) as {
      data: Saved | null;
    };
    if (reportId && outcome.data?.updateReport) {
      setSaved(true);
      router.refresh();
    } else if (outcome.data?.createReport) {
      router.push(`/w/${slug}/reports/${encodeURIComponent(outcome.data.createReport.report.id)}`);
    }
  }

  const sectionsShown = [...roles.map((r) => SECTION_OF_ROLE[r]), ...(tree ? ["KPI_TREE"] : [])];
  const commentaryOf = (section: string) => initial.sectionCommentary.find((c) => c.section === section)?.text ?? "";
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label={t("builder.title")}>
      <Field id="report-title" label={t("builder.titleLabel")} error={m.fieldErrors.title}>
        {(p) => <Input {...p} name="title" defaultValue={initial.title} required maxLength={200} />}
      </Field>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">{t("builder.scorecards")}</legend>
        <div className="flex flex-wrap gap-4">
          {SCORECARD_ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
              />
              {t(`sections.${SECTION_OF_ROLE[role]}` as "sections.COMPANY")}
            </label>
          ))}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={tree} onChange={(e) => setTree(e.target.checked)} />
            {t("builder.kpiTree")}
          </label>
        </div>
        {m.fieldErrors.roles ? <p className="text-sm text-bad-ink">{m.fieldErrors.roles}</p> : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id="report-period-type"
          label={t("builder.periodType")}
          error={m.fieldErrors["period.type"] ?? m.fieldErrors.period}
        >
          {(p) => (
            <Select {...p} name="periodType" defaultValue={initial.periodType}>
              {PERIOD_TYPES.map((pt) => (
                <option key={pt} value={pt}>
                  {t(`periodTypes.${pt}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="report-anchor" label={t("builder.anchor")} error={m.fieldErrors["period.anchor"]}>
          {(p) => <Input {...p} type="date" name="anchor" defaultValue={initial.anchor ?? ""} />}
        </Field>
        <Field id="report-locale" label={t("builder.locale")} error={m.fieldErrors.locale}>
          {(p) => (
            <Select {...p} name="locale" defaultValue={initial.locale}>
              <option value="ru">Русский</option>
              <option value="en">English</option>
            </Select>
          )}
        </Field>
      </div>
      {agencyBrandings.length > 0 ? (
        <Field id="report-branding" label={t("builder.branding")} error={m.fieldErrors.brandingAgencyId}>
          {(p) => (
            <Select {...p} name="brandingAgencyId" defaultValue={initial.brandingAgencyId ?? ""}>
              <option value="">{t("builder.brandingOwn")}</option>
              {agencyBrandings.map((a) => (
                <option key={a.agencyId} value={a.agencyId}>
                  {t("builder.brandingAgency", { name: a.name })}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="rolling" defaultChecked={initial.rolling} />
        {t("builder.rolling")}
      </label>
      <Field id="report-commentary" label={t("builder.commentary")} error={m.fieldErrors.commentary}>
        {(p) => (
          <Textarea {...p} name="commentary" rows={3} defaultValue={initial.commentary ?? ""} className="font-sans" />
        )}
      </Field>
      {sectionsShown.map((section) => (
        <Field
          key={section}
          id={`report-section-${section}`}
          label={t("builder.sectionCommentary", { section: t(`sections.${section}` as "sections.COMPANY") })}
        >
          {(p) => (
            <Textarea
              {...p}
              name={`section-${section}`}
              rows={2}
              defaultValue={commentaryOf(section)}
              className="font-sans"
            />
          )}
        </Field>
      ))}
      {m.formError ? <Alert tone="bad">{m.formError}</Alert> : null}
      {saved ? (
        <p role="status" className="text-sm text-ok-ink">
          {t("builder.saved")}
        </p>
      ) : null}
      <Button type="submit" pending={m.pending}>
        {t("builder.save")}
      </Button>
    </form>
  );
}

const PUBLISH = graphql(`
  mutation PublishReport($input: PublishReportInput!) {
    publishReport(input: $input) {
      report {
        id
        status
      }
    }
  }
`);

export function PublishButton({ reportId, published }: { reportId: string; published: boolean }) {
  const t = useTranslations("clientReports");
  const router = useRouter();
  const { run, pending, formError } = useGraphQLMutation(PUBLISH);
  return (
    <div>
      <Button
        variant={published ? "secondary" : "primary"}
        pending={pending}
        onClick={async () => {
          const outcome = await run({ input: { reportId, unpublish: false } });
          if (outcome.data) router.refresh();
        }}
      >
        {t("builder.publish")}
      </Button>
      {formError ? <p className="mt-1 text-sm text-bad-ink">{formError}</p> : null}
    </div>
  );
}

const CREATE_LINK = graphql(`
  mutation CreateShareLink($input: CreateShareLinkInput!) {
    createShareLink(input: $input) {
      url
      pdfUrl
      shareLink {
        id
      }
    }
  }
`);
const REVOKE_LINK = graphql(`
  mutation RevokeShareLink($input: RevokeShareLinkInput!) {
    revokeShareLink(input: $input) {
      shareLink {
        id
      }
    }
  }
`);

/** Creates a share link; its URLs are shown once, here. */
export function CreateShareLinkForm({ reportId }: { reportId: string }) {
  const t = useTranslations("clientReports");
  const tc = useTranslations("common");
  const router = useRouter();
  const [created, setCreated] = useState<{ url: string; pdfUrl: string } | null>(null);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(CREATE_LINK);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const expires = String(new FormData(event.currentTarget).get("expiresAt") ?? "");
    const outcome = await run({
      input: { reportId, ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}) },
    });
    if (outcome.data?.createShareLink) {
      setCreated(outcome.data.createShareLink);
      router.refresh();
    }
  }
  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
        <Field id="share-expires" label={t("share.expiresAt")} error={fieldErrors.expiresAt}>
          {(p) => <Input {...p} type="date" name="expiresAt" />}
        </Field>
        <Button type="submit" pending={pending}>
          {t("share.create")}
        </Button>
      </form>
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {created ? (
        <Alert tone="info" title={t("share.created")}>
          <div className="space-y-2">
            <CopyableValue
              id="share-url"
              label={t("share.pageUrl")}
              value={created.url}
              copyLabel={tc("copy")}
              copiedLabel={tc("copied")}
            />
            <CopyableValue
              id="share-pdf-url"
              label={t("share.pdfUrl")}
              value={created.pdfUrl}
              copyLabel={tc("copy")}
              copiedLabel={tc("copied")}
            />
          </div>
        </Alert>
      ) : null}
    </div>
  );
}

export function RevokeShareLinkButton({ id }: { id: string }) {
  const t = useTranslations("clientReports");
  const router = useRouter();
  const { run, pending } = useGraphQLMutation(REVOKE_LINK);
  return (
    <Button
      size="sm"
      variant="danger"
      pending={pending}
      onClick={async () => {
        if ((await run({ input: { id } })).data) router.refresh();
      }}
    >
      {t("share.revoke")}
    </Button>
  );
}

const CREATE_SCHEDULE = graphql(`
  mutation CreateReportSchedule($input: CreateReportScheduleInput!) {
    createReportSchedule(input: $input) {
      schedule {
        id
      }
    }
  }
`);

export function ScheduleForm({ reportId, members }: { reportId: string; members: { id: string; label: string }[] }) {
  const t = useTranslations("clientReports");
  const router = useRouter();
  const [cadence, setCadence] = useState("WEEKLY");
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(CREATE_SCHEDULE);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const num = (name: string) => (form.get(name) ? Number(form.get(name)) : undefined);
    const input = {
      reportId,
      cadence: cadence as Input<typeof CREATE_SCHEDULE>["cadence"],
      weekday: cadence === "WEEKLY" ? num("weekday") : undefined,
      dayOfMonth: cadence === "MONTHLY" ? num("dayOfMonth") : undefined,
      closePeriod:
        cadence === "PERIOD_CLOSE"
          ? (String(form.get("closePeriod")) as Input<typeof CREATE_SCHEDULE>["closePeriod"])
          : undefined,
      hour: num("hour"),
      memberIds: form.getAll("members").map(String),
      externalEmails: String(form.get("external") ?? "")
        .split(/[\n,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    if ((await run({ input })).data) {
      event.currentTarget?.reset?.();
      router.refresh();
    }
  }
  const externalError = Object.entries(fieldErrors).find(([k]) => k.startsWith("externalEmails"))?.[1];
  const memberError = Object.entries(fieldErrors).find(([k]) => k.startsWith("memberUserIds"))?.[1];
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label={t("schedule.title")}>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="schedule-cadence" label={t("schedule.cadence")}>
          {(p) => (
            <Select {...p} value={cadence} onChange={(e) => setCadence(e.target.value)}>
              {(["WEEKLY", "MONTHLY", "PERIOD_CLOSE"] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`schedule.${c}` as "schedule.WEEKLY")}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {cadence === "WEEKLY" ? (
          <Field id="schedule-weekday" label={t("schedule.weekday")} error={fieldErrors.weekday}>
            {(p) => (
              <Select {...p} name="weekday" defaultValue="1">
                {["1", "2", "3", "4", "5", "6", "7"].map((d) => (
                  <option key={d} value={d}>
                    {t(`schedule.weekdays.${d}` as "schedule.weekdays.1")}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : cadence === "MONTHLY" ? (
          <Field id="schedule-day" label={t("schedule.dayOfMonth")} error={fieldErrors.dayOfMonth}>
            {(p) => <Input {...p} type="number" name="dayOfMonth" min={1} max={28} defaultValue={1} />}
          </Field>
        ) : (
          <Field id="schedule-close" label={t("schedule.closePeriod")}>
            {(p) => (
              <Select {...p} name="closePeriod" defaultValue="MONTH">
                <option value="MONTH">{t("schedule.month")}</option>
                <option value="QUARTER">{t("schedule.quarter")}</option>
              </Select>
            )}
          </Field>
        )}
        <Field id="schedule-hour" label={t("schedule.hour")} error={fieldErrors.hour}>
          {(p) => <Input {...p} type="number" name="hour" min={0} max={23} defaultValue={9} />}
        </Field>
      </div>
      {members.length ? (
        <fieldset>
          <legend className="text-sm font-medium">{t("schedule.members")}</legend>
          <div className="flex flex-wrap gap-3">
            {members.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="members" value={m.id} />
                {m.label}
              </label>
            ))}
          </div>
          {memberError ? <p className="text-sm text-bad-ink">{memberError}</p> : null}
        </fieldset>
      ) : null}
      <Field id="schedule-external" label={t("schedule.external")} error={externalError}>
        {(p) => <Textarea {...p} name="external" rows={2} className="font-sans" />}
      </Field>
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <Button type="submit" pending={pending}>
        {t("schedule.create")}
      </Button>
    </form>
  );
}

const SAVE_BRANDING = graphql(`
  mutation UpdateReportBranding($input: UpdateReportBrandingInput!) {
    updateReportBranding(input: $input) {
      branding {
        name
      }
    }
  }
`);

/** Report branding: name, primary colour (checked for contrast on the server), logo file sent as base64. */
export function BrandingForm({
  workspaceId,
  initial,
}: {
  workspaceId: string;
  initial: { name: string; primaryColor: string };
}) {
  const t = useTranslations("clientReports");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [color, setColor] = useState(initial.primaryColor);
  const [logoError, setLogoError] = useState<string | null>(null);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(SAVE_BRANDING);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    // Name and colour first (GraphQL, nothing saved when either is wrong), then the logo streams
    // to its own route, which enforces the size limit while reading.
    const outcome = await run({ input: { workspaceId, name: String(form.get("name") ?? ""), primaryColor: color } });
    if (!outcome.data) return;
    const file = form.get("logo");
    setLogoError(null);
    if (file instanceof File && file.size > 0) {
      const res = await fetch(`/api/reports/branding/logo?workspaceId=${encodeURIComponent(workspaceId)}`, {
        method: "POST",
        headers: {
          "content-type":
            file.type && /^image\/(png|jpeg|webp)$/.test(file.type) ? file.type : "application/octet-stream",
        },
        body: file,
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as {
          errors?: { message: string; extensions?: { fieldErrors?: { message: string }[] } }[];
        } | null;
        setLogoError(body?.errors?.[0]?.extensions?.fieldErrors?.[0]?.message ?? body?.errors?.[0]?.message ?? "—");
        return;
      }
    }
    if (outcome.data) {
      setSaved(true);
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label={t("branding.title")}>
      <Field id="branding-name" label={t("branding.name")} error={fieldErrors.name}>
        {(p) => <Input {...p} name="name" defaultValue={initial.name} required maxLength={120} />}
      </Field>
      <Field
        id="branding-color"
        label={t("branding.color")}
        hint={t("branding.colorHelp")}
        error={fieldErrors.primaryColor}
      >
        {(p) => (
          <div className="flex items-center gap-2">
            <input
              type="color"
              aria-label={t("branding.color")}
              value={/^#[0-9a-f]{6}$/i.test(color) ? color : "#000000"}
              onChange={(e) => setColor(e.target.value)}
              className="h-10 w-12"
            />
            <Input
              {...p}
              name="primaryColor"
              value={color}
              onChange={(e) => setColor(e.target.value)}
              className="max-w-40 font-mono"
            />
            {/* A contrast sample of white text on the colour, not words: hidden from readers and the language scan. */}
            <span
              aria-hidden="true"
              data-identifiers
              className="rounded px-3 py-2 text-sm font-semibold text-white"
              style={{ backgroundColor: /^#[0-9a-f]{3,6}$/i.test(color) ? color : undefined }}
            >
              Aa
            </span>
          </div>
        )}
      </Field>
      <Field id="branding-logo" label={t("branding.logo")} error={logoError ?? fieldErrors.logoBase64}>
        {(p) => <Input {...p} type="file" name="logo" accept="image/png,image/jpeg,image/webp" />}
      </Field>
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {saved ? (
        <p role="status" className="text-sm text-ok-ink">
          {t("branding.saved")}
        </p>
      ) : null}
      <Button type="submit" pending={pending}>
        {t("branding.save")}
      </Button>
    </form>
  );
}
