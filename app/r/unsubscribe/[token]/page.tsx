import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDatabase } from "@/lib/db/client";
import { unsubscribeRecipient } from "@/lib/reports/report-schedules";
import { readUnsubscribeToken } from "@/lib/reports/unsubscribe-token";
import { notFound } from "next/navigation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * The unsubscribe link of a scheduled report e-mail. GET only asks (mail scanners follow links);
 * the form's POST (a server action) unsubscribes.
 */
export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { token } = await params;
  if (!readUnsubscribeToken(token)) notFound();
  const t = await getTranslations("clientReports.unsubscribe");
  const done = (await searchParams).done === "1";
  async function unsubscribe() {
    "use server";
    const db = await getDatabase();
    await unsubscribeRecipient(db, { token });
    const { redirect } = await import("next/navigation");
    redirect(`/r/unsubscribe/${token}?done=1`);
  }
  return (
    <main id="main" className="mx-auto max-w-md p-8">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      {done ? (
        <p className="mt-4" role="status">
          {t("done")}
        </p>
      ) : (
        <form action={unsubscribe} className="mt-4">
          <p>{t("confirm")}</p>
          <button type="submit" className="mt-4 rounded-md bg-gray-900 px-4 py-2 text-white">
            {t("button")}
          </button>
        </form>
      )}
    </main>
  );
}
