"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { type TadaDocumentNode, graphql } from "@/graphql/client/graphql";
import { entersAsPercent, parseDecimalInput, toInputValue } from "@/components/scorecard/decimal-input";
import { type MetricInfo, channelLabel, kpiLabel, metricName } from "@/components/scorecard/format";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";

export interface KpiDef {
  id: string;
  key: string;
  metricKey: string;
  ownerRole: string;
  direction: "HIGHER" | "LOWER" | "RANGE";
  parentKey: string | null;
  weight: string;
  channelScope: string | null;
  defaultTarget: string | null;
  templateKey: string | null;
  position: number;
  thresholds: { onTrack: string; atRisk: string };
  diagnostics: string[];
  qualityGate: { metricKey: string; comparator: "GTE" | "LTE"; threshold: string } | null;
  range: { min: string; max: string } | null;
}

const OWNERS = ["COMPANY", "SALES", "CMO", "PERFORMANCE", "SMM", "CONTENT"] as const;
type Owner = (typeof OWNERS)[number];

const CREATE = graphql(`
  mutation CreateKpi($input: CreateKpiInput!) {
    createKpi(input: $input) {
      kpi {
        id
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateKpi($input: UpdateKpiInput!) {
    updateKpi(input: $input) {
      kpi {
        id
      }
    }
  }
`);
/** Create or update, picked at run time: one form builds the input for either (the API validates it). */
type SaveDocument = TadaDocumentNode<unknown, { input: Record<string, unknown> }>;
const DELETE = graphql(`
  mutation DeleteKpi($id: ID!) {
    deleteKpi(id: $id) {
      key
    }
  }
`);
const RESET = graphql(`
  mutation ResetTemplate($workspaceId: ID!, $role: ScorecardOwner!) {
    resetScorecardTemplate(workspaceId: $workspaceId, role: $role) {
      kpis {
        id
      }
    }
  }
`);

interface Draft {
  metricKey: string;
  direction: "HIGHER" | "LOWER" | "RANGE";
  onTrack: string;
  atRisk: string;
  weight: string;
  parentId: string;
  channelScope: string;
  gateOn: boolean;
  gateMetric: string;
  gateComparator: "GTE" | "LTE";
  gateThreshold: string;
  diagnostics: string[];
  rangeMin: string;
  rangeMax: string;
}

function draftOf(kpi: KpiDef | null, all: KpiDef[], catalog: Map<string, MetricInfo>, locale: string): Draft {
  const gateUnit = kpi?.qualityGate ? catalog.get(kpi.qualityGate.metricKey)?.unit : "RATIO";
  return {
    metricKey: kpi?.metricKey ?? "qualified_leads",
    direction: kpi?.direction ?? "HIGHER",
    onTrack: toInputValue(kpi?.thresholds.onTrack ?? "1", true, locale),
    atRisk: toInputValue(kpi?.thresholds.atRisk ?? "0.9", true, locale),
    weight: toInputValue(kpi?.weight ?? "1", false, locale),
    parentId: kpi?.parentKey ? (all.find((k) => k.key === kpi.parentKey)?.id ?? "") : "",
    channelScope: kpi?.channelScope ?? "",
    gateOn: Boolean(kpi?.qualityGate),
    gateMetric: kpi?.qualityGate?.metricKey ?? "lead_to_deal_conversion",
    gateComparator: kpi?.qualityGate?.comparator ?? "GTE",
    gateThreshold: toInputValue(
      kpi?.qualityGate?.threshold ?? "0.2",
      entersAsPercent(gateUnit, kpi?.qualityGate?.metricKey ?? "lead_to_deal_conversion"),
      locale,
    ),
    diagnostics: kpi?.diagnostics ?? [],
    rangeMin: kpi?.range?.min ?? "",
    rangeMax: kpi?.range?.max ?? "",
  };
}

