"use client";

import { type ReactNode, useEffect, useRef } from "react";
import { cn } from "./cn";

/**
 * A disclosure menu on <details>/<summary>: keyboard-operable without script; with script it
 * also closes on Escape (returning focus to the toggle) and on a click outside.
 * The summary's visible text is its accessible name.
 */
export function Menu({
  summary,
  children,
  align = "right",
}: {
  summary: ReactNode;
  children: ReactNode;
  align?: "left" | "right";
}) {
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    function onPointer(event: PointerEvent) {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    }
    function onKey(event: KeyboardEvent) {
      const details = ref.current;
      if (event.key === "Escape" && details?.open) {
        details.open = false;
        details.querySelector("summary")?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, []);

  return (
    <details ref={ref} className="relative">
      <summary className="flex min-h-10 list-none items-center gap-1 rounded-lg px-2 py-1.5 text-sm font-medium text-ink hover:bg-canvas">
        {summary}
        <span aria-hidden="true" className="text-ink-muted">
          ▾
        </span>
      </summary>
      <div
        className={cn(
          "absolute z-20 mt-1 min-w-56 max-w-[calc(100vw-2rem)] rounded-lg border border-line bg-surface p-1 shadow-lg",
          align === "right" ? "right-0" : "left-0",
        )}
      >
        {children}
      </div>
    </details>
  );
}
