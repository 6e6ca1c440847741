import type { TadaDocumentNode } from "gql.tada";
import { documentText } from "./document-text";

/**
 * Browser-side GraphQL: forms POST JSON to /api/graphql (same origin, the session cookie rides
 * along; Set-Cookie from signUp/login/logout applies). Errors come back normalised: the
 * first error's code and message, and per-field messages keyed by the last segment of each
 * `extensions.fieldErrors[].path` (e.g. ["input","email"] → "email").
 */
export interface GraphQLErrorShape {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: {
    code?: string;
    fieldErrors?: { path: (string | number)[]; message: string }[];
    [key: string]: unknown;
  };
}

export interface GraphQLOutcome<T> {
  data: T | null;
  errors: GraphQLErrorShape[];
  /** The first error's code, e.g. BAD_USER_INPUT, or NETWORK when the request failed. */
  code: string | null;
  /** A message for the whole form (first error without field errors). */
  formError: string | null;
  fieldErrors: Record<string, string>;
}

/** A typed document (graphql/client/graphql.ts): the outcome's data is the document's selection. */
export async function fetchGraphQL<R, V>(
  document: TadaDocumentNode<R, V>,
  variables?: V,
  init?: { headers?: Record<string, string> },
): Promise<GraphQLOutcome<R>>;
export async function fetchGraphQL(
  query: string | TadaDocumentNode<unknown, unknown>,
  variables?: unknown,
  init: { headers?: Record<string, string> } = {},
): Promise<GraphQLOutcome<unknown>> {
  let payload: { data?: unknown; errors?: GraphQLErrorShape[] };
  try {
    const response = await fetch("/api/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        ...init.headers,
      },
      body: JSON.stringify({ query: documentText(query), variables }),
    });
    payload = await response.json();
  } catch {
    return { data: null, errors: [], code: "NETWORK", formError: null, fieldErrors: {} };
  }
  return normaliseResult(payload);
}

export function normaliseResult<T>(payload: { data?: T | null; errors?: GraphQLErrorShape[] }): GraphQLOutcome<T> {
  const errors = payload.errors ?? [];
  const fieldErrors: Record<string, string> = {};
  let formError: string | null = null;
  for (const error of errors) {
    const fields = error.extensions?.fieldErrors ?? [];
    for (const field of fields) {
      const key = String(field.path[field.path.length - 1] ?? "");
      if (key && !fieldErrors[key]) fieldErrors[key] = field.message;
    }
    if (fields.length === 0 && formError === null) formError = error.message;
  }
  return {
    data: payload.data ?? null,
    errors,
    code: errors[0]?.extensions?.code ?? null,
    formError,
    fieldErrors,
  };
}
