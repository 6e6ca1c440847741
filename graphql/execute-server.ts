import "server-only";
import { cookies, headers } from "next/headers";
import { type DocumentNode, type GraphQLError, type GraphQLFormattedError, execute, parse, validate } from "graphql";
import { cache } from "react";
import { type TadaDocumentNode, documentText } from "./client/graphql";
import { createContext } from "./context";
import { formatError, localizeFormattedError } from "./errors";
import { schema } from "./schema";
import { SESSION_COOKIE, viewerFromSessionToken } from "@/lib/auth/session-cookie";
import { getDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/config";

export interface ServerResult<T> {
  data: T | null;
  errors: GraphQLFormattedError[];
}

const documents = new Map<string, { document: DocumentNode; invalid: readonly GraphQLError[] | null }>();

/**
 * The request's GraphQL context, built once per server render (React's cache()): the session
 * cookie is decoded and checked against the user's session version once, and workspace access
 * is looked up once, however many queries the layout and the page run.
 */
const requestContext = cache(async () => {
  const db = await getDatabase();
  const cookieStore = await cookies();
  const viewer = await viewerFromSessionToken(db, cookieStore.get(SESSION_COOKIE)?.value);
  const h = await headers();
  const host = h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return createContext({
    db,
    viewer,
    // Pages only read: one data-version read serves every cached read of the render.
    readOnly: true,
    meta: {
      ip: null,
      secure: proto === "https",
      baseUrl: env().APP_URL ?? `${proto}://${host}`,
      locale: resolveLocale({
        cookie: cookieStore.get(LOCALE_COOKIE)?.value,
        viewerLocale: viewer?.kind === "user" ? viewer.locale : null,
        acceptLanguage: h.get("accept-language"),
      }),
    },
  });
});

/** A document's variables: omitted when it takes none or only optional ones, required otherwise. */
export type VariablesArg<V> = Record<never, never> extends V ? [variables?: V] : [variables: V];

/**
 * Pages read through the same GraphQL schema third parties use, executed in-process with the
 * request's session: every permission rule applies to pages too (scope-auth and the resolvers'
 * checks live in the schema). Pages run graphql-js directly rather than through Apollo's request
 * pipeline — their documents are fixed, parsed and validated once per process — and errors are
 * shaped by the same formatError as the HTTP endpoint. Apollo's pipeline cost ~3 ms of a
 * scorecard page's ~10 ms of GraphQL (bench/web.ts).
 *
 * Documents are typed (`graphql()` from graphql/client/graphql.ts): the result type is the
 * document's selection, so a field the page did not select does not exist for the compiler.
 */
export async function executeServer<R, V>(
  document: TadaDocumentNode<R, V>,
  ...[variables]: VariablesArg<V>
): Promise<ServerResult<R>>;
export async function executeServer(
  query: string | TadaDocumentNode<unknown, unknown>,
  variables?: unknown,
): Promise<ServerResult<unknown>> {
  const context = await requestContext();
  const text = typeof query === "string" ? query : documentText(query);
  let prepared = documents.get(text);
  if (!prepared) {
    const document = parse(text);
    const invalid = validate(schema, document);
    prepared = invalid.length > 0 ? { document, invalid } : { document, invalid: null };
    documents.set(text, prepared);
  }
  if (prepared.invalid) {
    // A page's own query does not match the schema: a programming error, reported like the endpoint would.
    return { data: null, errors: prepared.invalid.map((e) => formatError(e.toJSON(), e)) };
  }
  const result = await execute({
    schema,
    document: prepared.document,
    variableValues: variables as Record<string, unknown> | undefined,
    contextValue: context,
  });
  return {
    data: result.data ?? null,
    errors: (result.errors ?? []).map((e) => localizeFormattedError(formatError(e.toJSON(), e), context.meta.locale)),
  };
}
