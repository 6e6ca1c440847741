/**
 * The message namespaces client components read with `useTranslations`. The root layout's
 * NextIntlClientProvider passes only SHELL_NAMESPACES to the browser (what the app frame, the
 * forms helper and the error boundary use); a page whose client components need more wraps its
 * content in <ClientMessages namespaces={[…]}> (components/i18n/client-messages.tsx), so the
 * scorecard page does not carry the import wizard's or the planner's texts in its RSC payload.
 * lib/i18n/client-messages.test.ts follows the imports from every page and layout and fails
 * when a client component it reaches uses a namespace that page does not provide, or when a
 * namespace listed here is no longer used by any client component.
 */
export const SHELL_NAMESPACES = ["common", "errors", "errorPage"] as const;

/** Every namespace some client component uses (the shell's and the pages'). */
export const CLIENT_NAMESPACES = [
  ...SHELL_NAMESPACES,
  "account",
  "agency",
  "apiKeyRotation",
  "apiKeys",
  "channelGroups",
  "clientReports",
  "explorer",
  "import",
  "invite",
  "kpiEditor",
  "login",
  "measures",
  "members",
  "metricBatches",
  "metricSettings",
  "numbers.settings",
  "notifications",
  "numbers.targets",
  "onboarding",
  "passwordReset",
  "planner",
  "roles",
  "sessions",
  "settings",
  "signup",
  "targets",
  "tree.owners",
  "webhooks",
  "workspaces",
] as const;

export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number];

type Messages = { [key: string]: string | Messages | unknown };

/** The listed namespaces (dotted paths) of a messages object, nested as in the original. */
export function pickMessages(messages: Messages, namespaces: readonly string[] = SHELL_NAMESPACES): Messages {
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
