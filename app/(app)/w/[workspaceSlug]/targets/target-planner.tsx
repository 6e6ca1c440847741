"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { parseDecimalInput, toInputValue, entersAsPercent } from "@/components/scorecard/decimal-input";
import { type MetricUnit, formatValue } from "@/components/scorecard/format";
import type { PeriodInput } from "@/components/scorecard/period";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { THead, Table, Td, Th } from "@/components/ui/table";
import { fetchGraphQL } from "@/lib/graphql-client/fetch-graphql";
import { type VariablesOf, graphql } from "@/graphql/client/graphql";

interface Proposal {
  kpiKey: string;
  metricKey: string;
  role: string;
  target: string;
  basis: string;
  basisEn: string;
  basisRu: string;
  canApply: boolean;
}

interface Plan {
  requiredDeals: string;
  requiredLeads: string;
  requiredQualifiedLeads: string;
  pipelineValue: string;
  marketingBudgetCeiling: string;
  maxCpl: string;
  maxCostPerQualifiedLead: string;
  impliedRomi: string;
  proposals: Proposal[];
}

const PLAN = graphql(`
  query PlanTargets($workspaceId: ID!, $input: PlanTargetsInput!) {
    planTargets(workspaceId: $workspaceId, input: $input) {
      requiredDeals
      requiredLeads
      requiredQualifiedLeads
      pipelineValue
      marketingBudgetCeiling
      maxCpl
      maxCostPerQualifiedLead
      impliedRomi
      proposals {
        kpiKey
        metricKey
        role
        target
        basis
        basisEn
        basisRu
        canApply
      }
    }
  }
`);

const APPLY = graphql(`
  mutation ApplyTargetPlan($workspaceId: ID!, $period: PeriodInput!, $proposals: [TargetProposalInput!]!) {
    applyTargetPlan(workspaceId: $workspaceId, period: $period, proposals: $proposals) {
      kpis {
        id
      }
    }
  }
`);

const FIELDS = [
  { name: "revenueTarget", percent: false, money: true, initial: "" },
  { name: "averageDealSize", percent: false, money: true, initial: "" },
  { name: "leadToDealConversion", percent: true, money: false, initial: "20" },
  { name: "qualifiedLeadRate", percent: true, money: false, initial: "50" },
  { name: "pipelineCoverage", percent: false, money: false, initial: "3" },
  { name: "targetCac", percent: false, money: true, initial: "" },
] as const;

const METRIC_UNITS: Record<string, MetricUnit> = {
  revenue: "MONEY",
  deals_won: "COUNT",
  cac: "MONEY",
  romi: "RATIO",
  pipeline_value: "MONEY",
  lead_to_deal_conversion: "RATIO",
  qualified_leads: "COUNT",
  leads: "COUNT",
  cost_per_qualified_lead: "MONEY",
  cpl: "MONEY",
  ltv_to_cac: "RATIO",
  lead_quality_rate: "RATIO",
};

/**
 * The target planner (SPEC §6): from the revenue target backwards to deals, leads, qualified
 * leads, pipeline, the budget ceiling at the target CAC, the maximum CPL and the implied ROMI;
 * the proposals can be edited and applied as the period's KPI targets in one go.
 */
