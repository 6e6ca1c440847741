"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Table, THead, Td, Th } from "@/components/ui/table";
import { channelLabel } from "@/components/scorecard/format";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "@/lib/i18n/format";
import { importReportCsv } from "@/lib/imports/import-report-csv";
import { type ImportView, LIVE } from "./import-queries";
import { TONE } from "./import-status-tone";
import { type MappingInput, useMappingDraft } from "./use-mapping-draft";

/** The open import: status, progress, the mapping editor while it is editable, the validation report and the actions. */
export function ImportDetails({
  current,
  percent,
  pending,
  locale,
  measuresHref,
  onRecheck,
  onCommit,
  onCancel,
}: {
  current: ImportView;
  percent: number;
  pending: boolean;
  locale: string;
  measuresHref: string;
  onRecheck(mapping: MappingInput, numberStyle: "RU" | "EN"): void;
  onCommit(): void;
  onCancel(): void;
}) {
  const t = useTranslations("import");
  const tGroups = useTranslations("channelGroups");
  const editable = current.status === "UPLOADED" || current.status === "FAILED";
  const {
    targets,
    setTargets,
    aliases,
    setAliases,
    defaultChannel,
    setDefaultChannel,
    currency,
    setCurrency,
    rate,
    setRate,
    numberStyle,
    setNumberStyle,
    ignored,
    setIgnored,
    unresolved,
    mappingInput,
  } = useMappingDraft(current, editable);
  const nameOf = (x: { nameEn: string; nameRu: string }) => (locale === "ru" ? x.nameRu : x.nameEn);
  const measureName = (key: string) => {
    const target = current.mappingTargets.find((x) => x.key === key);
    return target ? nameOf(target) : key;
  };
  const dims = current.mappingTargets.filter((x) => x.kind === "DIMENSION");
  const measures = current.mappingTargets.filter((x) => x.kind === "MEASURE");
  const live = LIVE.includes(current.status);
  const { report } = current;

  function downloadReport() {
    const csv = importReportCsv(report.issues, locale, {
      row: t("row"),
      column: t("column"),
      value: t("value"),
      reason: t("reason"),
      wholeFile: t("wholeFile"),
    });
    const url = URL.createObjectURL(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${current.fileName.replace(/\.[^.]+$/, "")}-report.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <Card aria-labelledby="import-current-title">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="import-current-title" className="text-lg font-semibold">
            {current.fileName}
          </h2>
          <p className="text-sm text-ink-muted">
            {t("fileSummary", {
              name: current.fileName,
              rows: current.dataRows,
              encoding: current.encoding,
              delimiter: current.delimiter === "\t" ? "Tab" : current.delimiter,
              style: current.numberStyle === "RU" ? t("styleRu") : t("styleEn"),
            })}
          </p>
        </div>
        <Badge tone={TONE[current.status]}>{t(`statuses.${current.status}`)}</Badge>
      </div>

      {current.duplicateOf ? (
        <Alert tone="info" className="mt-3">
          {t("duplicateOf", { date: formatDateTime(current.duplicateOf.createdAt, locale) })}
        </Alert>
      ) : null}
      {current.error ? (
        <Alert tone="bad" className="mt-3">
          {current.error}
        </Alert>
      ) : null}

      {live || current.status === "COMMITTED" ? (
        <div className="mt-4 space-y-2">
          <div
            role="progressbar"
            aria-label={t("progressLabel")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(percent * 100)}
            data-testid="import-progress"
            className="h-3 w-full overflow-hidden rounded-full bg-canvas"
          >
            <div
              className="h-full bg-brand-600 transition-[width]"
              style={{ width: `${Math.round(percent * 100)}%` }}
            />
          </div>
          <p className="text-sm tabular-nums" aria-live="polite">
            {t("progress", {
              done: formatNumber(current.progress.rowsDone, locale),
              total: formatNumber(current.progress.rowsTotal, locale),
              percent: formatPercent(percent, locale, { maximumFractionDigits: 0 }),
            })}
            {current.status === "COMMITTED"
              ? ` · ${t("resultCounts", { inserted: formatNumber(current.inserted, locale), updated: formatNumber(current.updated, locale), unchanged: formatNumber(current.unchanged, locale) })}`
              : null}
          </p>
          {current.progress.cancelRequested ? <p className="text-sm">{t("cancelRequested")}</p> : null}
        </div>
      ) : null}

      {editable ? (
        <section className="mt-6 space-y-3" aria-labelledby="import-mapping-title">
          <h3 id="import-mapping-title" className="font-semibold">
            {t("mappingTitle")}
          </h3>
          <p className="text-sm text-ink-muted">{t("mappingLead")}</p>
          <Table caption={t("mappingTitle")}>
            <THead>
              <tr>
                <Th>{t("column")}</Th>
                <Th>{t("sample")}</Th>
                <Th>{t("target")}</Th>
              </tr>
            </THead>
            <tbody>
              {current.headers.map((header, i) => (
                <tr key={i}>
                  <Td className="font-medium">{header || `#${i + 1}`}</Td>
                  <Td className="max-w-56 truncate text-ink-muted">
                    {current.sampleRows
                      .slice(0, 3)
                      .map((r) => r.cells[i] ?? "")
                      .join(" · ")}
                  </Td>
                  <Td>
                    <Select
                      aria-label={`${t("target")}: ${header || `#${i + 1}`}`}
                      value={targets[i]}
                      onChange={(e) => setTargets((all) => all.map((x, j) => (j === i ? e.target.value : x)))}
                    >
                      <optgroup label={t("dimensions")}>
                        {dims.map((d) => (
                          <option key={d.key} value={d.key}>
                            {nameOf(d)}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label={t("measures")}>
                        {measures.map((m) => (
                          <option key={m.key} value={m.key}>
                            {nameOf(m)}
                          </option>
                        ))}
                      </optgroup>
                    </Select>
                    {targets[i] === "ignore" ? (
                      <div className="mt-2 space-y-1 text-sm" data-testid="unknown-column">
                        {ignored.has(i) ? null : (
                          <p className="text-warn-ink">{t("unknownColumn", { column: header || `#${i + 1}` })}</p>
                        )}
                        <label className="flex items-center gap-2">
                          <input
                            type="checkbox"
                            className="size-4"
                            checked={ignored.has(i)}
                            onChange={(e) =>
                              setIgnored((all) => {
                                const next = new Set(all);
                                if (e.target.checked) next.add(i);
                                else next.delete(i);
                                return next;
                              })
                            }
                          />
                          {t("ignoreColumn", { column: header || `#${i + 1}` })}
                        </label>
                        {header ? (
                          <a
                            className="text-brand-700 underline"
                            href={`${measuresHref}?name=${encodeURIComponent(header)}`}
                          >
                            {t("createMeasureFrom", { column: header })}
                          </a>
                        ) : null}
                      </div>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {report.unknownMeasures.length > 0 ? (
            <fieldset className="space-y-2">
              <legend className="font-medium">{t("unknownMeasures")}</legend>
              {report.unknownMeasures.map((u) => (
                <Field
                  key={u.name}
                  id={`alias-${u.name}`}
                  label={t("unknownMeasureRows", { name: u.name, rows: u.rows })}
                >
                  {(control) => (
                    <Select
                      {...control}
                      value={aliases[u.name] ?? u.suggestion ?? "ignore"}
                      onChange={(e) => setAliases((a) => ({ ...a, [u.name]: e.target.value }))}
                    >
                      <option value="ignore">
                        {nameOf(dims.find((d) => d.key === "ignore") ?? { nameEn: "Ignore", nameRu: "Не загружать" })}
                      </option>
                      {measures.map((m) => (
                        <option key={m.key} value={m.key}>
                          {nameOf(m)}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ))}
            </fieldset>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="import-default-channel" label={t("defaultChannel")}>
              {(control) => (
                <Input
                  {...control}
                  value={defaultChannel}
                  onChange={(e) => setDefaultChannel(e.target.value)}
                  maxLength={100}
                />
              )}
            </Field>
            <Field id="import-currency" label={tGroups("importCurrency")} hint={tGroups("importCurrencyHint")}>
              {(control) => (
                <Input {...control} value={currency} onChange={(e) => setCurrency(e.target.value)} maxLength={3} />
              )}
            </Field>
            <Field id="import-rate" label={tGroups("importRate")} hint={tGroups("importRateHint")}>
              {(control) => (
                <Input
                  {...control}
                  value={rate}
                  inputMode="decimal"
                  onChange={(e) => setRate(e.target.value)}
                  maxLength={30}
                />
              )}
            </Field>
            <Field id="import-number-style" label={t("numberStyle")}>
              {(control) => (
                <Select
                  {...control}
                  value={numberStyle}
                  onChange={(e) => setNumberStyle(e.target.value as "RU" | "EN")}
                >
                  <option value="RU">{t("styleRu")}</option>
                  <option value="EN">{t("styleEn")}</option>
                </Select>
              )}
            </Field>
          </div>
          <Button variant="secondary" pending={pending} onClick={() => onRecheck(mappingInput(), numberStyle)}>
            {t("recheck")}
          </Button>
        </section>
      ) : null}

      <section className="mt-6 space-y-2" aria-labelledby="import-report-title">
        <h3 id="import-report-title" className="font-semibold">
          {t("reportTitle")}
        </h3>
        {report.unmappedChannels.length > 0 ? (
          <div data-testid="import-unmapped-channels">
            <Alert tone="warn">{tGroups("importUnmapped", { channels: report.unmappedChannels.join(", ") })}</Alert>
          </div>
        ) : null}
        {report.errorCount === 0 ? (
          <Alert tone="ok">
            {current.status === "COMMITTED"
              ? t("reportCommitted", { facts: report.factCount })
              : current.status === "ROLLED_BACK"
                ? t("reportRolledBack", { facts: report.factCount })
                : live
                  ? t("reportLoading", { facts: report.factCount })
                  : t("reportOk", { facts: report.factCount })}
          </Alert>
        ) : (
          <>
            <Alert tone="bad">{t("reportErrors", { count: report.errorCount })}</Alert>
            <Table caption={t("reportCaption")}>
              <THead>
                <tr>
                  <Th>{t("row")}</Th>
                  <Th>{t("column")}</Th>
                  <Th>{t("value")}</Th>
                  <Th>{t("reason")}</Th>
                </tr>
              </THead>
              <tbody>
                {report.issues.map((issue, i) => (
                  <tr key={i} data-testid="import-issue">
                    <Td className="tabular-nums">{issue.row || t("wholeFile")}</Td>
                    <Td>{issue.column ?? "—"}</Td>
                    <Td className="max-w-40 truncate">
                      <code>{issue.value ?? ""}</code>
                    </Td>
                    <Td>{locale === "ru" ? issue.reasonRu : issue.reasonEn}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Button size="sm" variant="secondary" onClick={downloadReport}>
              {t("downloadReport")}
            </Button>
          </>
        )}
      </section>

      {current.preview.length > 0 ? (
        <section className="mt-6 space-y-2" aria-labelledby="import-preview-title">
          <h3 id="import-preview-title" className="font-semibold">
            {t("previewTitle")}
          </h3>
          <Table caption={t("previewCaption")}>
            <THead>
              <tr>
                <Th>{t("row")}</Th>
                <Th>{t("date")}</Th>
                <Th>{t("channel")}</Th>
                <Th>{t("campaign")}</Th>
                <Th>{t("measure")}</Th>
                <Th className="text-right">{t("value")}</Th>
              </tr>
            </THead>
            <tbody>
              {current.preview.map((p, i) => (
                <tr key={i}>
                  <Td className="tabular-nums">{p.row}</Td>
                  <Td className="whitespace-nowrap">{formatDate(p.date, locale)}</Td>
                  <Td>{channelLabel(p.channel, locale)}</Td>
                  <Td>{p.campaign || "—"}</Td>
                  <Td>{measureName(p.measure)}</Td>
                  <Td className="text-right tabular-nums">
                    {formatNumber(p.value, locale, { maximumFractionDigits: 10 })}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      ) : null}

      {current.canCommit && unresolved.length > 0 ? (
        <Alert tone="warn" className="mt-6">
          {t("unresolvedColumns", { count: unresolved.length })}
        </Alert>
      ) : null}
      <div className="mt-6 flex flex-wrap gap-3">
        {current.canCommit ? (
          <Button pending={pending} disabled={report.errorCount > 0 || unresolved.length > 0} onClick={onCommit}>
            {t("commit", { facts: report.factCount })}
          </Button>
        ) : null}
        {current.canCancel ? (
          <Button variant="secondary" pending={pending} onClick={onCancel}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
