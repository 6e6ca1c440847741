import type { ApiKeyScope } from "@/lib/permissions/registry";

/** Who is behind a request: a signed-in person or an API key (SPEC §9.1 `viewer`). */
export type Viewer =
  | {
      kind: "user";
      userId: string;
      email: string;
      name: string;
      locale: string;
      /** The server-side session of a cookie (lib/sessions); absent in-process. */ sessionId?: string;
    }
  | { kind: "apiKey"; apiKeyId: string; workspaceId: string; scopes: ApiKeyScope[]; rateLimit?: RateLimitState }
  /** An agency's key (SPEC §3): reads every client that granted the agency access, limited by each grant's role. */
  | { kind: "agencyKey"; apiKeyId: string; agencyId: string; scopes: ApiKeyScope[] };

/**
 * The key's rate-limit window after this request (authenticate_api_key): what the RateLimit-*
 * response headers and `Viewer.rateLimit` report. Absent for viewers made without HTTP.
 */
export interface RateLimitState {
  /** Requests per minute the key may make. */
  limit: number;
  /** Requests left in the sliding minute after this one. */
  remaining: number;
  /** Seconds until the current one-minute window ends (for a refused call: until a retry is admitted). */
  resetSeconds: number;
}
