"use client";

import { useLocale, useTranslations } from "next-intl";
import { type DragEvent, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/dialog";
import { Table, THead, Td, Th } from "@/components/ui/table";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { CANCEL, COMMIT, ROLLBACK, UPDATE_MAPPING } from "./import-queries";
import { ImportDetails } from "./import-details";
import { useImportWorkbench } from "./use-import-workbench";
import { TONE } from "./import-status-tone";

/**
 * The import page's client: upload (drag-and-drop or file input) straight to /api/imports as
 * a stream, then everything through GraphQL. While a job is live the page polls its progress
 * once a second; the selected import is kept in the URL (?import=…), so a reload picks the
 * progress bar up again.
 */
export function ImportWorkbench({
  workspaceId,
  timeZone,
  measuresHref,
}: {
  workspaceId: string;
  timeZone: string;
  measuresHref: string;
}) {
  const t = useTranslations("import");
  const tc = useTranslations("common");
  const locale = useLocale();
  const [dragging, setDragging] = useState(false);
  const [rollbackOpen, setRollbackOpen] = useState<string | null>(null);
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const { history, current, uploading, error, pending, open, upload, mutate } = useImportWorkbench(workspaceId, () => {
    if (fileInput.current) fileInput.current.value = "";
  });

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  }

  const percent = current ? (current.status === "COMMITTED" ? 1 : current.progress.fraction) : 0;

  return (
    <div className="space-y-6">
      {error ? <Alert tone="bad">{error}</Alert> : null}

      <Card>
        <CardHeader title={t("uploadTitle")} description={t("sizeLimit")} />
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-dropzone"
          className={`mt-3 flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-6 text-center ${dragging ? "border-brand-600 bg-brand-50" : "border-line"}`}
        >
          <p className="font-medium">{t("dropHere")}</p>
          <p className="text-sm text-ink-muted">{t("orChoose")}</p>
          <label htmlFor={inputId} className="sr-only">
            {t("chooseFile")}
          </label>
          <input
            ref={fileInput}
            id={inputId}
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            disabled={uploading !== null}
            onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
            className="max-w-full text-sm"
          />
          {uploading ? (
            <p role="status" className="text-sm">
              {t("uploading", { name: uploading })}
            </p>
          ) : null}
        </div>
      </Card>

      {current ? (
        <ImportDetails
          key={current.id}
          current={current}
          percent={percent}
          pending={pending}
          locale={locale}
          measuresHref={measuresHref}
          onRecheck={(mapping, numberStyle) =>
            mutate(UPDATE_MAPPING, { id: current.id, mapping, numberStyle }, "updateImportMapping")
          }
          onCommit={() => mutate(COMMIT, { id: current.id }, "commitImport")}
          onCancel={() => mutate(CANCEL, { id: current.id }, "cancelImport")}
        />
      ) : null}

      <Card>
        <CardHeader title={t("historyTitle")} />
        {history.length === 0 ? (
          <p className="mt-3 text-sm text-ink-muted">{t("historyEmpty")}</p>
        ) : (
          <Table caption={t("historyCaption")} className="mt-3">
            <THead>
              <tr>
                <Th>{t("file")}</Th>
                <Th>{t("when")}</Th>
                <Th>{t("who")}</Th>
                <Th className="text-right">{t("rows")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("checksum")}</Th>
                <Th>{t("actions")}</Th>
              </tr>
            </THead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id} data-testid="import-history-row">
                  <Td className="max-w-48 truncate">{h.source === "DEMO" ? t("demoDataset") : h.fileName}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(h.createdAt, locale, timeZone)}</Td>
                  <Td>{h.createdBy ?? "—"}</Td>
                  <Td className="text-right tabular-nums">{formatNumber(h.dataRows, locale)}</Td>
                  <Td>
                    <Badge tone={TONE[h.status]}>{t(`statuses.${h.status}`)}</Badge>
                  </Td>
                  <Td>
                    <code title={h.checksum}>{h.checksum.slice(0, 12)}</code>
                  </Td>
                  <Td className="whitespace-nowrap">
                    <div className="flex gap-2">
                      <Button size="sm" variant="secondary" onClick={() => void open(h.id)}>
                        {t("open")}
                      </Button>
                      {h.canRollback ? (
                        <ConfirmButton
                          label={t("rollback")}
                          title={t("rollback")}
                          description={t("rollbackConfirm")}
                          confirmLabel={t("rollback")}
                          cancelLabel={tc("cancel")}
                          pending={pending}
                          open={rollbackOpen === h.id}
                          setOpen={(o) => setRollbackOpen(o ? h.id : null)}
                          onConfirm={async () => {
                            await mutate(ROLLBACK, { id: h.id }, "rollbackImport");
                            setRollbackOpen(null);
                          }}
                        />
                      ) : null}
                    </div>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
