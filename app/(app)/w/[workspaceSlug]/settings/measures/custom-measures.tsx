"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { transliterate } from "@/lib/workspaces/make-slug";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { THead, Table, Td, Th } from "@/components/ui/table";
import { graphql } from "@/graphql/client/graphql";

export interface CustomMeasureView {
  key: string;
  unit: "MONEY" | "COUNT" | "RATIO" | "MONTHS";
  aggregation: "FLOW" | "STOCK_END" | "STOCK_START" | null;
  nameEn: string;
  nameRu: string;
  archived: boolean;
}

const CREATE = graphql(`
  mutation CreateCustomMeasure($input: CreateCustomMeasureInput!) {
    createCustomMeasure(input: $input) {
      measure {
        key
      }
    }
  }
`);
const DELETE = graphql(`
  mutation DeleteCustomMeasure($input: DeleteCustomMeasureInput!) {
    deleteCustomMeasure(input: $input) {
      key
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateCustomMeasure($input: UpdateCustomMeasureInput!) {
    updateCustomMeasure(input: $input) {
      measure {
        key
      }
    }
  }
`);
const ARCHIVE = graphql(`
  mutation ArchiveCustomMeasure($input: ArchiveCustomMeasureInput!) {
    archiveCustomMeasure(input: $input) {
      measure {
        key
        archived
      }
    }
  }
`);
const UNARCHIVE = graphql(`
  mutation UnarchiveCustomMeasure($input: ArchiveCustomMeasureInput!) {
    unarchiveCustomMeasure(input: $input) {
      measure {
        key
        archived
      }
    }
  }
`);

/**
 * "Звонки" → "zvonki", "Calls (tracker)" → "calls_tracker": a key suggestion the person may
 * change, transliterated as workspace slugs are (lib/workspaces/make-slug.ts).
 */
function suggestKey(name: string): string {
  const key = transliterate(name)
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(key) ? key.slice(0, 48) : key ? `m_${key}`.slice(0, 48) : "";
}

