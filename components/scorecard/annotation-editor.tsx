import { useTranslations } from "next-intl";
import { AnnotationToggle } from "./annotation-toggle";
import type { PeriodInput } from "./period";

/**
 * The specialist's note on a KPI for the period; editable on their own scorecard (annotation.write).
 * The note is rendered on the server; only the edit button runs in the browser, and the editing
 * form is loaded when it is first needed.
 */
export function AnnotationEditor({
  kpiId,
  kpiName,
  body,
  canEdit,
  period,
}: {
  kpiId: string;
  kpiName: string;
  body: string;
  canEdit: boolean;
  period: PeriodInput;
}) {
  const t = useTranslations("scorecard.annotation");
  const tc = useTranslations("common");
  const note = (
    <>
      <p className="text-xs font-semibold uppercase tracking-wide text-ink-muted">{t("title")}</p>
      {body ? (
        <p className="mt-1 whitespace-pre-wrap text-ink" data-testid="kpi-annotation">
          {body}
        </p>
      ) : (
        <p className="mt-1 text-ink-muted">{t("empty")}</p>
      )}
    </>
  );
  if (!canEdit) return <div className="text-sm">{note}</div>;
  return (
    <AnnotationToggle
      kpiId={kpiId}
      body={body}
      period={period}
      labels={{
        edit: body ? t("edit") : t("add"),
        editFor: t("editFor", { action: body ? t("edit") : t("add"), kpi: kpiName }),
        labelFor: t("labelFor", { kpi: kpiName }),
        save: tc("save"),
        cancel: tc("cancel"),
      }}
    >
      {note}
    </AnnotationToggle>
  );
}
