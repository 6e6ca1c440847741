import type { WorkspaceRole } from "@/lib/permissions/roles";

/** Scorecards that exist as pages: the company view and the marketing roles' own. */
export const SCORECARD_KEYS = ["company", "cmo", "performance", "smm", "content"] as const;
export type ScorecardKey = (typeof SCORECARD_KEYS)[number];

export function isScorecardKey(value: string): value is ScorecardKey {
  return (SCORECARD_KEYS as readonly string[]).includes(value);
}

/** Where a member lands after login (SPEC §2.3, §5): their role's own view. */
export function landingPath(slug: string, role: WorkspaceRole | null): string {
  const base = `/w/${slug}`;
  switch (role) {
    case "OWNER":
    case "ADMIN":
      return `${base}/scorecards/company`;
    case "SALES":
      return `${base}/sales`;
    case "CMO":
    case "PERFORMANCE":
    case "SMM":
    case "CONTENT":
      return `${base}/scorecards/${role.toLowerCase()}`;
    case "CLIENT_VIEWER":
    default:
      return `${base}/reports`;
  }
}

/** The role whose scorecard a key shows (company → null). */
export function roleOfScorecard(key: ScorecardKey): WorkspaceRole | null {
  return key === "company" ? null : (key.toUpperCase() as WorkspaceRole);
}

/**
 * Whether the viewer may open a scorecard page (mirrors the registry; the GraphQL layer is
 * the wall): the company view needs scorecard.readCompany; a role's scorecard needs
 * scorecard.readAny, or scorecard.readOwn for one's own role.
 */
export function canOpenScorecard(
  workspace: { viewerRole: WorkspaceRole | null; viewerPermissions: readonly string[] },
  key: ScorecardKey,
): boolean {
  const has = (p: string) => workspace.viewerPermissions.includes(p);
  if (key === "company") return has("scorecard.readCompany");
  if (has("scorecard.readAny")) return true;
  return has("scorecard.readOwn") && workspace.viewerRole === roleOfScorecard(key);
}
