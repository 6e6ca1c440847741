"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";

export interface NavItem {
  href: string;
  label: string;
  /** Path prefix that marks the item active (defaults to href). */
  match?: string;
}

/** The app's primary navigation; the server has already filtered it by viewerPermissions. */
export function NavLinks({ label, items }: { label: string; items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="overflow-x-auto">
      <ul className="flex min-w-max gap-1">
        {items.map((item) => {
          const prefix = item.match ?? item.href;
          const active = pathname === prefix || pathname.startsWith(`${prefix}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex min-h-10 items-center rounded-md px-3 text-sm font-medium",
                  active ? "bg-brand-50 text-brand-800" : "text-ink-muted hover:bg-canvas hover:text-ink",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
