import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";

export type ReportLocale = "en" | "ru";

type Tree = { [key: string]: string | Tree };

// Read as plain JSON at run time: inside the Next build, an `import` of messages/*.json goes
// through next-intl's precompiling loader, which turns ICU messages into compiled forms.
const cache = new Map<ReportLocale, Tree>();

function messagesOf(locale: ReportLocale): Tree {
  let tree = cache.get(locale);
  if (!tree) {
    const all = JSON.parse(readFileSync(path.join(process.cwd(), "messages", `${locale}.json`), "utf8")) as {
      clientReports: Tree;
    };
    tree = all.clientReports;
    cache.set(locale, tree);
  }
  return tree;
}

/**
 * The clientReports messages of a locale for server-side renderers (PDF, CSV, e-mail), which
 * run outside a page's next-intl request: `t("doc.page", { page: 1, pages: 3 })`. Only plain
 * `{name}` placeholders are used in the keys these renderers read.
 */
export function reportMessages(locale: ReportLocale): (key: string, vars?: Record<string, string | number>) => string {
  const root = messagesOf(locale);
  return (key, vars) => {
    let node: string | Tree | undefined = root;
    for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
    if (typeof node !== "string") throw new Error(`missing message clientReports.${key}`);
    return node.replace(/\{(\w+)\}/g, (_m, name: string) => (vars && name in vars ? String(vars[name]) : `{${name}}`));
  };
}
