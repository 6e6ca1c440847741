"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { parseDecimalInput, toInputValue } from "@/components/scorecard/decimal-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { graphql } from "@/graphql/client/graphql";

export interface MetricSettings {
  ltvMethod: "SUBSCRIPTION" | "REPEAT_PURCHASE" | "FIXED";
  grossMargin: string;
  romiBasis: "REVENUE" | "GROSS_PROFIT";
  engagementBasis: "REACH" | "IMPRESSIONS" | "FOLLOWERS";
  fixedLtv: string | null;
  orderValue: string | null;
  ordersPerYear: string | null;
  years: string | null;
  maxCustomerLifetimeMonths: string | null;
}

const UPDATE = graphql(`
  mutation UpdateMetricSettings($input: UpdateMetricSettingsInput!) {
    updateMetricSettings(input: $input) {
      settings {
        ltvMethod
      }
    }
  }
`);

/** LTV method, gross margin, ROMI and engagement bases (updateMetricSettings). */
export function MetricSettingsForm({
  workspaceId,
  settings,
  currency,
}: {
  workspaceId: string;
  settings: MetricSettings;
  currency: string;
}) {
  const t = useTranslations("metricSettings");
  const tn = useTranslations("numbers.settings");
  const tc = useTranslations("common");
  const router = useRouter();
  const [s, setS] = useState({
    ltvMethod: settings.ltvMethod,
    grossMargin: toInputValue(settings.grossMargin, true),
    romiBasis: settings.romiBasis,
    engagementBasis: settings.engagementBasis,
    fixedLtv: settings.fixedLtv ?? "",
    orderValue: settings.orderValue ?? "",
    ordersPerYear: settings.ordersPerYear ?? "",
    years: settings.years ?? "",
    maxCustomerLifetimeMonths: settings.maxCustomerLifetimeMonths ?? "",
  });
  const [saved, setSaved] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(UPDATE);
  const set = (k: keyof typeof s, v: string) => (setSaved(false), setS({ ...s, [k]: v }));
  const err = (k: string) => localErrors[k] ?? fieldErrors[k];

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const errors: Record<string, string> = {};
        const num = (k: "fixedLtv" | "orderValue" | "ordersPerYear" | "years" | "maxCustomerLifetimeMonths") => {
          if (s[k].trim() === "") return null;
          const v = parseDecimalInput(s[k]);
          if (v === null) errors[k] = t("notANumber");
          return v;
        };
        const grossMargin = parseDecimalInput(s.grossMargin, true);
        if (grossMargin === null) errors.grossMargin = t("notANumber");
        const input = {
          workspaceId,
          ltvMethod: s.ltvMethod,
          grossMargin,
          romiBasis: s.romiBasis,
          engagementBasis: s.engagementBasis,
          fixedLtv: num("fixedLtv"),
          orderValue: num("orderValue"),
          ordersPerYear: num("ordersPerYear"),
          years: num("years"),
          // Empty = no cap (null); the server checks 1…600 and names the field.
          maxCustomerLifetimeMonths: num("maxCustomerLifetimeMonths"),
        };
        setLocalErrors(errors);
        if (Object.keys(errors).length > 0) return;
        const outcome = await run({ input });
        if (outcome.errors.length === 0) {
          setSaved(true);
          router.refresh();
        }
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="ms-ltv" label={t("ltvMethod")} hint={t(`ltvHelp.${s.ltvMethod}`)} error={err("ltvMethod")}>
          {(c) => (
            <Select {...c} value={s.ltvMethod} onChange={(e) => set("ltvMethod", e.target.value)}>
              {(["SUBSCRIPTION", "REPEAT_PURCHASE", "FIXED"] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`ltvMethods.${m}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="ms-margin" label={t("grossMargin")} hint={t("grossMarginHint")} error={err("grossMargin")}>
          {(c) => (
            <Input
              {...c}
              inputMode="decimal"
              value={s.grossMargin}
              onChange={(e) => set("grossMargin", e.target.value)}
            />
          )}
        </Field>
        {s.ltvMethod === "FIXED" ? (
          <Field id="ms-fixed" label={t("fixedLtv", { currency })} error={err("fixedLtv")}>
            {(c) => (
              <Input {...c} inputMode="decimal" value={s.fixedLtv} onChange={(e) => set("fixedLtv", e.target.value)} />
            )}
          </Field>
        ) : null}
        {s.ltvMethod === "SUBSCRIPTION" ? (
          <Field
            id="ms-max-lifetime"
            label={tn("maxLifetime")}
            hint={tn("maxLifetimeHint")}
            error={err("maxCustomerLifetimeMonths")}
          >
            {(c) => (
              <Input
                {...c}
                inputMode="decimal"
                value={s.maxCustomerLifetimeMonths}
                onChange={(e) => set("maxCustomerLifetimeMonths", e.target.value)}
              />
            )}
          </Field>
        ) : null}
        {s.ltvMethod === "REPEAT_PURCHASE" ? (
          <>
            <Field id="ms-order" label={t("orderValue", { currency })} error={err("orderValue")}>
              {(c) => (
                <Input
                  {...c}
                  inputMode="decimal"
                  value={s.orderValue}
                  onChange={(e) => set("orderValue", e.target.value)}
                />
              )}
            </Field>
            <Field id="ms-orders" label={t("ordersPerYear")} error={err("ordersPerYear")}>
              {(c) => (
                <Input
                  {...c}
                  inputMode="decimal"
                  value={s.ordersPerYear}
                  onChange={(e) => set("ordersPerYear", e.target.value)}
                />
              )}
            </Field>
            <Field id="ms-years" label={t("years")} error={err("years")}>
              {(c) => (
                <Input {...c} inputMode="decimal" value={s.years} onChange={(e) => set("years", e.target.value)} />
              )}
            </Field>
          </>
        ) : null}
        <Field id="ms-romi" label={t("romiBasis")} hint={t("romiHint")} error={err("romiBasis")}>
          {(c) => (
            <Select {...c} value={s.romiBasis} onChange={(e) => set("romiBasis", e.target.value)}>
              <option value="REVENUE">{t("romiBases.REVENUE")}</option>
              <option value="GROSS_PROFIT">{t("romiBases.GROSS_PROFIT")}</option>
            </Select>
          )}
        </Field>
        <Field
          id="ms-engagement"
          label={t("engagementBasis")}
          hint={t("engagementHint")}
          error={err("engagementBasis")}
        >
          {(c) => (
            <Select {...c} value={s.engagementBasis} onChange={(e) => set("engagementBasis", e.target.value)}>
              <option value="REACH">{t("engagementBases.REACH")}</option>
              <option value="IMPRESSIONS">{t("engagementBases.IMPRESSIONS")}</option>
              <option value="FOLLOWERS">{t("engagementBases.FOLLOWERS")}</option>
            </Select>
          )}
        </Field>
      </div>
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {saved ? <Alert tone="ok">{t("saved")}</Alert> : null}
      <Button type="submit" pending={pending}>
        {tc("save")}
      </Button>
    </form>
  );
}
