import { useLocale, useTranslations } from "next-intl";
import { isLocale } from "@/lib/i18n/config";
import { LocaleButtons } from "./locale-buttons";

export { setLocaleCookie } from "@/lib/i18n/locale-cookie";

/** The ru/en switch (server part): the current locale and the group's name come from the server. */
export function LocaleSwitcher() {
  const locale = useLocale();
  const t = useTranslations("common");
  return <LocaleButtons current={isLocale(locale) ? locale : null} label={t("language")} />;
}
