import { getTranslations } from "next-intl/server";
import { NoAccess } from "@/components/app/no-access";

export default async function AppNotFound() {
  const t = await getTranslations("notFound");
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16">
      <NoAccess title={t("title")} body={t("body")} backLabel={t("back")} backHref="/w" />
    </main>
  );
}
