import { toNumber } from "../scorecard/format";

/**
 * A tiny inline-SVG line of a daily series (no chart library, no client JS). Days without
 * data break the line instead of pretending to be zero. Decorative: the card states the
 * figures in text, so the SVG is hidden from assistive technology.
 */
export function Sparkline({
  points,
  width = 160,
  height = 36,
  className,
}: {
  points: { value: string | null }[];
  width?: number;
  height?: number;
  className?: string;
}) {
  const values = points.map((p) => toNumber(p.value));
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return null;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const pad = 2;
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - min) / span);
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${(i * step).toFixed(1)} ${y(v).toFixed(1)} `;
    pen = true;
  });
  const lastIndex = values.findLastIndex((v) => v !== null);
  const last = values[lastIndex];
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      className={className ?? "h-9 w-full text-brand-600"}
    >
      <path
        d={d.trim()}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        vectorEffect="non-scaling-stroke"
        strokeLinejoin="round"
      />
      {last !== null && last !== undefined ? (
        <circle cx={lastIndex * step} cy={y(last)} r="2.5" fill="currentColor" />
      ) : null}
    </svg>
  );
}
