import { describe, expect, it } from "vitest";
import {
  ALL_PERMISSIONS,
  API_KEY_SCOPES,
  type Permission,
  canReadScorecard,
  permissionsOfRole,
  permissionsOfScopes,
  agencyPermissionsOfRole,
  agencyPermissionsOfScopes,
  roleHasPermission,
} from "./registry";
import { WORKSPACE_ROLES, type WorkspaceRole } from "./roles";

/**
 * SPEC §3 written out as a matrix, independently of the registry: columns are
 * OWNER ADMIN CMO PERFORMANCE SMM CONTENT SALES CLIENT_VIEWER, "x" = allowed.
 * Every role × every permission is checked against it.
 */
const MATRIX: Record<Permission, string> = {
  //                         OW AD CM PE SM CO SA CV
  "workspace.read": "x  x  x  x  x  x  x  x",
  "workspace.update": "x  x  .  .  .  .  .  .",
  "member.read": "x  x  x  .  .  .  .  .",
  "member.manage": "x  x  .  .  .  .  .  .",
  "owner.manage": "x  .  .  .  .  .  .  .",
  "invite.manage": "x  x  .  .  .  .  .  .",
  "apiKey.manage": "x  x  .  .  .  .  .  .",
  "webhook.manage": "x  x  .  .  .  .  .  .",
  "audit.read": "x  x  .  .  .  .  .  .",
  "metrics.read": "x  x  x  x  x  x  x  .",
  "metrics.write": "x  x  x  .  .  .  .  .",
  "metricDefinition.manage": "x  x  x  .  .  .  .  .",
  "import.manage": "x  x  x  .  .  .  .  .",
  "scorecard.readAny": "x  x  x  .  .  .  .  .",
  "scorecard.readOwn": ".  .  .  x  x  x  .  .",
  "scorecard.readCompany": "x  x  x  x  x  x  x  .",
  "salesView.read": "x  x  x  .  .  .  x  .",
  "kpi.manage": "x  x  x  .  .  .  .  .",
  "kpi.manageCompany": "x  x  .  .  .  .  .  .",
  "target.manage": "x  x  x  .  .  .  .  .",
  "target.manageCompany": "x  x  .  .  .  .  .  .",
  "annotation.write": "x  x  x  x  x  x  .  .",
  "report.read": "x  x  x  x  x  x  x  x",
  "report.manage": "x  x  x  .  .  .  .  .",
  "agencyAccess.manage": "x  .  .  .  .  .  .  .",
};

function expected(permission: Permission, role: WorkspaceRole): boolean {
  const marks = MATRIX[permission].split(/\s+/);
  expect(marks, `matrix row ${permission}`).toHaveLength(WORKSPACE_ROLES.length);
  return marks[WORKSPACE_ROLES.indexOf(role)] === "x";
}

describe("permission registry (SPEC §3)", () => {
  it("covers exactly the permissions of the matrix", () => {
    expect(ALL_PERMISSIONS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(ALL_PERMISSIONS)).toEqual(new Set(Object.keys(MATRIX)));
  });

  const cells = ALL_PERMISSIONS.flatMap((permission) => WORKSPACE_ROLES.map((role) => [role, permission] as const));
  it.each(cells)("%s × %s", (role, permission) => {
    expect(roleHasPermission(role, permission)).toBe(expected(permission, role));
    expect(permissionsOfRole(role).has(permission)).toBe(expected(permission, role));
  });

  it("lets specialists edit nothing but annotations", () => {
    for (const role of ["PERFORMANCE", "SMM", "CONTENT"] as const) {
      const writes = [...permissionsOfRole(role)].filter((p) => !/read|Read/.test(p));
      expect(writes).toEqual(["annotation.write"]);
    }
  });

  it("lets CLIENT_VIEWER read published reports and nothing of the data", () => {
    expect([...permissionsOfRole("CLIENT_VIEWER")].sort()).toEqual(["report.read", "workspace.read"]);
  });
});

describe("API-key scopes map onto the same permission strings", () => {
  it("READ reads, and writes nothing", () => {
    const read = permissionsOfScopes(["READ"]);
    expect(read.has("metrics.read")).toBe(true);
    expect(read.has("scorecard.readAny")).toBe(true);
    expect([...read].filter((p) => !/read|Read/.test(p))).toEqual([]);
  });

  it("WRITE_METRICS pushes data and reads nothing else", () => {
    expect([...permissionsOfScopes(["WRITE_METRICS"])].sort()).toEqual(["import.manage", "metrics.write"]);
  });

  it("ADMIN acts as an admin but can neither mint keys nor touch ownership", () => {
    const admin = permissionsOfScopes(["ADMIN"]);
    expect(admin.has("member.manage")).toBe(true);
    expect(admin.has("apiKey.manage")).toBe(false);
    expect(admin.has("owner.manage")).toBe(false);
    for (const p of admin) expect(roleHasPermission("ADMIN", p), p).toBe(true);
  });

  it("ignores unknown scopes and grants nothing for none", () => {
    expect(permissionsOfScopes([]).size).toBe(0);
    expect(permissionsOfScopes(["SUPERUSER"]).size).toBe(0);
    expect(API_KEY_SCOPES).toEqual(["READ", "WRITE_METRICS", "ADMIN"]);
  });
});

describe("who reads which scorecard (SPEC §2.3)", () => {
  const OWNERS = ["COMPANY", "SALES", "CMO", "PERFORMANCE", "SMM", "CONTENT"] as const;
  //                 COMPANY SALES CMO PERF SMM CONTENT
  const READS: Record<WorkspaceRole, string> = {
    OWNER: "x x x x x x",
    ADMIN: "x x x x x x",
    CMO: "x x x x x x",
    PERFORMANCE: "x . . x . .",
    SMM: "x . . . x .",
    CONTENT: "x . . . . x",
    SALES: "x x . . . .",
    CLIENT_VIEWER: ". . . . . .",
  };
  it.each(WORKSPACE_ROLES)("%s", (role) => {
    const marks = READS[role].split(" ");
    OWNERS.forEach((owner, i) => {
      expect(canReadScorecard(permissionsOfRole(role), role, owner), `${role} reads ${owner}`).toBe(marks[i] === "x");
    });
  });
});

describe("agency roles (SPEC §3, §8)", () => {
  it("agency admins manage the agency; account managers read it; a READ key reads it", () => {
    expect([...agencyPermissionsOfRole("AGENCY_ADMIN")].sort()).toEqual([
      "agency.createClient",
      "agency.manage",
      "agency.read",
    ]);
    expect([...agencyPermissionsOfRole("ACCOUNT_MANAGER")]).toEqual(["agency.read"]);
    expect([...agencyPermissionsOfScopes(["READ", "ADMIN"])]).toEqual(["agency.read"]);
    expect([...agencyPermissionsOfScopes(["WRITE_METRICS"])]).toEqual([]);
  });
});
