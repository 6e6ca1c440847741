import { createTranslator } from "next-intl";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import type { LocalizedText } from "./detect-alert-changes";

const MESSAGES = { en, ru } as const;

type Values = Record<string, string | number>;

/**
 * Renders one `alerts.*` message in both languages. `values` gives each placeholder per
 * locale (numbers and dates already formatted for that locale) or one value for both.
 */
export function renderAlertText(key: string, values: (locale: Locale) => Values = () => ({})): LocalizedText {
  const out = {} as LocalizedText;
  for (const locale of LOCALES) {
    const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "alerts" });
    out[locale] = (t as unknown as (k: string, v: Values) => string)(key, values(locale));
  }
  return out;
}

/** A message of any namespace in one locale (e-mail templates). */
export function translate(locale: Locale, namespace: string, key: string, values: Values = {}): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: namespace as never });
  return (t as unknown as (k: string, v: Values) => string)(key, values);
}