export function TargetPlanner({
  workspaceId,
  period,
  currency,
  kpiNames,
}: {
  workspaceId: string;
  period: PeriodInput;
  currency: string;
  kpiNames: Record<string, string>;
}) {
  const t = useTranslations("planner");
  const tr = useTranslations("tree.owners");
  const te = useTranslations("errors");
  const locale = useLocale();
  const router = useRouter();
  const ctx = { locale, currency };
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(FIELDS.map((f) => [f.name, f.initial])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [planning, setPlanning] = useState(false);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState<number | null>(null);
  const apply = useGraphQLMutation(APPLY);

  async function runPlan(event: React.FormEvent) {
    event.preventDefault();
    const input: Record<string, string> = {};
    const fieldErrors: Record<string, string> = {};
    for (const f of FIELDS) {
      const raw = values[f.name].trim();
      if (raw === "") {
        if (f.name !== "pipelineCoverage") fieldErrors[f.name] = t("required");
        continue;
      }
      const parsed = parseDecimalInput(raw, f.percent);
      if (parsed === null) fieldErrors[f.name] = t("notANumber");
      else input[f.name] = parsed;
    }
    setErrors(fieldErrors);
    setApplied(null);
    if (Object.keys(fieldErrors).length > 0) return;
    setPlanning(true);
    setFormError(null);
    const outcome = await fetchGraphQL(PLAN, { workspaceId, input: input as VariablesOf<typeof PLAN>["input"] });
    setPlanning(false);
    setErrors(outcome.fieldErrors);
    if (outcome.data?.planTargets) {
      setPlan(outcome.data.planTargets);
      setEdits({});
    } else setFormError(outcome.formError ?? (outcome.code ? te("generic") : null));
  }

  const unitOf = (metricKey: string): MetricUnit => METRIC_UNITS[metricKey] ?? "COUNT";
  const derived = plan
    ? ([
        ["requiredDeals", plan.requiredDeals, "COUNT", "deals_won"],
        ["requiredLeads", plan.requiredLeads, "COUNT", "leads"],
        ["requiredQualifiedLeads", plan.requiredQualifiedLeads, "COUNT", "qualified_leads"],
        ["pipelineValue", plan.pipelineValue, "MONEY", "pipeline_value"],
        ["marketingBudgetCeiling", plan.marketingBudgetCeiling, "MONEY", "spend"],
        ["maxCpl", plan.maxCpl, "MONEY", "cpl"],
        ["maxCostPerQualifiedLead", plan.maxCostPerQualifiedLead, "MONEY", "cost_per_qualified_lead"],
        ["impliedRomi", plan.impliedRomi, "RATIO", "romi"],
      ] as const)
    : [];

  return (
    <div className="space-y-6">
      <form onSubmit={runPlan} noValidate className="space-y-4" aria-describedby="planner-help">
        <p id="planner-help" className="text-sm text-ink-muted">
          {t("help")}
        </p>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {FIELDS.map((f) => (
            <Field
              key={f.name}
              id={`plan-${f.name}`}
              label={t(`fields.${f.name}`)}
              error={errors[f.name]}
              hint={t(`hints.${f.name}`, { currency })}
            >
              {(control) => (
                <div className="flex items-center gap-1">
                  <Input
                    {...control}
                    inputMode="decimal"
                    value={values[f.name]}
                    onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                  />
                  <span className="text-sm text-ink-muted">{f.percent ? "%" : f.money ? currency : "×"}</span>
                </div>
              )}
            </Field>
          ))}
        </div>
        {formError ? <Alert tone="bad">{formError}</Alert> : null}
        <Button type="submit" pending={planning}>
          {t("plan")}
        </Button>
      </form>

      {plan ? (
        <section aria-labelledby="plan-result" data-testid="plan-result">
          <h3 id="plan-result" className="text-base font-semibold">
            {t("resultTitle")}
          </h3>
          <dl className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {derived.map(([name, value, unit, key]) => (
              <div key={name} className="rounded-lg border border-line bg-canvas p-3" data-testid={`plan-${name}`}>
                <dt className="text-xs text-ink-muted">{t(`derived.${name}`)}</dt>
                <dd className="text-xl font-semibold tabular-nums">{formatValue(value, unit, key, ctx)}</dd>
              </div>
            ))}
          </dl>
          <form
            className="mt-4"
            onSubmit={async (event) => {
              event.preventDefault();
              const proposals: { kpiKey: string; target: string }[] = [];
              for (const p of plan.proposals.filter((x) => x.canApply)) {
                const percent = entersAsPercent(unitOf(p.metricKey), p.metricKey);
                const raw = edits[p.kpiKey];
                const target = raw === undefined ? p.target : parseDecimalInput(raw, percent);
                if (target === null) {
                  setErrors({ [p.kpiKey]: t("notANumber") });
                  return;
                }
                proposals.push({ kpiKey: p.kpiKey, target });
              }
              const outcome = await apply.run({ workspaceId, period, proposals });
              if (outcome.data?.applyTargetPlan) {
                setApplied(outcome.data.applyTargetPlan.kpis.length);
                router.refresh();
              }
            }}
          >
            <Table caption={t("proposalsCaption")}>
              <THead>
                <tr>
                  <Th>{t("scorecard")}</Th>
                  <Th>{t("kpi")}</Th>
                  <Th>{t("proposal")}</Th>
                  <Th>{t("basis")}</Th>
                </tr>
              </THead>
              <tbody>
                {plan.proposals.map((p) => {
                  const unit = unitOf(p.metricKey);
                  const percent = entersAsPercent(unit, p.metricKey);
                  const id = `proposal-${p.kpiKey}`;
                  return (
                    <tr key={p.kpiKey} data-testid="plan-proposal" data-kpi={p.kpiKey}>
                      <Td>{tr.has(p.role) ? tr(p.role as "CMO") : p.role}</Td>
                      <Td>
                        <label htmlFor={id}>{kpiNames[p.kpiKey] ?? t("kpi")}</label>
                      </Td>
                      <Td>
                        {p.canApply ? (
                          <span className="inline-flex items-center gap-1">
                            <Input
                              id={id}
                              inputMode="decimal"
                              className="w-36"
                              value={edits[p.kpiKey] ?? toInputValue(p.target, percent, locale)}
                              onChange={(e) => setEdits({ ...edits, [p.kpiKey]: e.target.value })}
                              aria-invalid={errors[p.kpiKey] ? true : undefined}
                            />
                            <span className="text-sm text-ink-muted">
                              {percent ? "%" : unit === "MONEY" ? currency : ""}
                            </span>
                          </span>
                        ) : (
                          <span id={id}>
                            {formatValue(p.target, unit, p.metricKey, ctx)}{" "}
                            <span className="text-xs text-ink-muted">({t("cannotApply")})</span>
                          </span>
                        )}
                      </Td>
                      <Td className="text-sm text-ink-muted">{(locale === "ru" ? p.basisRu : p.basisEn) || p.basis}</Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
            {apply.formError ? (
              <Alert tone="bad" className="mt-3">
                {apply.formError}
              </Alert>
            ) : null}
            {applied !== null ? (
              <Alert tone="ok" className="mt-3">
                {t("applied", { count: applied })}
              </Alert>
            ) : null}
            <Button
              type="submit"
              className="mt-3"
              pending={apply.pending}
              disabled={!plan.proposals.some((p) => p.canApply)}
            >
              {t("apply")}
            </Button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
