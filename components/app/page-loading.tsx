import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/ui/skeleton";

/** The loading state of app pages (a Suspense fallback while the server renders). */
export default async function PageLoading() {
  const t = await getTranslations("common");
  return <PageSkeleton label={t("loading")} />;
}
