import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { type ClientNamespace, pickMessages, SHELL_NAMESPACES } from "@/lib/i18n/client-messages";

/**
 * Sends the shell's message namespaces plus `namespaces` to the client components beneath
 * (an inner NextIntlClientProvider replaces the root one's messages; locale, time zone and
 * formats are inherited). Pages wrap their content in it; see lib/i18n/client-messages.ts.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: readonly ClientNamespace[];
  children: ReactNode;
}) {
  const messages = pickMessages(await getMessages(), [...SHELL_NAMESPACES, ...namespaces]);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
