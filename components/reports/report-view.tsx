import type { ReportDocument, ReportKpiCard, ReportSection } from "@/lib/reports/build-report-document";

const STATUS_CLASS: Record<string, string> = {
  ON_TRACK: "bg-green-700",
  AT_RISK: "bg-amber-700",
  OFF_TRACK: "bg-red-700",
  NO_DATA: "bg-gray-600",
  NO_TARGET: "bg-gray-600",
};

function Sparkline({ series, color }: { series: readonly number[]; color: string }) {
  if (series.length < 2) return null;
  const min = Math.min(...series);
  const span = Math.max(...series) - min || 1;
  const points = series
    .map((v, i) => `${((i / (series.length - 1)) * 100).toFixed(2)},${(28 - ((v - min) / span) * 26).toFixed(2)}`)
    .join(" ");
  return (
    <svg viewBox="0 0 100 30" className="h-8 w-28" aria-hidden="true" preserveAspectRatio="none">
      <polyline points={points} fill="none" stroke={color} strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

function KpiCard({ kpi, doc }: { kpi: ReportKpiCard; doc: ReportDocument }) {
  return (
    <article className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-semibold text-gray-900">{kpi.name}</h3>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-semibold text-white ${STATUS_CLASS[kpi.status] ?? "bg-gray-600"}`}
        >
          {kpi.statusLabel}
        </span>
      </div>
      <div className="mt-2 flex items-end justify-between gap-2">
        <p className="text-2xl font-semibold tabular-nums text-gray-900">{kpi.actual}</p>
        <Sparkline series={kpi.series} color={doc.brand.primaryColor} />
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-3 text-xs text-gray-700">
        <dt>{doc.t("doc.target")}</dt>
        <dd className="text-right tabular-nums">{kpi.target}</dd>
        <dt>{doc.t("doc.attainment")}</dt>
        <dd className="text-right tabular-nums">{kpi.attainment}</dd>
        <dt>{doc.t("doc.expected")}</dt>
        <dd className="text-right tabular-nums">{kpi.expectedToDate}</dd>
        <dt>{doc.t("doc.forecast")}</dt>
        <dd className="text-right tabular-nums">{kpi.forecast}</dd>
      </dl>
      {kpi.pace !== null ? (
        <div className="relative mt-2 h-1.5 rounded bg-gray-200" aria-hidden="true">
          <div
            className={`h-1.5 rounded ${STATUS_CLASS[kpi.status] ?? "bg-gray-600"}`}
            style={{ width: `${Math.min(100, kpi.pace * 50)}%` }}
          />
          <div className="absolute left-1/2 top-[-3px] h-3 w-px bg-gray-900" />
        </div>
      ) : null}
      {kpi.commentary ? <p className="mt-3 whitespace-pre-line text-sm text-gray-800">{kpi.commentary}</p> : null}
    </article>
  );
}

function Section({ section, doc }: { section: ReportSection; doc: ReportDocument }) {
  return (
    <section className="mt-8" aria-labelledby={`section-${section.key}`}>
      <h2
        id={`section-${section.key}`}
        className="border-l-4 pl-3 text-xl font-semibold text-gray-900"
        style={{ borderColor: doc.brand.primaryColor }}
      >
        {section.title}
      </h2>
      {section.score ? (
        <p className="mt-1 pl-4 text-sm text-gray-600">
          {doc.t("doc.score")}: {section.score}
        </p>
      ) : null}
      {section.commentary ? <p className="mt-3 whitespace-pre-line text-gray-800">{section.commentary}</p> : null}
      {section.key === "KPI_TREE" || section.key === "METRICS" ? (
        <table className="mt-4 w-full text-sm">
          <thead>
            <tr className="text-left text-gray-600">
              <th className="py-1 font-medium">{doc.t("doc.kpi")}</th>
              <th className="py-1 text-right font-medium">{doc.t("doc.actual")}</th>
              <th className="py-1 text-right font-medium">{doc.t("doc.target")}</th>
              <th className="py-1 pl-3 font-medium">{doc.t("doc.status")}</th>
            </tr>
          </thead>
          <tbody>
            {section.tree.map((row, i) => (
              <tr key={i} className="border-t border-gray-100">
                <td
                  className={`py-1 ${row.depth === 0 ? "font-semibold" : ""}`}
                  style={{ paddingLeft: `${row.depth * 1.25}rem` }}
                >
                  {row.name}
                </td>
                <td className="py-1 text-right tabular-nums">{row.actual}</td>
                <td className="py-1 text-right tabular-nums">{row.target}</td>
                <td className="py-1 pl-3">{row.statusLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : section.kpis.length === 0 ? (
        <p className="mt-3 text-gray-600">{doc.t("doc.noKpis")}</p>
      ) : (
        <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {section.kpis.map((k) => (
            <KpiCard key={k.key} kpi={k} doc={doc} />
          ))}
        </div>
      )}
    </section>
  );
}

function Funnel({ doc }: { doc: ReportDocument }) {
  const max = Math.max(...doc.funnel.map((f) => f.value), 1);
  return (
    <section className="mt-8" aria-labelledby="section-funnel">
      <h2
        id="section-funnel"
        className="border-l-4 pl-3 text-xl font-semibold text-gray-900"
        style={{ borderColor: doc.brand.primaryColor }}
      >
        {doc.t("doc.funnel")}
      </h2>
      <dl className="mt-4 space-y-2">
        {doc.funnel.map((step) => {
          const share = step.value > 0 ? Math.max(0.04, Math.log10(step.value + 1) / Math.log10(max + 1)) : 0;
          return (
            <div key={step.label} className="grid grid-cols-[10rem_6rem_1fr] items-center gap-3 text-sm">
              <dt className="text-gray-800">{step.label}</dt>
              <dd className="text-right font-semibold tabular-nums">{step.display}</dd>
              <dd aria-hidden="true">
                <svg viewBox="0 0 100 10" className="h-5 w-full" preserveAspectRatio="none">
                  <rect
                    x={(100 - share * 100) / 2}
                    y="0"
                    width={share * 100}
                    height="10"
                    fill={doc.brand.primaryColor}
                  />
                </svg>
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/**
 * A report as HTML (the public share page and the in-app view): the branded header, commentary,
 * sections with KPI cards (sparklines as inline SVG) or the KPI tree, and the funnel. Server
 * component; it reads the same ReportDocument the PDF is drawn from.
 */
export function ReportView({ doc, actions }: { doc: ReportDocument; actions?: React.ReactNode }) {
  const logo = doc.brand.logo
    ? `data:${doc.brand.logo.type};base64,${Buffer.from(doc.brand.logo.bytes).toString("base64")}`
    : null;
  return (
    <div className="mx-auto max-w-5xl bg-gray-50 pb-12" lang={doc.locale}>
      <header
        className="flex items-center gap-4 px-6 py-6 text-white"
        style={{ backgroundColor: doc.brand.primaryColor }}
      >
        {logo ? (
          <img src={logo} alt={doc.brand.name} className="h-14 w-14 rounded bg-white object-contain p-1" />
        ) : null}
        <div className="min-w-0 flex-1">
          <p className="text-sm font-semibold">{doc.brand.name}</p>
          <h1 className="text-2xl font-bold">{doc.title}</h1>
          <p className="text-sm">
            {doc.t("doc.period")}: {doc.periodLabel} ({doc.t("doc.timeZone", { zone: doc.timeZone })})
          </p>
        </div>
        {actions}
      </header>
      <main id="main" className="px-6">
        <p className="mt-3 text-right text-xs text-gray-600">{doc.t("doc.generated", { date: doc.generatedAt })}</p>
        {doc.commentary ? (
          <section className="mt-4 rounded-lg border border-gray-200 bg-white p-4">
            <h2 className="font-semibold text-gray-900">{doc.t("doc.commentary")}</h2>
            <p className="mt-2 whitespace-pre-line text-gray-800">{doc.commentary}</p>
          </section>
        ) : null}
        {doc.sections.map((s) => (
          <Section key={s.key} section={s} doc={doc} />
        ))}
        {doc.funnel.some((f) => f.value > 0) ? <Funnel doc={doc} /> : null}
      </main>
    </div>
  );
}
