"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import type { TadaDocumentNode } from "@/graphql/client/graphql";
import { fetchGraphQL } from "@/lib/graphql-client/fetch-graphql";
import { HISTORY_QUERY, type HistoryItem, IMPORT_QUERY, type ImportView, LIVE } from "./import-queries";

/**
 * The import page's state: the history, the open import (kept in the URL as ?import=…, polled
 * once a second while its job is live), the upload in flight, the last error, and the
 * mutations that change the open import. `onUploadSettled` runs when an upload ends either way.
 */
export function useImportWorkbench(workspaceId: string, onUploadSettled: () => void) {
  const t = useTranslations("import");
  const te = useTranslations("errors");
  const [history, setHistory] = useState<HistoryItem[]>([]);
  const [current, setCurrent] = useState<ImportView | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const loadHistory = useCallback(async () => {
    const res = await fetchGraphQL(HISTORY_QUERY, { ws: workspaceId });
    setHistory(res.data?.workspace?.imports?.edges.map((e) => e.node) ?? []);
  }, [workspaceId]);

  const open = useCallback(
    async (id: string) => {
      const res = await fetchGraphQL(IMPORT_QUERY, { ws: workspaceId, id });
      if (res.data?.workspace?.import) {
        setCurrent(res.data.workspace.import);
        const url = new URL(window.location.href);
        url.searchParams.set("import", id);
        window.history.replaceState(null, "", url);
      } else if (res.formError) setError(res.formError);
    },
    [workspaceId],
  );

  useEffect(() => {
    void loadHistory();
    const id = new URL(window.location.href).searchParams.get("import");
    if (id) void open(id);
  }, [loadHistory, open]);

  // Poll a live job; refresh the history when it ends.
  const live = current !== null && LIVE.includes(current.status);
  useEffect(() => {
    if (!live || !current) return;
    const timer = setInterval(async () => {
      const res = await fetchGraphQL(IMPORT_QUERY, { ws: workspaceId, id: current.id });
      const next = res.data?.workspace?.import;
      if (next) {
        setCurrent(next);
        if (!LIVE.includes(next.status)) void loadHistory();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [live, current, workspaceId, loadHistory]);

  async function upload(file: File) {
    setError(null);
    setUploading(file.name);
    try {
      const res = await fetch(
        `/api/imports?workspaceId=${encodeURIComponent(workspaceId)}&fileName=${encodeURIComponent(file.name)}`,
        {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "text/csv" },
          body: file,
        },
      );
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new Error(body?.errors?.[0]?.message ?? res.statusText);
      await open(body.import.id);
      await loadHistory();
    } catch (e) {
      setError(t("uploadFailed", { message: (e as Error).message }));
    } finally {
      setUploading(null);
      onUploadSettled();
    }
  }

  /** Runs one of the import mutations; `field` names the mutation's result, the import as it now is. */
  async function mutate<F extends string, V>(
    document: TadaDocumentNode<{ [K in F]: ImportView | null }, V>,
    variables: V,
    field: F,
  ) {
    setPending(true);
    setError(null);
    const res = await fetchGraphQL(document, variables);
    setPending(false);
    const next = res.data?.[field];
    if (next) setCurrent(next);
    else setError(res.formError ?? res.errors[0]?.message ?? te("generic"));
    void loadHistory();
  }

  return { history, current, uploading, error, pending, open, upload, mutate };
}