function KpiForm({
  workspaceId,
  owner,
  kpi,
  all,
  catalog,
  locale,
  onDone,
}: {
  workspaceId: string;
  owner: Owner;
  kpi: KpiDef | null;
  all: KpiDef[];
  catalog: Map<string, MetricInfo>;
  locale: string;
  onDone: () => void;
}) {
  const t = useTranslations("kpiEditor");
  const tc = useTranslations("common");
  const router = useRouter();
  const [d, setD] = useState<Draft>(() => draftOf(kpi, all, catalog, locale));
  const [localError, setLocalError] = useState<string | null>(null);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation((kpi ? UPDATE : CREATE) as SaveDocument);
  const prefix = kpi ? `kpi-${kpi.id}` : `new-${owner}`;
  const metrics = [...catalog.values()].sort((a, b) =>
    metricName(a, a.key, locale).localeCompare(metricName(b, b.key, locale)),
  );
  const diagnosticsOptions = metrics.filter((m) => m.class === "PROCESS" || m.kind === "MEASURE");
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD({ ...d, [k]: v });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const onTrack = parseDecimalInput(d.onTrack, true);
    const atRisk = parseDecimalInput(d.atRisk, true);
    const weight = parseDecimalInput(d.weight);
    const gateThreshold = parseDecimalInput(
      d.gateThreshold,
      entersAsPercent(catalog.get(d.gateMetric)?.unit, d.gateMetric),
    );
    if (!onTrack || !atRisk || !weight || (d.gateOn && !gateThreshold)) {
      setLocalError(t("numbersRequired"));
      return;
    }
    if (Number(atRisk) > Number(onTrack)) {
      setLocalError(t("thresholdOrder"));
      return;
    }
    setLocalError(null);
    const input: Record<string, unknown> = {
      metricKey: d.metricKey,
      direction: d.direction,
      thresholds: { onTrack, atRisk },
      weight,
      parentId: d.parentId || null,
      channelScope: d.channelScope.trim() || null,
      diagnostics: d.diagnostics,
      qualityGate: d.gateOn
        ? { metricKey: d.gateMetric, comparator: d.gateComparator, threshold: gateThreshold }
        : null,
      ...(d.direction === "RANGE"
        ? { range: { min: parseDecimalInput(d.rangeMin) ?? "0", max: parseDecimalInput(d.rangeMax) ?? "0" } }
        : {}),
    };
    const outcome = await run({ input: kpi ? { id: kpi.id, ...input } : { workspaceId, ownerRole: owner, ...input } });
    if (outcome.errors.length === 0) {
      onDone();
      router.refresh();
    }
  }

  const parents = all.filter((k) => k.id !== kpi?.id);
  const tr = useTranslations("tree.owners");
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-4 rounded-lg border border-line bg-canvas p-4"
      data-testid="kpi-form"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field id={`${prefix}-metric`} label={t("metric")} error={fieldErrors.metricKey}>
          {(c) => (
            <Select {...c} value={d.metricKey} onChange={(e) => set("metricKey", e.target.value)}>
              {metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {metricName(m, m.key, locale)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id={`${prefix}-direction`} label={t("direction")}>
          {(c) => (
            <Select {...c} value={d.direction} onChange={(e) => set("direction", e.target.value as Draft["direction"])}>
              <option value="HIGHER">{t("directions.HIGHER")}</option>
              <option value="LOWER">{t("directions.LOWER")}</option>
              <option value="RANGE">{t("directions.RANGE")}</option>
            </Select>
          )}
        </Field>
        <Field id={`${prefix}-parent`} label={t("parent")} error={fieldErrors.parentId} hint={t("parentHint")}>
          {(c) => (
            <Select {...c} value={d.parentId} onChange={(e) => set("parentId", e.target.value)}>
              <option value="">{t("noParent")}</option>
              {parents.map((k) => (
                <option key={k.id} value={k.id}>
                  {kpiLabel(k, catalog, locale)} · {tr(k.ownerRole as Owner)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {d.direction === "RANGE" ? (
          <>
            <Field id={`${prefix}-min`} label={t("rangeMin")} error={fieldErrors.min}>
              {(c) => (
                <Input
                  {...c}
                  inputMode="decimal"
                  value={d.rangeMin}
                  onChange={(e) => set("rangeMin", e.target.value)}
                />
              )}
            </Field>
            <Field id={`${prefix}-max`} label={t("rangeMax")} error={fieldErrors.max}>
              {(c) => (
                <Input
                  {...c}
                  inputMode="decimal"
                  value={d.rangeMax}
                  onChange={(e) => set("rangeMax", e.target.value)}
                />
              )}
            </Field>
          </>
        ) : null}
        <Field id={`${prefix}-ontrack`} label={t("onTrack")} hint={t("onTrackHint")} error={fieldErrors.onTrack}>
          {(c) => (
            <Input {...c} inputMode="decimal" value={d.onTrack} onChange={(e) => set("onTrack", e.target.value)} />
          )}
        </Field>
        <Field id={`${prefix}-atrisk`} label={t("atRisk")} hint={t("atRiskHint")} error={fieldErrors.atRisk}>
          {(c) => <Input {...c} inputMode="decimal" value={d.atRisk} onChange={(e) => set("atRisk", e.target.value)} />}
        </Field>
        <Field id={`${prefix}-weight`} label={t("weight")} hint={t("weightHint")} error={fieldErrors.weight}>
          {(c) => <Input {...c} inputMode="decimal" value={d.weight} onChange={(e) => set("weight", e.target.value)} />}
        </Field>
        <Field
          id={`${prefix}-scope`}
          label={t("channelScope")}
          hint={t("channelScopeHint")}
          error={fieldErrors.channelScope}
        >
          {(c) => (
            <>
              <Input
                {...c}
                list={`${prefix}-scope-groups`}
                value={d.channelScope}
                onChange={(e) => set("channelScope", e.target.value)}
              />
              <datalist id={`${prefix}-scope-groups`}>
                {["paid", "social", "content"].map((group) => (
                  <option key={group} value={group} label={channelLabel(group, locale)} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </div>
      <fieldset className="rounded-lg border border-line p-3">
        <legend className="px-1 text-sm font-medium">{t("gate")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4"
            checked={d.gateOn}
            onChange={(e) => set("gateOn", e.target.checked)}
          />
          {t("gateOn")}
        </label>
        {d.gateOn ? (
          <div className="mt-2 grid gap-3 sm:grid-cols-3">
            <Field id={`${prefix}-gate-metric`} label={t("gateMetric")}>
              {(c) => (
                <Select {...c} value={d.gateMetric} onChange={(e) => set("gateMetric", e.target.value)}>
                  {metrics.map((m) => (
                    <option key={m.key} value={m.key}>
                      {metricName(m, m.key, locale)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id={`${prefix}-gate-cmp`} label={t("gateComparator")}>
              {(c) => (
                <Select
                  {...c}
                  value={d.gateComparator}
                  onChange={(e) => set("gateComparator", e.target.value as "GTE" | "LTE")}
                >
                  <option value="GTE">≥</option>
                  <option value="LTE">≤</option>
                </Select>
              )}
            </Field>
            <Field
              id={`${prefix}-gate-threshold`}
              label={t("gateThreshold")}
              hint={entersAsPercent(catalog.get(d.gateMetric)?.unit, d.gateMetric) ? "%" : undefined}
              error={fieldErrors.threshold}
            >
              {(c) => (
                <Input
                  {...c}
                  inputMode="decimal"
                  value={d.gateThreshold}
                  onChange={(e) => set("gateThreshold", e.target.value)}
                />
              )}
            </Field>
          </div>
        ) : null}
      </fieldset>
      <fieldset className="rounded-lg border border-line p-3">
        <legend className="px-1 text-sm font-medium">{t("diagnostics")}</legend>
        <div className="grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-2 lg:grid-cols-3">
          {diagnosticsOptions.map((m) => (
            <label key={m.key} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4"
                checked={d.diagnostics.includes(m.key)}
                onChange={(e) =>
                  set(
                    "diagnostics",
                    e.target.checked ? [...d.diagnostics, m.key] : d.diagnostics.filter((x) => x !== m.key),
                  )
                }
              />
              {metricName(m, m.key, locale)}
            </label>
          ))}
        </div>
      </fieldset>
      {localError ? <Alert tone="bad">{localError}</Alert> : null}
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {Object.keys(fieldErrors).length > 0 && !formError ? (
        <Alert tone="bad">{Object.values(fieldErrors).join(" ")}</Alert>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" pending={pending}>
          {kpi ? tc("save") : t("create")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}

function KpiRow({
  kpi,
  all,
  catalog,
  locale,
  workspaceId,
  editable,
}: {
  kpi: KpiDef;
  all: KpiDef[];
  catalog: Map<string, MetricInfo>;
  locale: string;
  workspaceId: string;
  editable: boolean;
}) {
  const t = useTranslations("kpiEditor");
  const tc = useTranslations("common");
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const del = useGraphQLMutation(DELETE);
  const info = catalog.get(kpi.metricKey);
  const tr = useTranslations("tree.owners");
  const name = kpiLabel(kpi, catalog, locale);
  const parent = kpi.parentKey ? all.find((k) => k.key === kpi.parentKey) : undefined;
  const gate = kpi.qualityGate;
  const gateThreshold = gate
    ? entersAsPercent(catalog.get(gate.metricKey)?.unit, gate.metricKey)
      ? formatPercent(gate.threshold, locale)
      : formatNumber(gate.threshold, locale)
    : "";
  return (
    <li className="border-t border-line py-3 first:border-t-0" data-testid="kpi-def" data-kpi={kpi.key}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium">
            {metricName(info, kpi.metricKey, locale)}
            {kpi.channelScope ? (
              <span className="font-normal text-ink-muted"> · {channelLabel(kpi.channelScope, locale)}</span>
            ) : null}
            {info?.class === "PROCESS" ? (
              <Badge tone="warn" className="ml-2">
                {t("processMetric")}
              </Badge>
            ) : null}
          </p>
          <p className="text-xs text-ink-muted">
            {t(`directions.${kpi.direction}`)} · {t("weightShort", { weight: formatNumber(kpi.weight, locale) })} ·{" "}
            {t("thresholdsShort", {
              onTrack: toInputValue(kpi.thresholds.onTrack, true, locale),
              atRisk: toInputValue(kpi.thresholds.atRisk, true, locale),
            })}
          </p>
          <p className="text-xs text-ink-muted">
            {kpi.parentKey
              ? t("drives", {
                  parent: parent
                    ? `${kpiLabel(parent, catalog, locale)} (${tr(parent.ownerRole as Owner)})`
                    : t("unknownParent"),
                })
              : t("root")}
            {gate
              ? ` · ${t("gateShort", { metric: metricName(catalog.get(gate.metricKey), gate.metricKey, locale), comparator: gate.comparator === "GTE" ? "≥" : "≤", threshold: gateThreshold })}`
              : ""}
            {kpi.diagnostics.length > 0
              ? ` · ${t("diagnosticsShort", { list: kpi.diagnostics.map((d) => metricName(catalog.get(d), d, locale)).join(", ") })}`
              : ""}
          </p>
        </div>
        {editable ? (
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setEditing(!editing)}
              aria-expanded={editing}
              aria-label={t("editFor", { kpi: name })}
            >
              {t("edit")}
            </Button>
            <ConfirmButton
              label={
                <>
                  {t("delete")}
                  <span className="sr-only"> {name}</span>
                </>
              }
              title={t("deleteTitle", { kpi: name })}
              description={t("deleteBody")}
              confirmLabel={t("delete")}
              cancelLabel={tc("cancel")}
              pending={del.pending}
              open={confirm}
              setOpen={setConfirm}
              onConfirm={async () => {
                const outcome = await del.run({ id: kpi.id });
                if (outcome.errors.length === 0) {
                  setConfirm(false);
                  router.refresh();
                }
              }}
            />
          </div>
        ) : null}
      </div>
      {del.formError ? (
        <Alert tone="bad" className="mt-2">
          {del.formError}
        </Alert>
      ) : null}
      {editing ? (
        <div className="mt-3">
          <KpiForm
            workspaceId={workspaceId}
            owner={kpi.ownerRole as Owner}
            kpi={kpi}
            all={all}
            catalog={catalog}
            locale={locale}
            onDone={() => setEditing(false)}
          />
        </div>
      ) : null}
    </li>
  );
}

function OwnerSection({
  owner,
  kpis,
  all,
  catalog,
  locale,
  workspaceId,
  editable,
}: {
  owner: Owner;
  kpis: KpiDef[];
  all: KpiDef[];
  catalog: Map<string, MetricInfo>;
  locale: string;
  workspaceId: string;
  editable: boolean;
}) {
  const t = useTranslations("kpiEditor");
  const tr = useTranslations("tree.owners");
  const tc = useTranslations("common");
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const reset = useGraphQLMutation(RESET);
  const count = kpis.length;
  const outside = owner !== "COMPANY" && owner !== "SALES" && (count < 3 || count > 5);
  return (
    <Card data-testid="kpi-owner" data-owner={owner}>
      <CardHeader
        title={`${tr(owner)} · ${t("count", { count })}`}
        actions={
          editable ? (
            <ConfirmButton
              label={t("reset")}
              title={t("resetTitle", { owner: tr(owner) })}
              description={t("resetBody")}
              confirmLabel={t("reset")}
              cancelLabel={tc("cancel")}
              variant="primary"
              pending={reset.pending}
              open={confirmReset}
              setOpen={setConfirmReset}
              onConfirm={async () => {
                const outcome = await reset.run({ workspaceId, role: owner });
                if (outcome.errors.length === 0) {
                  setConfirmReset(false);
                  router.refresh();
                }
              }}
            />
          ) : undefined
        }
      />
      {outside ? (
        <Alert tone="warn" className="mb-3">
          {count < 3 ? t("tooFew", { count }) : t("tooMany", { count })}
        </Alert>
      ) : null}
      {reset.formError ? (
        <Alert tone="bad" className="mb-3">
          {reset.formError}
        </Alert>
      ) : null}
      <ul>
        {kpis.map((kpi) => (
          <KpiRow
            key={kpi.id}
            kpi={kpi}
            all={all}
            catalog={catalog}
            locale={locale}
            workspaceId={workspaceId}
            editable={editable}
          />
        ))}
      </ul>
      {editable ? (
        adding ? (
          <div className="mt-3">
            <KpiForm
              workspaceId={workspaceId}
              owner={owner}
              kpi={null}
              all={all}
              catalog={catalog}
              locale={locale}
              onDone={() => setAdding(false)}
            />
          </div>
        ) : (
          <Button variant="secondary" size="sm" className="mt-3" onClick={() => setAdding(true)}>
            {t("add", { owner: tr(owner) })}
          </Button>
        )
      ) : null}
    </Card>
  );
}

/** All scorecards' KPI definitions, editable where the viewer may (kpi.manage / kpi.manageCompany). */
export function KpiEditor({
  workspaceId,
  kpis,
  catalog,
  locale,
  editable,
}: {
  workspaceId: string;
  kpis: KpiDef[];
  catalog: MetricInfo[];
  locale: string;
  editable: Record<Owner, boolean>;
}) {
  const map = new Map(catalog.map((m) => [m.key, m]));
  return (
    <div className="space-y-6">
      {OWNERS.map((owner) => (
        <OwnerSection
          key={owner}
          owner={owner}
          kpis={kpis.filter((k) => k.ownerRole === owner).sort((a, b) => a.position - b.position)}
          all={kpis}
          catalog={map}
          locale={locale}
          workspaceId={workspaceId}
          editable={editable[owner]}
        />
      ))}
    </div>
  );
}
