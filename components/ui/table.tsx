import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/** A table that scrolls horizontally on narrow screens instead of breaking the layout. */
export function Table({
  caption,
  children,
  className,
}: {
  caption: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn("overflow-x-auto rounded-lg border border-line", className)}
      tabIndex={0}
      role="region"
      aria-label={typeof caption === "string" ? caption : undefined}
    >
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="bg-canvas text-xs uppercase tracking-wide text-ink-muted">{children}</thead>;
}

export function Th({ className, ...props }: ComponentProps<"th">) {
  return <th scope="col" className={cn("px-3 py-2 font-semibold whitespace-nowrap", className)} {...props} />;
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("border-t border-line px-3 py-2 align-middle", className)} {...props} />;
}
