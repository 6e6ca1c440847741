import { cookies, headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getRequestConfig } from "next-intl/server";
import { graphql } from "@/graphql/client/graphql";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { LOCALE_COOKIE, resolveLocale, toLocale } from "@/lib/i18n/config";

const VIEWER_LOCALE = graphql(`
  query ViewerLocale {
    viewer {
      locale
    }
  }
`);

/** The signed-in viewer's saved locale, read through GraphQL like everything else a page reads. */
async function viewerLocale(): Promise<string | null> {
  try {
    // Loaded lazily: pages without a session never touch the GraphQL layer for their locale.
    const { executeServer } = await import("@/graphql/execute-server");
    const { data } = await executeServer(VIEWER_LOCALE);
    return data?.viewer?.locale ?? null;
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
}

export default getRequestConfig(async () => {
  const cookieStore = await cookies();
  const cookie = cookieStore.get(LOCALE_COOKIE)?.value ?? null;
  // Only ask the database when the cookie does not decide and a session exists.
  const fromViewer = !toLocale(cookie) && cookieStore.has(SESSION_COOKIE) ? await viewerLocale() : null;
  const locale = resolveLocale({
    cookie,
    viewerLocale: fromViewer,
    acceptLanguage: (await headers()).get("accept-language"),
  });
  const messages = (await import(`../../messages/${locale}.json`)).default;
  return { locale, messages, timeZone: "UTC" };
});
