import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

export type ReportLocale = "en" | "ru";

type Tree = { [key: string]: string | Tree };

/**
 * The clientReports messages of a locale for server-side renderers (PDF, CSV, e-mail), which
 * run outside a page's next-intl request: `t("doc.page", { page: 1, pages: 3 })`. Only plain
 * `{name}` placeholders are used in the keys these renderers read.
 */
export function reportMessages(locale: ReportLocale): (key: string, vars?: Record<string, string | number>) => string {
  const root = (locale === "ru" ? ru : en).clientReports as unknown as Tree;
  return (key, vars) => {
    let node: string | Tree | undefined = root;
    for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
    if (typeof node !== "string") throw new Error(`missing message clientReports.${key}`);
    return node.replace(/\{(\w+)\}/g, (_m, name: string) => (vars && name in vars ? String(vars[name]) : `{${name}}`));
  };
}