function MeasureRow({
  measure,
  workspaceId,
  locale,
}: {
  measure: CustomMeasureView;
  workspaceId: string;
  locale: string;
}) {
  const t = useTranslations("measures");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const del = useGraphQLMutation(DELETE);
  const archive = useGraphQLMutation(ARCHIVE);
  const unarchive = useGraphQLMutation(UNARCHIVE);
  const name = locale === "ru" ? measure.nameRu || measure.nameEn : measure.nameEn;
  // A refusal names the measure's field (key): show it with the row, whatever field it names.
  const problem =
    del.formError ??
    del.fieldErrors.key ??
    archive.formError ??
    archive.fieldErrors.key ??
    unarchive.formError ??
    unarchive.fieldErrors.key ??
    null;
  return (
    <>
      <tr data-testid="custom-measure" data-archived={measure.archived ? "true" : undefined}>
        <Td className="font-medium">{name}</Td>
        <Td>{t(`units.${measure.unit === "MONEY" ? "MONEY" : "COUNT"}`)}</Td>
        <Td>{t(`aggregations.${measure.aggregation ?? "FLOW"}`)}</Td>
        <Td data-identifiers>
          <code>{measure.key}</code>
        </Td>
        <Td>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" size="sm" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
              {t("edit")}
              <span className="sr-only"> {name}</span>
            </Button>
            {measure.archived ? (
              <Button
                variant="secondary"
                size="sm"
                pending={unarchive.pending}
                onClick={async () => {
                  const outcome = await unarchive.run({ input: { workspaceId, key: measure.key } });
                  if (outcome.errors.length === 0) router.refresh();
                }}
              >
                {t("unarchive")}
                <span className="sr-only"> {name}</span>
              </Button>
            ) : (
              <ConfirmButton
                label={
                  <>
                    {t("archive")}
                    <span className="sr-only"> {name}</span>
                  </>
                }
                title={t("archiveTitle", { name })}
                description={t("archiveBody")}
                confirmLabel={t("archive")}
                cancelLabel={t("cancel")}
                variant="secondary"
                pending={archive.pending}
                open={archiveOpen}
                setOpen={setArchiveOpen}
                onConfirm={async () => {
                  const outcome = await archive.run({ input: { workspaceId, key: measure.key } });
                  setArchiveOpen(false);
                  if (outcome.errors.length === 0) router.refresh();
                }}
              />
            )}
            <ConfirmButton
              label={
                <>
                  {t("delete")}
                  <span className="sr-only"> {name}</span>
                </>
              }
              title={t("deleteTitle", { name })}
              description={t("deleteBody")}
              confirmLabel={t("delete")}
              cancelLabel={t("cancel")}
              pending={del.pending}
              open={open}
              setOpen={setOpen}
              onConfirm={async () => {
                const outcome = await del.run({ input: { workspaceId, key: measure.key } });
                setOpen(false);
                if (outcome.errors.length === 0) router.refresh();
              }}
            />
          </div>
          {problem ? (
            <Alert tone="bad" className="mt-2">
              {problem}
            </Alert>
          ) : null}
        </Td>
      </tr>
      {editing ? (
        <tr>
          <td colSpan={5} className="px-3 pb-4">
            <EditMeasure measure={measure} workspaceId={workspaceId} name={name} onDone={() => setEditing(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Names in both languages, and unit and flow/stock (the server refuses those once data or readers exist). */
function EditMeasure({
  measure,
  workspaceId,
  name,
  onDone,
}: {
  measure: CustomMeasureView;
  workspaceId: string;
  name: string;
  onDone: () => void;
}) {
  const t = useTranslations("measures");
  const router = useRouter();
  const [nameRu, setNameRu] = useState(measure.nameRu);
  const [nameEn, setNameEn] = useState(measure.nameEn);
  const [unit, setUnit] = useState<"COUNT" | "MONEY">(measure.unit === "MONEY" ? "MONEY" : "COUNT");
  const [aggregation, setAggregation] = useState<"FLOW" | "STOCK_END" | "STOCK_START">(measure.aggregation ?? "FLOW");
  const update = useGraphQLMutation(UPDATE);
  const id = `edit-${measure.key}`;
  return (
    <form
      noValidate
      aria-label={t("editTitle", { name })}
      className="space-y-4 rounded-lg border border-line bg-canvas p-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const outcome = await update.run({
          input: {
            workspaceId,
            key: measure.key,
            nameEn: nameEn.trim(),
            nameRu: nameRu.trim() || null,
            unit,
            aggregation,
          },
        });
        if (outcome.errors.length === 0) {
          onDone();
          router.refresh();
        }
      }}
    >
      <h3 className="font-semibold">{t("editTitle", { name })}</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-ru`} label={t("nameRu")} error={update.fieldErrors.nameRu}>
          {(c) => <Input {...c} lang="ru" value={nameRu} onChange={(e) => setNameRu(e.target.value)} />}
        </Field>
        <Field id={`${id}-en`} label={t("nameEn")} error={update.fieldErrors.nameEn}>
          {(c) => <Input {...c} lang="en" value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
        </Field>
        <Field id={`${id}-unit`} label={t("unit")} hint={t("kindHint")} error={update.fieldErrors.unit}>
          {(c) => (
            <Select {...c} value={unit} onChange={(e) => setUnit(e.target.value as "COUNT" | "MONEY")}>
              <option value="COUNT">{t("units.COUNT")}</option>
              <option value="MONEY">{t("units.MONEY")}</option>
            </Select>
          )}
        </Field>
        <Field id={`${id}-aggregation`} label={t("aggregation")} error={update.fieldErrors.aggregation}>
          {(c) => (
            <Select
              {...c}
              value={aggregation}
              onChange={(e) => setAggregation(e.target.value as "FLOW" | "STOCK_END" | "STOCK_START")}
            >
              <option value="FLOW">{t("aggregations.FLOW")}</option>
              <option value="STOCK_END">{t("aggregations.STOCK_END")}</option>
              <option value="STOCK_START">{t("aggregations.STOCK_START")}</option>
            </Select>
          )}
        </Field>
      </div>
      {update.formError ? <Alert tone="bad">{update.formError}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" pending={update.pending}>
          {t("save")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** Active and archived measures are listed the same way, each in its own captioned table. */
function MeasureTable({
  caption,
  measures,
  workspaceId,
  locale,
}: {
  caption: string;
  measures: CustomMeasureView[];
  workspaceId: string;
  locale: string;
}) {
  const t = useTranslations("measures");
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>{t("name")}</Th>
          <Th>{t("unit")}</Th>
          <Th>{t("aggregation")}</Th>
          <Th>{t("key")}</Th>
          <Th>{t("actions")}</Th>
        </tr>
      </THead>
      <tbody>
        {measures.map((m) => (
          <MeasureRow key={m.key} measure={m} workspaceId={workspaceId} locale={locale} />
        ))}
      </tbody>
    </Table>
  );
}

/** The list of custom measures and the form that adds one (names in both languages, unit, flow or stock). */
export function CustomMeasures({
  workspaceId,
  measures,
  locale,
  prefillName,
}: {
  workspaceId: string;
  measures: CustomMeasureView[];
  locale: string;
  prefillName: string;
}) {
  const t = useTranslations("measures");
  const router = useRouter();
  const [nameRu, setNameRu] = useState(locale === "ru" ? prefillName : "");
  const [nameEn, setNameEn] = useState(locale === "ru" ? "" : prefillName);
  const [key, setKey] = useState(suggestKey(prefillName));
  const [keyTouched, setKeyTouched] = useState(false);
  const [unit, setUnit] = useState<"COUNT" | "MONEY">("COUNT");
  const [aggregation, setAggregation] = useState<"FLOW" | "STOCK_END" | "STOCK_START">("FLOW");
  const [created, setCreated] = useState<string | null>(null);
  const create = useGraphQLMutation(CREATE);
  const active = measures.filter((m) => !m.archived);
  const archived = measures.filter((m) => m.archived);
  const onName = (value: string, lang: "ru" | "en") => {
    if (lang === "ru") setNameRu(value);
    else setNameEn(value);
    if (!keyTouched) setKey(suggestKey(value));
  };
  return (
    <div className="space-y-6">
      {active.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("empty")}</p>
      ) : (
        <MeasureTable caption={t("caption")} measures={active} workspaceId={workspaceId} locale={locale} />
      )}
      {archived.length > 0 ? (
        <section aria-labelledby="archived-measures" className="space-y-2">
          <h3 id="archived-measures" className="font-semibold">
            {t("archivedCaption")}
          </h3>
          <p className="text-sm text-ink-muted">{t("archivedLead")}</p>
          <MeasureTable caption={t("archivedCaption")} measures={archived} workspaceId={workspaceId} locale={locale} />
        </section>
      ) : null}
      <form
        noValidate
        className="space-y-4 rounded-lg border border-line bg-canvas p-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setCreated(null);
          const outcome = await create.run({
            input: {
              workspaceId,
              key,
              nameEn: nameEn.trim() || nameRu.trim(),
              nameRu: nameRu.trim() || null,
              unit,
              aggregation,
            },
          });
          if (outcome.data?.createCustomMeasure && outcome.errors.length === 0) {
            setCreated(locale === "ru" ? nameRu || nameEn : nameEn || nameRu);
            setNameRu("");
            setNameEn("");
            setKey("");
            setKeyTouched(false);
            router.refresh();
          }
        }}
      >
        <h3 className="font-semibold">{t("createTitle")}</h3>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="measure-name-ru" label={t("nameRu")} error={create.fieldErrors.nameRu}>
            {(c) => <Input {...c} lang="ru" value={nameRu} onChange={(e) => onName(e.target.value, "ru")} />}
          </Field>
          <Field id="measure-name-en" label={t("nameEn")} error={create.fieldErrors.nameEn}>
            {(c) => <Input {...c} lang="en" value={nameEn} onChange={(e) => onName(e.target.value, "en")} />}
          </Field>
          <Field id="measure-unit" label={t("unit")}>
            {(c) => (
              <Select {...c} value={unit} onChange={(e) => setUnit(e.target.value as "COUNT" | "MONEY")}>
                <option value="COUNT">{t("units.COUNT")}</option>
                <option value="MONEY">{t("units.MONEY")}</option>
              </Select>
            )}
          </Field>
          <Field id="measure-aggregation" label={t("aggregation")} hint={t("aggregationHint")}>
            {(c) => (
              <Select
                {...c}
                value={aggregation}
                onChange={(e) => setAggregation(e.target.value as "FLOW" | "STOCK_END" | "STOCK_START")}
              >
                <option value="FLOW">{t("aggregations.FLOW")}</option>
                <option value="STOCK_END">{t("aggregations.STOCK_END")}</option>
                <option value="STOCK_START">{t("aggregations.STOCK_START")}</option>
              </Select>
            )}
          </Field>
          <div data-identifiers>
            <Field id="measure-key" label={t("key")} hint={t("keyHint")} error={create.fieldErrors.key}>
              {(c) => (
                <Input
                  {...c}
                  value={key}
                  onChange={(e) => {
                    setKeyTouched(true);
                    setKey(e.target.value);
                  }}
                  autoComplete="off"
                />
              )}
            </Field>
          </div>
        </div>
        {create.formError ? <Alert tone="bad">{create.formError}</Alert> : null}
        {created ? <Alert tone="ok">{t("created", { name: created })}</Alert> : null}
        <Button type="submit" pending={create.pending}>
          {t("create")}
        </Button>
      </form>
    </div>
  );
}
