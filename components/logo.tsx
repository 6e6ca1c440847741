import Link from "next/link";

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 rounded-md font-semibold text-ink">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-7 text-brand-600"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinecap="round"
      >
        <path d="M4 18 L10 11 L14 14 L20 6" />
        <circle cx="20" cy="6" r="1.8" fill="currentColor" />
      </svg>
      <span>Throughline</span>
    </Link>
  );
}
