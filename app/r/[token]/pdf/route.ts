import { getDatabase } from "@/lib/db/client";
import { clientAddress } from "@/lib/http/client-address";
import { openSharedReport } from "@/lib/reports/open-shared-report";
import { pdfResponse } from "@/lib/reports/pdf-response";
import { renderReportPdf } from "@/lib/reports/render-report-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const NO_INDEX = { "x-robots-tag": "noindex, nofollow", "referrer-policy": "no-referrer", "cache-control": "no-store" };

/** The PDF of a share link: same token rules as the page (404 alike; 429 past the failure allowance). */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const db = await getDatabase();
  const shared = await openSharedReport(db, {
    token,
    ip: clientAddress(request.headers),
    countView: true,
    now: new Date(),
  });
  if (shared.kind === "rate_limited")
    return new Response("Too many requests", {
      status: 429,
      headers: { ...NO_INDEX, "retry-after": String(shared.retryAfterSeconds) },
    });
  if (shared.kind === "not_found") return new Response("Not found", { status: 404, headers: NO_INDEX });
  return pdfResponse(await renderReportPdf(shared.document), shared.document.title, NO_INDEX);
}
