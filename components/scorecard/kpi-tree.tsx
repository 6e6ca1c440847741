import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ResultOf, graphql } from "@/graphql/client/graphql";
import { cn } from "../ui/cn";
import {
  type FormatContext,
  type MetricInfo,
  channelLabel,
  formatSignedValue,
  formatValue,
  metricName,
  statusTone,
  toNumber,
} from "./format";
import { KpiStatusPill } from "./status-pill";

export const KpiTreeNodeFields = graphql(`
  fragment KpiTreeNodeFields on KpiTreeNode {
    key
    kind
    metricKey
    channelScope
    owner
    status
    actual
    target
    expectedToDate
    variance
    varianceToDate
    attainmentToDate
    gateFailed
    drivers {
      score
      status
    }
  }
`);

/** A node of the KPI tree as the tree page reads it (four levels of `children` below the roots). */
export type TreeNode = ResultOf<typeof KpiTreeNodeFields> & { children?: TreeNode[] };

const edge: Record<string, string> = {
  ok: "border-l-ok-ink",
  warn: "border-l-[#b45309]",
  bad: "border-l-bad-ink",
  neutral: "border-l-line",
};

function NodeBox({
  node,
  catalog,
  ctx,
  metricHref,
  level,
}: {
  node: TreeNode;
  catalog: Map<string, MetricInfo>;
  ctx: FormatContext;
  metricHref: (k: string, s: string | null) => string;
  level: number;
}) {
  const t = useTranslations("tree");
  const tr = useTranslations("tree.owners");
  const info = catalog.get(node.metricKey);
  const fmt = (v: string | null) => formatValue(v, info?.unit, node.metricKey, ctx);
  const isDiagnostic = node.kind === "DIAGNOSTIC";
  const variance = node.varianceToDate ?? node.variance;
  const v = toNumber(variance);
  const good = v === null || v === 0 ? null : info?.direction === "LOWER" ? v < 0 : v > 0;
  const Heading = level === 0 ? "h2" : "p";
  return (
    <div
      data-testid="tree-node"
      data-kind={node.kind}
      data-status={node.status ?? "NONE"}
      className={cn(
        "rounded-lg border border-line border-l-4 bg-surface px-3 py-2",
        isDiagnostic ? "border-l-line bg-canvas" : edge[statusTone(node.status)],
        level === 0 && "shadow-sm",
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <div className="min-w-0">
          <Heading className={cn("font-semibold text-ink", level === 0 ? "text-base" : "text-sm")}>
            <Link prefetch={false} href={metricHref(node.metricKey, node.channelScope)} className="hover:underline">
              {metricName(info, node.metricKey, ctx.locale)}
              {node.channelScope ? (
                <span className="font-normal text-ink-muted"> · {channelLabel(node.channelScope, ctx.locale)}</span>
              ) : null}
            </Link>
          </Heading>
          <p className="text-xs text-ink-muted">
            {isDiagnostic
              ? t("diagnostic")
              : node.owner
                ? tr.has(node.owner)
                  ? tr(node.owner as "COMPANY")
                  : node.owner
                : null}
          </p>
        </div>
        {isDiagnostic ? null : (
          <KpiStatusPill status={node.status} hasActual={node.actual !== null} hasTarget={node.target !== null} />
        )}
      </div>
      <p className="mt-1 text-sm tabular-nums">
        <span className="font-semibold">{fmt(node.actual)}</span>
        {node.target !== null ? (
          <span className="text-ink-muted"> / {t("target", { value: fmt(node.target) })}</span>
        ) : null}
        {!isDiagnostic && variance !== null ? (
          <span
            className={cn(
              "ml-2 font-medium",
              good === true ? "text-ok-ink" : good === false ? "text-bad-ink" : "text-ink-muted",
            )}
          >
            {t(node.varianceToDate !== null ? "varianceToDate" : "variance", {
              value: formatSignedValue(variance, info?.unit, node.metricKey, ctx),
            })}
          </span>
        ) : null}
      </p>
      {node.gateFailed ? <p className="text-xs font-medium text-bad-ink">{t("gateFailed")}</p> : null}
      {node.drivers && node.children && node.children.some((c) => c.kind === "KPI") ? (
        <p className="text-xs text-ink-muted">
          {t("drivers", {
            score: node.drivers.score === null ? "—" : formatValue(node.drivers.score, "RATIO", "score", ctx),
          })}
        </p>
      ) : null}
    </div>
  );
}

function Branch({
  nodes,
  catalog,
  ctx,
  metricHref,
  level,
}: {
  nodes: TreeNode[];
  catalog: Map<string, MetricInfo>;
  ctx: FormatContext;
  metricHref: (k: string, s: string | null) => string;
  level: number;
}) {
  return (
    <ul className="ml-3 space-y-2 border-l-2 border-line pl-4 pt-2 sm:ml-5">
      {nodes.map((node) => (
        <li
          key={node.key}
          className="relative before:absolute before:-left-4 before:top-5 before:h-0.5 before:w-3 before:bg-line"
        >
          <NodeBox node={node} catalog={catalog} ctx={ctx} metricHref={metricHref} level={level} />
          {node.children && node.children.length > 0 ? (
            <Branch nodes={node.children} catalog={catalog} ctx={ctx} metricHref={metricHref} level={level + 1} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The KPI tree drawn as a tree: company targets at the top, the role KPIs that drive them
 * beneath (connector lines), diagnostics at the leaves. Colour is the status; the words and
 * the variance say the same thing for anyone who cannot see the colour.
 */
export function KpiTreeView({
  roots,
  catalog,
  ctx,
  metricHref,
}: {
  roots: TreeNode[];
  catalog: Map<string, MetricInfo>;
  ctx: FormatContext;
  metricHref: (k: string, s: string | null) => string;
}) {
  const t = useTranslations("tree");
  return (
    <div>
      <p className="mb-4 text-sm text-ink-muted">{t("legend")}</p>
      <ol className="grid gap-6 lg:grid-cols-2">
        {roots.map((root) => (
          <li key={root.key} className="min-w-0" data-testid="tree-root">
            <NodeBox node={root} catalog={catalog} ctx={ctx} metricHref={metricHref} level={0} />
            {root.children && root.children.length > 0 ? (
              <Branch nodes={root.children} catalog={catalog} ctx={ctx} metricHref={metricHref} level={1} />
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
