import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { graphql } from "@/graphql/client/graphql";
import { executeServer } from "@/graphql/execute-server";

const UNREAD = graphql(`
  query UnreadNotifications($id: ID!) {
    workspace(id: $id) {
      unreadNotificationCount
    }
  }
`);

/** The header's link to the notification list, with the unread count (SPEC §8a). */
export async function NotificationBell({ workspaceId, slug }: { workspaceId: string; slug: string }) {
  const t = await getTranslations("notifications");
  let count = 0;
  try {
    const { data } = await executeServer(UNREAD, { id: workspaceId });
    count = data?.workspace?.unreadNotificationCount ?? 0;
  } catch (error) {
    console.error("[app] unread count failed", error);
  }
  return (
    <Link
      href={`/w/${slug}/notifications`}
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm hover:bg-canvas focus-visible:outline-2"
      aria-label={count > 0 ? `${t("bell")}: ${t("unread", { count })}` : t("bell")}
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
        <path d="M10 2a5 5 0 0 0-5 5v2.6L3.3 13a.75.75 0 0 0 .7 1.1h12a.75.75 0 0 0 .7-1.1L15 9.6V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 1-2.45-2h4.9A2.5 2.5 0 0 1 10 18Z" />
      </svg>
      <span className="hidden sm:inline">{t("bell")}</span>
      {count > 0 ? (
        <span data-testid="unread-count" className="rounded-full bg-bad-ink px-1.5 text-xs font-semibold text-white">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
