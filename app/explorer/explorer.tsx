"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, useEffect, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Tabs } from "@/components/ui/tabs-panel";
import { EXAMPLES } from "./examples";

interface RunResult {
  status: number;
  ms: number;
  body: string;
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function Explorer() {
  const t = useTranslations("explorer");
  const [query, setQuery] = useState(EXAMPLES[0].query);
  const [variables, setVariables] = useState(JSON.stringify(EXAMPLES[0].variables, null, 2));
  const [apiKey, setApiKey] = useState("");
  const [headers, setHeaders] = useState("{}");
  const [result, setResult] = useState<RunResult | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  async function run() {
    const vars = parseJsonObject(variables);
    const extra = parseJsonObject(headers);
    if (!vars) return setInputError(t("badVariables"));
    if (!extra) return setInputError(t("badHeaders"));
    setInputError(null);
    setRunning(true);
    const started = performance.now();
    try {
      const response = await fetch("/api/graphql", {
        method: "POST",
        // With an API key the request runs as the key, not as the signed-in user.
        credentials: apiKey.trim() ? "omit" : "same-origin",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) as Record<string, string>),
          ...(apiKey.trim() ? { authorization: `Bearer ${apiKey.trim()}` } : {}),
        },
        body: JSON.stringify({ query, variables: vars }),
      });
      const body = await response.text();
      setResult({ status: response.status, ms: Math.round(performance.now() - started), body: pretty(body) });
    } catch (error) {
      setResult({ status: 0, ms: Math.round(performance.now() - started), body: String(error) });
    } finally {
      setRunning(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      void run();
    }
  }

  const editor = (
    <div className="grid gap-6 lg:grid-cols-2" onKeyDown={onKeyDown}>
      <div className="space-y-4">
        <Field id="example" label={t("examples")}>
          {(p) => (
            <Select
              {...p}
              defaultValue=""
              onChange={(e) => {
                const example = EXAMPLES.find((x) => x.id === e.target.value);
                if (!example) return;
                setQuery(example.query);
                setVariables(JSON.stringify(example.variables, null, 2));
              }}
            >
              <option value="" disabled>
                {t("chooseExample")}
              </option>
              {EXAMPLES.map((x) => (
                <option key={x.id} value={x.id}>
                  {t(`example.${x.id}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="query" label={t("query")} hint={t("runHint")}>
          {(p) => (
            <Textarea {...p} value={query} onChange={(e) => setQuery(e.target.value)} rows={16} spellCheck={false} />
          )}
        </Field>
        <Field id="variables" label={t("variables")}>
          {(p) => (
            <Textarea
              {...p}
              value={variables}
              onChange={(e) => setVariables(e.target.value)}
              rows={6}
              spellCheck={false}
            />
          )}
        </Field>
        <Field id="api-key" label={t("apiKey")} hint={t("apiKeyHint")}>
          {(p) => (
            <Input
              {...p}
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              type="password"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field id="headers" label={t("headers")}>
          {(p) => (
            <Textarea {...p} value={headers} onChange={(e) => setHeaders(e.target.value)} rows={3} spellCheck={false} />
          )}
        </Field>
        {inputError ? <Alert tone="bad">{inputError}</Alert> : null}
        <Button onClick={run} pending={running}>
          {t("run")}
        </Button>
      </div>
      <div className="min-w-0">
        <h2 className="text-sm font-medium">{t("result")}</h2>
        <div aria-live="polite" className="mt-1">
          {result ? (
            <p className="mb-2 text-sm text-ink-muted">{t("status", { status: result.status, ms: result.ms })}</p>
          ) : null}
          <pre
            tabIndex={0}
            aria-label={t("result")}
            data-testid="explorer-result"
            className="max-h-[40rem] min-h-40 overflow-auto rounded-lg border border-line bg-ink p-3 font-mono text-xs text-white"
          >
            {result ? result.body : t("noResult")}
          </pre>
        </div>
      </div>
    </div>
  );

  return (
    <Tabs
      label={t("title")}
      tabs={[
        { id: "query", label: t("tabQuery"), content: editor },
        { id: "schema", label: t("tabSchema"), content: <SchemaViewer /> },
      ]}
    />
  );
}

/** The SDL from /schema.graphql with a filter on type and field names. */
function SchemaViewer() {
  const t = useTranslations("explorer");
  const [sdl, setSdl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [filter, setFilter] = useState("");

  useEffect(() => {
    let cancelled = false;
    fetch("/schema.graphql")
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then(
        (text) => !cancelled && setSdl(text),
        () => !cancelled && setFailed(true),
      );
    return () => {
      cancelled = true;
    };
  }, []);

  const blocks = useMemo(() => (sdl ?? "").split(/\n(?=\S)/).filter((b) => b.trim()), [sdl]);
  const shown = filter.trim() ? blocks.filter((b) => b.toLowerCase().includes(filter.trim().toLowerCase())) : blocks;

  if (failed) return <Alert tone="bad">{t("schemaMissing")}</Alert>;
  if (sdl === null) return <p role="status">{t("schemaLoading")}</p>;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <Field id="schema-filter" label={t("filter")} className="w-72 max-w-full">
          {(p) => <Input {...p} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}
        </Field>
        <a href="/schema.graphql" className="pb-2 text-sm text-brand-700 underline">
          {t("download")}
        </a>
      </div>
      <p className="text-sm text-ink-muted" aria-live="polite">
        {t("definitions", { count: shown.length })}
      </p>
      <pre
        tabIndex={0}
        aria-label={t("tabSchema")}
        className="max-h-[48rem] overflow-auto rounded-lg border border-line bg-surface p-3 font-mono text-xs"
      >
        {shown.join("\n\n")}
      </pre>
    </div>
  );
}
