/** Example operations of the public contract (SPEC §9.1), shown in the explorer. */
export interface ExampleOperation {
  id: string;
  query: string;
  variables: Record<string, unknown>;
}

export const EXAMPLES: ExampleOperation[] = [
  {
    id: "viewer",
    query: `# Who am I? A user session or an API key, and the workspaces it can open.
query Viewer {
  viewer {
    kind
    email
    workspaces {
      role
      workspace { id name slug currency }
    }
  }
}`,
    variables: {},
  },
  {
    id: "metricValues",
    query: `# Base measures and derived metrics over an inclusive date range.
# Ratios are fractions (0.25 = 25%); Decimal values are JSON strings.
query MetricValues($id: ID!, $from: Date!, $to: Date!) {
  workspace(id: $id) {
    name
    currency
    metricValues(keys: ["spend", "revenue", "cac", "romi", "ctr"], from: $from, to: $to) {
      key
      value
      reason
    }
  }
}`,
    variables: { id: "<workspace id>", from: "2026-01-01", to: "2026-01-31" },
  },
  {
    id: "scorecard",
    query: `# One role's scorecard for a period (default: the current month in the workspace's zone):
# each KPI with actual, target, pacing, forecast and status; the health checks with their rule.
query Scorecard($id: ID!, $period: PeriodInput) {
  workspace(id: $id) {
    scorecard(role: PERFORMANCE, period: $period) {
      period { type from to label }
      elapsedShare
      score
      statusCounts { onTrack atRisk offTrack noData }
      kpis {
        key
        actual
        target
        expectedToDate
        attainmentToDate
        forecast
        status
        trend
      }
      healthChecks { code severity message rule }
    }
  }
}`,
    variables: { id: "<workspace id>", period: { type: "MONTH", anchor: "2026-01-15" } },
  },
  {
    id: "auditEvents",
    query: `# Any list is a connection: page with first/after; totalCount counts the whole
# (filtered) list, whatever the page.
query AuditLog($id: ID!, $after: String) {
  workspace(id: $id) {
    auditEvents(first: 20, after: $after, actions: ["member.roleChanged", "member.left"]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { action actorName createdAt data } }
    }
  }
}`,
    variables: { id: "<workspace id>", after: null },
  },
  {
    id: "ingestMetrics",
    query: `# Push metric rows (API key with WRITE_METRICS). All-or-nothing and idempotent:
# re-sending the same idempotencyKey or the same rows never double counts.
mutation Ingest($input: IngestMetricsInput!) {
  ingestMetrics(input: $input) {
    accepted
    inserted
    updated
    unchanged
  }
}`,
    variables: {
      input: {
        workspaceId: "<workspace id>",
        idempotencyKey: "crm-export-2026-01-31",
        rows: [
          { date: "2026-01-31", channel: "google_ads", campaign: "brand", measure: "spend", value: "12500.50" },
          { date: "2026-01-31", channel: "google_ads", campaign: "brand", measure: "clicks", value: "830" },
        ],
      },
    },
  },
  {
    id: "createApiKey",
    query: `# Session with admin rights; the secret is returned once, only here.
mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    apiKey { id name }
    secret
  }
}`,
    variables: { input: { workspaceId: "<workspace id>", name: "CRM sync", scopes: ["READ", "WRITE_METRICS"] } },
  },
  {
    id: "signUp",
    query: `# Public: creates the user and the workspace and starts a session.
mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    user { id }
    workspace { id slug }
  }
}`,
    variables: {
      input: {
        email: "owner@example.com",
        password: "a long passphrase",
        name: "Owner",
        workspaceName: "Acme",
        currency: "USD",
        timeZone: "UTC",
        locale: "en",
      },
    },
  },
];
