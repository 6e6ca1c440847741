"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/dialog";
import { Table, THead, Td, Th } from "@/components/ui/table";
import { fetchGraphQL } from "@/lib/graphql-client/fetch-graphql";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { graphql } from "@/graphql/client/graphql";

const BATCHES = graphql(`
  query MetricBatches($ws: ID!) {
    workspace(id: $ws) {
      metricBatches(first: 20) {
        edges {
          node {
            id
            createdAt
            createdBy
            createdByKind
            status
            rows
            inserted
            updated
            unchanged
            canRollback
          }
        }
      }
    }
  }
`);
const ROLLBACK = graphql(`
  mutation RollbackMetricBatch($id: ID!) {
    rollbackMetricBatch(input: { id: $id }) {
      batch {
        id
        status
      }
    }
  }
`);

interface BatchItem {
  id: string;
  createdAt: string;
  createdBy: string | null;
  createdByKind: "USER" | "API_KEY";
  status: "COMMITTED" | "ROLLED_BACK";
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  canRollback: boolean;
}

/**
 * Batches sent through the API (ingestMetrics), beside the CSV import history: who sent
 * them, what they did, and a rollback that restores the values they replaced (SPEC §7).
 */
export function MetricBatches({ workspaceId, timeZone }: { workspaceId: string; timeZone: string }) {
  const t = useTranslations("metricBatches");
  const tc = useTranslations("common");
  const te = useTranslations("errors");
  const locale = useLocale();
  const [batches, setBatches] = useState<BatchItem[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await fetchGraphQL(BATCHES, { ws: workspaceId });
    setBatches(res.data?.workspace?.metricBatches?.edges.map((e) => e.node) ?? []);
  }, [workspaceId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function rollback(id: string) {
    setPending(true);
    setError(null);
    const res = await fetchGraphQL(ROLLBACK, { id });
    setPending(false);
    setOpen(null);
    if (res.errors.length > 0) {
      const code = res.code ?? "generic";
      setError(code === "BAD_USER_INPUT" ? t("rollbackFailed") : te.has(code) ? te(code) : te("generic"));
    }
    void load();
  }

  return (
    <Card>
      <CardHeader title={t("title")} description={t("lead")} />
      {error ? <Alert tone="bad">{error}</Alert> : null}
      {batches.length === 0 ? (
        <p className="mt-3 text-sm text-ink-muted">{t("empty")}</p>
      ) : (
        <Table caption={t("caption")} className="mt-3">
          <THead>
            <tr>
              <Th>{t("when")}</Th>
              <Th>{t("who")}</Th>
              <Th className="text-right">{t("rows")}</Th>
              <Th className="text-right">{t("inserted")}</Th>
              <Th className="text-right">{t("updated")}</Th>
              <Th className="text-right">{t("unchanged")}</Th>
              <Th>{t("status")}</Th>
              <Th>{t("actions")}</Th>
            </tr>
          </THead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} data-testid="metric-batch-row">
                <Td className="whitespace-nowrap">{formatDateTime(b.createdAt, locale, timeZone)}</Td>
                <Td>
                  {b.createdBy ?? "—"}
                  {b.createdByKind === "API_KEY" ? <span className="ml-1 text-ink-muted">({t("apiKey")})</span> : null}
                </Td>
                <Td className="text-right tabular-nums">{formatNumber(b.rows, locale)}</Td>
                <Td className="text-right tabular-nums">{formatNumber(b.inserted, locale)}</Td>
                <Td className="text-right tabular-nums">{formatNumber(b.updated, locale)}</Td>
                <Td className="text-right tabular-nums">{formatNumber(b.unchanged, locale)}</Td>
                <Td>
                  <Badge tone={b.status === "COMMITTED" ? "ok" : "warn"}>{t(`statuses.${b.status}`)}</Badge>
                </Td>
                <Td className="whitespace-nowrap">
                  {b.canRollback ? (
                    <ConfirmButton
                      label={t("rollback")}
                      title={t("rollback")}
                      description={t("rollbackConfirm")}
                      confirmLabel={t("rollback")}
                      cancelLabel={tc("cancel")}
                      pending={pending}
                      open={open === b.id}
                      setOpen={(o) => setOpen(o ? b.id : null)}
                      onConfirm={() => rollback(b.id)}
                    />
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
