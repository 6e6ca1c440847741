import { getTranslations } from "next-intl/server";
import { NoAccess } from "@/components/app/no-access";

/** A page that does not exist and a page the viewer may not open look the same (SPEC §9). */
export default async function WorkspaceNotFound() {
  const t = await getTranslations("notFound");
  return <NoAccess title={t("title")} body={t("body")} backLabel={t("back")} backHref="/w" />;
}
