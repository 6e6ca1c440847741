import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { ShellAgency, ShellViewer, ShellWorkspace } from "./shell";
import { LocaleSwitcher } from "../locale-switcher";
import { Logo } from "../logo";
import { Menu } from "../ui/menu";
import { menuItemClass } from "../ui/menu-item";
import { landingPath } from "./landing-path";
import { LogoutButton } from "./logout-button";
import { NotificationBell } from "./notification-bell";
import { type NavItem, NavLinks } from "./nav-links";

function navItems(workspace: ShellWorkspace, t: (key: string) => string): NavItem[] {
  const base = `/w/${workspace.slug}`;
  const has = (p: string) => workspace.viewerPermissions.includes(p as never);
  const items: NavItem[] = [];
  if (has("scorecard.readCompany") || has("scorecard.readOwn")) {
    items.push({
      href: landingPath(workspace.slug, workspace.viewerRole === "SALES" ? "OWNER" : workspace.viewerRole),
      label: t("scorecards"),
      match: `${base}/scorecards`,
    });
  }
  if (has("scorecard.readCompany")) items.push({ href: `${base}/tree`, label: t("tree") });
  if (has("salesView.read")) items.push({ href: `${base}/sales`, label: t("sales") });
  if (has("target.manage") || has("target.manageCompany")) items.push({ href: `${base}/targets`, label: t("targets") });
  if (has("kpi.manage") || has("kpi.manageCompany")) items.push({ href: `${base}/kpis`, label: t("kpis") });
  if (has("import.manage")) items.push({ href: `${base}/import`, label: t("import") });
  if (has("report.read")) items.push({ href: `${base}/reports`, label: t("reports") });
  if (has("workspace.update"))
    items.push({ href: `${base}/settings`, label: t("settings"), match: `${base}/settings` });
  else if (has("member.read"))
    items.push({ href: `${base}/settings/members`, label: t("team"), match: `${base}/settings` });
  return items;
}

function agencyNavItems(agency: ShellAgency, t: (key: string) => string): NavItem[] {
  const base = `/a/${agency.agency.publicId}`;
  const items: NavItem[] = [{ href: base, label: t("portfolio"), match: `${base}/portfolio` }];
  if (agency.role === "AGENCY_ADMIN")
    items.push({ href: `${base}/settings`, label: t("agencySettings"), match: `${base}/settings` });
  return items;
}

/**
 * The signed-in shell: workspace switcher (own workspaces, then each agency's clients grouped
 * under the agency), permission-filtered nav, locale switch, user menu.
 */
export async function AppFrame({
  viewer,
  workspace,
  agency,
  children,
}: {
  viewer: ShellViewer;
  workspace?: ShellWorkspace;
  agency?: ShellAgency;
  children: ReactNode;
}) {
  const t = await getTranslations("nav");
  const tr = await getTranslations("roles");
  const ta = await getTranslations("agency");
  const items = workspace ? navItems(workspace, t) : agency ? agencyNavItems(agency, ta) : [];
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2">
          <Logo href={workspace ? `/w/${workspace.slug}` : agency ? `/a/${agency.agency.publicId}` : "/w"} />
          <span aria-hidden="true" className="hidden text-ink-muted sm:inline">
            /
          </span>
          <Menu
            align="left"
            summary={
              <span className="max-w-[10rem] truncate sm:max-w-xs">
                <span className="sr-only">{t("workspace")}: </span>
                {workspace?.name ?? agency?.agency.name ?? t("chooseWorkspace")}
              </span>
            }
          >
            <p className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-ink-muted">
              {t("workspaces")}
            </p>
            <ul>
              {viewer.workspaces.map(({ workspace: ws, role }) => (
                <li key={ws.id}>
                  <Link
                    prefetch={false}
                    href={`/w/${ws.slug}`}
                    className={menuItemClass}
                    aria-current={ws.id === workspace?.id ? "true" : undefined}
                  >
                    <span className="block font-medium">{ws.name}</span>
                    {role ? <span className="block text-xs text-ink-muted">{tr(role)}</span> : null}
                  </Link>
                </li>
              ))}
            </ul>
            {viewer.agencies.map(({ agency: ag }) => (
              <div key={ag.id} role="group" aria-label={ag.name} data-testid="switcher-agency">
                <p className="border-t border-line px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-ink-muted">
                  <Link href={`/a/${ag.publicId}`} className="hover:underline">
                    {ag.name}
                  </Link>
                </p>
                <ul>
                  <li>
                    <Link
                      href={`/a/${ag.publicId}`}
                      className={menuItemClass}
                      aria-current={ag.id === agency?.agency.id ? "true" : undefined}
                    >
                      <span className="block font-medium">{ta("portfolio")}</span>
                    </Link>
                  </li>
                  {ag.clients.map((ws) => (
                    <li key={ws.id}>
                      <Link
                        href={`/w/${ws.slug}`}
                        className={menuItemClass}
                        aria-current={ws.id === workspace?.id ? "true" : undefined}
                      >
                        <span className="block font-medium">{ws.name}</span>
                        {ws.viewerRole ? (
                          <span className="block text-xs text-ink-muted">{tr(ws.viewerRole)}</span>
                        ) : null}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            <p className="border-t border-line px-3 pt-2">
              <Link href="/agencies/new" className={menuItemClass}>
                {ta("createAgency")}
              </Link>
            </p>
          </Menu>
          <div className="ml-auto flex items-center gap-2">
            {workspace ? <NotificationBell workspaceId={workspace.id} slug={workspace.slug} /> : null}
            <LocaleSwitcher />
            <Menu
              summary={
                <span className="max-w-[8rem] truncate">
                  <span className="sr-only">{t("userMenu")}: </span>
                  {viewer.name ?? viewer.email}
                </span>
              }
            >
              <p className="truncate px-3 pb-2 pt-2 text-xs text-ink-muted">{viewer.email}</p>
              <ul>
                <li>
                  <Link prefetch={false} href="/account" className={menuItemClass}>
                    {t("account")}
                  </Link>
                </li>
                <li>
                  <Link prefetch={false} href="/explorer" className={menuItemClass}>
                    {t("explorer")}
                  </Link>
                </li>
                <li>
                  <LogoutButton />
                </li>
                <li>
                  <LogoutButton everywhere />
                </li>
              </ul>
            </Menu>
          </div>
        </div>
        {items.length > 0 ? (
          <div className="mx-auto max-w-7xl px-4 pb-2">
            <NavLinks label={t("primary")} items={items} />
          </div>
        ) : null}
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
