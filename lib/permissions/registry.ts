import type { WorkspaceRole } from "./roles";

/**
 * The single source of truth for who may do what (SPEC §3). GraphQL (scope-auth), pages and
 * API-key scopes all read this table; nothing else decides permissions.
 */
const ALL_MEMBERS = ["OWNER", "ADMIN", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES"] as const;
const MANAGERS = ["OWNER", "ADMIN"] as const;
const MARKETING_LEADS = ["OWNER", "ADMIN", "CMO"] as const;

export const PERMISSIONS = {
  /** See the workspace's name, currency and settings. */
  "workspace.read": [...ALL_MEMBERS, "CLIENT_VIEWER"],
  "workspace.update": MANAGERS,
  "member.read": [...MARKETING_LEADS],
  "member.manage": MANAGERS,
  /** Make or unmake owners; remove an owner. */
  "owner.manage": ["OWNER"],
  "invite.manage": MANAGERS,
  "apiKey.manage": MANAGERS,
  /** Outbound webhooks: add, change, delete, read deliveries, re-send. */
  "webhook.manage": MANAGERS,
  "audit.read": MANAGERS,
  "metrics.read": ALL_MEMBERS,
  "metrics.write": MARKETING_LEADS,
  "metricDefinition.manage": MARKETING_LEADS,
  "import.manage": MARKETING_LEADS,
  /** Every role's scorecard and the company view. */
  "scorecard.readAny": MARKETING_LEADS,
  /** One's own role's scorecard plus the company KPIs it rolls up into. */
  "scorecard.readOwn": ["PERFORMANCE", "SMM", "CONTENT"],
  "scorecard.readCompany": ALL_MEMBERS,
  /** The shared marketing–sales view: CAC, LTV, lead→deal conversion. */
  "salesView.read": ["OWNER", "ADMIN", "CMO", "SALES"],
  /** KPIs of the marketing scorecards (CMO, PERFORMANCE, SMM, CONTENT): "CMO edits KPIs and targets of all marketing roles". */
  "kpi.manage": MARKETING_LEADS,
  "target.manage": MARKETING_LEADS,
  /** KPIs and targets of the COMPANY scorecard and the marketing–sales view (SALES): owners and admins only. */
  "kpi.manageCompany": MANAGERS,
  "target.manageCompany": MANAGERS,
  /** Specialists edit nothing but annotations on their own scorecard. */
  "annotation.write": ["OWNER", "ADMIN", "CMO", "PERFORMANCE", "SMM", "CONTENT"],
  "report.read": [...ALL_MEMBERS, "CLIENT_VIEWER"],
  "report.manage": MARKETING_LEADS,
  /** Grant, re-role and revoke an agency's access (SPEC §3: the client workspace owner). */
  "agencyAccess.manage": ["OWNER"],
} as const satisfies Record<string, readonly WorkspaceRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The scorecards KPIs belong to: the company (the KPI tree's roots) and the roles with KPIs. */
export const SCORECARD_OWNERS = ["COMPANY", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES"] as const;
export type ScorecardOwner = (typeof SCORECARD_OWNERS)[number];

/**
 * Which permissions a scorecard needs: `read` beyond scorecard.readAny, `kpi` to edit its
 * KPIs, `target` to set their targets. Specialists read their own role's scorecard
 * (scorecard.readOwn, checked against the member's role) and the company's; SALES reads the
 * marketing–sales view. The CMO edits the marketing scorecards; the company scorecard and the
 * sales view belong to owners and admins.
 */
export const SCORECARD_PERMISSIONS = {
  COMPANY: { read: "scorecard.readCompany", kpi: "kpi.manageCompany", target: "target.manageCompany" },
  SALES: { read: "salesView.read", kpi: "kpi.manageCompany", target: "target.manageCompany" },
  CMO: { read: "scorecard.readOwn", kpi: "kpi.manage", target: "target.manage" },
  PERFORMANCE: { read: "scorecard.readOwn", kpi: "kpi.manage", target: "target.manage" },
  SMM: { read: "scorecard.readOwn", kpi: "kpi.manage", target: "target.manage" },
  CONTENT: { read: "scorecard.readOwn", kpi: "kpi.manage", target: "target.manage" },
} as const satisfies Record<ScorecardOwner, { read: Permission; kpi: Permission; target: Permission }>;

/**
 * Whether a caller with `permissions` (and `role`, null for an API key) may read the
 * scorecard of `owner`: scorecard.readAny reads every one; otherwise the owner's read
 * permission, and for scorecard.readOwn only the caller's own role.
 */
export function canReadScorecard(
  permissions: ReadonlySet<Permission>,
  role: WorkspaceRole | null,
  owner: ScorecardOwner,
): boolean {
  if (permissions.has("scorecard.readAny")) return true;
  const needed = SCORECARD_PERMISSIONS[owner].read;
  if (!permissions.has(needed)) return false;
  return needed !== "scorecard.readOwn" || role === owner;
}

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function roleHasPermission(role: WorkspaceRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly WorkspaceRole[]).includes(role);
}

export function permissionsOfRole(role: WorkspaceRole): Set<Permission> {
  return new Set(ALL_PERMISSIONS.filter((p) => roleHasPermission(role, p)));
}

/** API-key scopes of SPEC §3, mapped onto the same permission strings. */
export const API_KEY_SCOPES = ["READ", "WRITE_METRICS", "ADMIN"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const SCOPE_PERMISSIONS = {
  READ: [
    "workspace.read",
    "metrics.read",
    "scorecard.readAny",
    "scorecard.readCompany",
    "salesView.read",
    "report.read",
  ],
  WRITE_METRICS: ["metrics.write", "import.manage"],
  /** What an ADMIN member may do, except what only a person should: keys and ownership. */
  ADMIN: ALL_PERMISSIONS.filter((p) => roleHasPermission("ADMIN", p) && p !== "apiKey.manage"),
} as const satisfies Record<ApiKeyScope, readonly Permission[]>;

export function permissionsOfScopes(scopes: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const scope of scopes) {
    const perms = (SCOPE_PERMISSIONS as Record<string, readonly Permission[]>)[scope];
    if (perms) for (const p of perms) granted.add(p);
  }
  return granted;
}

/**
 * Agency roles (SPEC §3, §8). Inside a client workspace an agency member acts with the role the
 * client granted, through PERMISSIONS above; this table says only what a member may do in the
 * agency itself.
 */
export const AGENCY_ROLES = ["AGENCY_ADMIN", "ACCOUNT_MANAGER"] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export const AGENCY_PERMISSIONS = {
  /** The agency's name, clients and portfolio. */
  "agency.read": ["AGENCY_ADMIN", "ACCOUNT_MANAGER"],
  /** Settings (name, colour), members and invites, API keys, the agency's audit log. */
  "agency.manage": ["AGENCY_ADMIN"],
  /** Create a client workspace the agency manages. */
  "agency.createClient": ["AGENCY_ADMIN"],
} as const satisfies Record<string, readonly AgencyRole[]>;

export type AgencyPermission = keyof typeof AGENCY_PERMISSIONS;

export function agencyPermissionsOfRole(role: AgencyRole): Set<AgencyPermission> {
  return new Set(
    (Object.keys(AGENCY_PERMISSIONS) as AgencyPermission[]).filter((p) =>
      (AGENCY_PERMISSIONS[p] as readonly AgencyRole[]).includes(role),
    ),
  );
}

/** An agency key reads the agency and its clients; nothing in the agency itself is managed by a key. */
export function agencyPermissionsOfScopes(scopes: readonly string[]): Set<AgencyPermission> {
  return new Set(scopes.includes("READ") ? (["agency.read"] as AgencyPermission[]) : []);
}

export function isAgencyRole(value: string): value is AgencyRole {
  return (AGENCY_ROLES as readonly string[]).includes(value);
}
