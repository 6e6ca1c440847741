import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ReportView } from "@/components/reports/report-view";
import { clientAddress } from "@/lib/http/client-address";
import { getDatabase } from "@/lib/db/client";
import { openSharedReport } from "@/lib/reports/open-shared-report";

// Never cached, never indexed; the Referrer-Policy and X-Robots-Tag headers come from next.config.ts.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * The public read-only page of a share link. The token is the only credential: it unlocks one
 * report's published version through the SECURITY DEFINER door (lib/reports/share-links.ts),
 * and nothing here reads a session, sets a cookie or links into the workspace. A revoked,
 * expired, unknown or throttled token is the same 404.
 */
export default async function SharedReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDatabase();
  const ip = clientAddress(await headers());
  const shared = await openSharedReport(db, { token, ip, countView: true, now: new Date() });
  if (shared.kind !== "ok") notFound();
  const doc = shared.document;
  return (
    <ReportView
      doc={doc}
      actions={
        <a
          href={`/r/${token}/pdf`}
          className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-gray-900 shadow"
          download
        >
          PDF
        </a>
      }
    />
  );
}
