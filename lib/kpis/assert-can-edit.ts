import { AppError } from "@/lib/errors/app-error";
import { type Permission, SCORECARD_PERMISSIONS, type ScorecardOwner } from "@/lib/permissions/registry";

/**
 * FORBIDDEN unless the caller may edit KPIs (`what: "kpi"`) or targets (`"target"`) of
 * every scorecard in `owners` (SPEC §3: the CMO edits marketing roles; the company scorecard
 * and the sales view belong to owners and admins).
 */
export function assertCanEdit(
  permissions: ReadonlySet<Permission>,
  what: "kpi" | "target",
  owners: readonly ScorecardOwner[],
): void {
  for (const owner of new Set(owners)) {
    const needed = SCORECARD_PERMISSIONS[owner][what];
    if (!permissions.has(needed))
      throw new AppError(
        "FORBIDDEN",
        `Editing ${what === "kpi" ? "KPIs" : "targets"} of the ${owner} scorecard needs ${needed}`,
      );
  }
}
