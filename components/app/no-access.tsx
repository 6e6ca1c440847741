import Link from "next/link";
import { buttonClass } from "../ui/button";

/** The "not found / no access" page: deliberately says nothing about whether the page exists. */
export function NoAccess({
  title,
  body,
  backLabel,
  backHref,
}: {
  title: string;
  body: string;
  backLabel: string;
  backHref: string;
}) {
  return (
    <div className="mx-auto max-w-xl py-10 text-center" data-testid="no-access">
      <p className="text-5xl font-bold text-ink-muted" aria-hidden="true">
        404
      </p>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-ink-muted">{body}</p>
      <Link href={backHref} className={buttonClass("primary", "md", "mt-6")}>
        {backLabel}
      </Link>
    </div>
  );
}
