import { toNumber } from "../scorecard/format";

export interface ChartPoint {
  from: string;
  to: string;
  value: string | null;
  /** The comparison series' value for the same bucket position, if any. */
  compare?: string | null;
}

/**
 * A bar chart of a metric series in plain SVG (server-rendered, no chart library): one bar
 * per bucket, an optional comparison line, labelled axes. The figures are also given in the
 * table beside it, so the picture is a summary for sighted users (role="img" + label).
 */
export function SeriesChart({
  points,
  label,
  formatTick,
  formatBucket,
  compareLabel,
}: {
  points: ChartPoint[];
  label: string;
  formatTick: (value: number) => string;
  formatBucket: (point: ChartPoint) => string;
  compareLabel?: string;
}) {
  const width = 720;
  const height = 240;
  const left = 92;
  const bottom = 28;
  const top = 10;
  const values = points
    .flatMap((p) => [toNumber(p.value), toNumber(p.compare ?? null)])
    .filter((v): v is number => v !== null);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const plotH = height - top - bottom;
  const plotW = width - left - 8;
  const y = (v: number) => top + plotH * (1 - (v - min) / span);
  const band = plotW / Math.max(points.length, 1);
  const barW = Math.max(2, Math.min(40, band * 0.7));
  const ticks = [min, min + span / 2, max];
  const labelEvery = Math.ceil(points.length / 8);
  const compareLine = points
    .map((p, i) => {
      const v = toNumber(p.compare ?? null);
      return v === null ? null : `${(left + band * i + band / 2).toFixed(1)},${y(v).toFixed(1)}`;
    })
    .filter(Boolean)
    .join(" ");
  return (
    <figure className="w-full">
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full text-brand-600">
        {ticks.map((t, i) => (
          <g key={i}>
            <line
              x1={left}
              x2={width - 8}
              y1={y(t)}
              y2={y(t)}
              stroke="var(--color-line)"
              strokeDasharray={t === 0 ? undefined : "3 3"}
            />
            <text
              x={left - 6}
              y={y(t)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="11"
              fill="var(--color-ink-muted)"
            >
              {formatTick(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const v = toNumber(p.value);
          if (v === null) return null;
          const y0 = y(0);
          const y1 = y(v);
          return (
            <rect
              key={p.from}
              x={left + band * i + (band - barW) / 2}
              y={Math.min(y0, y1)}
              width={barW}
              height={Math.max(1, Math.abs(y1 - y0))}
              rx="2"
              fill="currentColor"
              opacity={v < 0 ? 0.5 : 0.85}
            />
          );
        })}
        {compareLine ? (
          <polyline
            points={compareLine}
            fill="none"
            stroke="var(--color-warn-ink)"
            strokeWidth="2"
            strokeDasharray="5 4"
          />
        ) : null}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text
              key={`l${p.from}`}
              x={left + band * i + band / 2}
              y={height - 8}
              textAnchor="middle"
              fontSize="11"
              fill="var(--color-ink-muted)"
            >
              {formatBucket(p)}
            </text>
          ) : null,
        )}
      </svg>
      {compareLabel ? (
        <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-ink-muted">
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-brand-600" />
            {label}
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-0.5 w-4 border-t-2 border-dashed border-warn-ink" />
            {compareLabel}
          </span>
        </figcaption>
      ) : null}
    </figure>
  );
}
