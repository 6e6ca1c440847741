import type { ReactNode } from "react";
import { cn } from "./cn";

const tones = {
  info: "border-info-ink/30 bg-info-bg text-info-ink",
  ok: "border-ok-ink/30 bg-ok-bg text-ok-ink",
  warn: "border-warn-ink/30 bg-warn-bg text-warn-ink",
  bad: "border-bad-ink/30 bg-bad-bg text-bad-ink",
} as const;

/** A message box. Errors are announced (role=alert); others are polite status messages. */
export function Alert({
  tone = "info",
  title,
  children,
  className,
}: {
  tone?: keyof typeof tones;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "bad" ? "alert" : "status"}
      className={cn("rounded-lg border px-4 py-3 text-sm", tones[tone], className)}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
