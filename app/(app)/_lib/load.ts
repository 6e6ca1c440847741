import "server-only";
import { notFound, redirect, unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { SHELL_QUERY, type ShellAgency, type ShellViewer, type ShellWorkspace } from "@/components/app/shell";
import { executeServer } from "@/graphql/execute-server";
import type { Permission } from "@/lib/permissions/registry";
import { workspaceIdOf } from "@/lib/workspaces/workspace-id";

export type { ShellAgency, ShellViewer, ShellWorkspace } from "@/components/app/shell";

/**
 * The caller, through GraphQL (never lib/ directly), once per request: React's cache() dedupes
 * the layout's and the page's calls.
 */
export const loadViewer = cache(async (): Promise<ShellViewer | null> => {
  try {
    const { data } = await executeServer(SHELL_QUERY);
    // graphql-js builds results on null-prototype objects; React only passes plain objects
    // on to client components, so copy the (small) result once here.
    return data?.viewer?.kind === "USER"
      ? disambiguateSlugs(
          JSON.parse(JSON.stringify({ ...data.viewer, agencies: data.viewerAgencies ?? [] })) as ShellViewer,
        )
      : null;
  } catch (error) {
    // Next's own control flow (dynamic rendering, redirects) must pass through.
    unstable_rethrow(error);
    console.error("[app] viewer query failed", error);
    return null;
  }
});

/** Every workspace object of the shell (a workspace can appear as a membership and as an agency client). */
function shellWorkspaces(viewer: ShellViewer): ShellWorkspace[] {
  return [...viewer.workspaces.map((m) => m.workspace), ...viewer.agencies.flatMap((a) => a.agency.clients)];
}

/**
 * Workspaces of this person that share a slug are addressed by their UUID instead, so every
 * link of the shell (built from `slug`) opens exactly one workspace. Slugs are not globally
 * unique (issue 16: a global check confirmed other tenants' workspaces).
 */
function disambiguateSlugs(viewer: ShellViewer): ShellViewer {
  const idsBySlug = new Map<string, Set<string>>();
  for (const w of shellWorkspaces(viewer)) idsBySlug.set(w.slug, (idsBySlug.get(w.slug) ?? new Set()).add(w.id));
  for (const w of shellWorkspaces(viewer)) {
    const uuid = workspaceIdOf(w.id);
    if ((idsBySlug.get(w.slug)?.size ?? 0) > 1 && uuid) {
      w.chosenSlug = w.slug;
      w.slug = uuid;
    }
  }
  return viewer;
}

/** The signed-in user, or a redirect to the login page that comes back to `next`. */
export async function requireViewer(next?: string): Promise<ShellViewer> {
  const viewer = await loadViewer();
  if (!viewer) redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  return viewer;
}

/**
 * A workspace the viewer belongs to — or works in for an agency that the client granted access —
 * by its address (slug, or UUID: {@link disambiguateSlugs}); a slug shared by two of their
 * workspaces opens the list to choose from; anything else is a 404 like a missing one.
 */
export async function requireWorkspace(slug: string): Promise<ShellWorkspace> {
  const viewer = await requireViewer(`/w/${slug}`);
  const all = shellWorkspaces(viewer);
  const found = all.find((w) => w.slug === slug) ?? all.find((w) => workspaceIdOf(w.id) === slug);
  if (found) return found;
  if (all.some((w) => w.chosenSlug === slug)) redirect("/w");
  notFound();
}

/** An agency the viewer belongs to, by id (the global id or the public id); anything else is a 404. */
export async function requireAgency(id: string): Promise<ShellAgency> {
  const viewer = await requireViewer(`/a/${id}`);
  const decoded = decodeURIComponent(id);
  const found = viewer.agencies.find((a) => a.agency.publicId === decoded || a.agency.id === decoded);
  if (!found) notFound();
  return found;
}

export function can(workspace: ShellWorkspace, permission: Permission): boolean {
  return workspace.viewerPermissions.includes(permission);
}

/**
 * The page-level guard: the viewer lacks `permission` → the same not-found page as a missing
 * page. The GraphQL layer refuses these operations anyway; this keeps the UI honest.
 */
export async function requirePermission(slug: string, permission: Permission): Promise<ShellWorkspace> {
  const workspace = await requireWorkspace(slug);
  if (!can(workspace, permission)) notFound();
  return workspace;
}
