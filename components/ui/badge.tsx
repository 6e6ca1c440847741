import type { ReactNode } from "react";
import { cn } from "./cn";

export type Tone = "neutral" | "ok" | "warn" | "bad" | "info";

const tones: Record<Tone, string> = {
  neutral: "bg-canvas text-ink-muted border-line",
  ok: "bg-ok-bg text-ok-ink border-ok-ink/20",
  warn: "bg-warn-bg text-warn-ink border-warn-ink/20",
  bad: "bg-bad-bg text-bad-ink border-bad-ink/20",
  info: "bg-info-bg text-info-ink border-info-ink/20",
};

export function Badge({
  tone = "neutral",
  children,
  className,
}: {
  tone?: Tone;
  children: ReactNode;
  className?: string;
}) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

/** A status with a dot; colour is never the only signal — the label is always text. */
export function StatusPill({ tone, label }: { tone: Tone; label: ReactNode }) {
  return (
    <Badge tone={tone}>
      <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
      {label}
    </Badge>
  );
}
