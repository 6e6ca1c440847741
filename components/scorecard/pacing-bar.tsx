import { toNumber } from "./format";
import { cn } from "../ui/cn";
import type { Tone } from "./format";

const fills: Record<Tone, string> = {
  ok: "bg-ok-ink",
  warn: "bg-[#b45309]",
  bad: "bg-bad-ink",
  neutral: "bg-ink-muted",
};

/**
 * Actual against the full-period target, with a marker where the actual should be by today
 * (expected-to-date). Purely visual: the same facts are written next to it in words.
 */
export function PacingBar({
  actual,
  target,
  expected,
  tone,
}: {
  actual: string | null;
  target: string | null;
  expected: string | null;
  tone: Tone;
}) {
  const a = toNumber(actual);
  const tg = toNumber(target);
  const e = toNumber(expected);
  if (a === null || tg === null || tg <= 0) return null;
  const scale = Math.max(tg, a, e ?? 0) * 1.05;
  const pct = (v: number) => `${Math.max(0, Math.min(100, (v / scale) * 100)).toFixed(1)}%`;
  return (
    <div aria-hidden="true" className="relative mt-2 h-2.5 w-full rounded-full bg-line/60">
      <div className={cn("h-full rounded-full", fills[tone])} style={{ width: pct(a) }} />
      <div className="absolute -top-1 h-4.5 w-0.5 bg-ink" style={{ left: pct(tg) }} title="target" />
      {e !== null && e !== tg ? (
        <div
          className="absolute -top-1 h-4.5 w-0.5 border-l-2 border-dotted border-brand-700"
          style={{ left: pct(e) }}
        />
      ) : null}
    </div>
  );
}
