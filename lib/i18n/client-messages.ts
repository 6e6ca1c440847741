/**
 * The message namespaces that client components read with `useTranslations` (the root layout's
 * NextIntlClientProvider passes only these to the browser; everything else is rendered on the
 * server). lib/i18n/client-messages.test.ts fails when a client component uses a namespace that
 * is missing here, or when one listed here is no longer used by any.
 */
export const CLIENT_NAMESPACES = [
  "account",
  "apiKeys",
  "common",
  "errorPage",
  "errors",
  "explorer",
  "import",
  "invite",
  "kpiEditor",
  "login",
  "members",
  "metricSettings",
  "onboarding",
  "planner",
  "roles",
  "settings",
  "signup",
  "targets",
  "tree.owners",
  "workspaces",
] as const;

type Messages = { [key: string]: string | Messages | unknown };

/** The listed namespaces (dotted paths) of a messages object, nested as in the original. */
export function pickMessages(messages: Messages, namespaces: readonly string[] = CLIENT_NAMESPACES): Messages {
  const out: Messages = {};
  for (const namespace of namespaces) {
    const path = namespace.split(".");
    let from: unknown = messages;
    for (const segment of path) from = from && typeof from === "object" ? (from as Messages)[segment] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const segment of path.slice(0, -1)) to = (to[segment] ??= {}) as Messages;
    to[path[path.length - 1]] = from;
  }
  return out;
}
