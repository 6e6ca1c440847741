import "server-only";
import { cookies, headers } from "next/headers";
import { type DocumentNode, type GraphQLFormattedError, parse } from "graphql";
import { cache } from "react";
import { createContext } from "@/graphql/context";
import { getApolloServer } from "@/graphql/server";
import { SESSION_COOKIE, viewerFromSessionToken } from "@/lib/auth/session-cookie";
import { getDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";

export interface ServerResult<T> {
  data: T | null;
  errors: GraphQLFormattedError[];
}

const parsed = new Map<string, DocumentNode>();

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
    meta: { ip: null, secure: proto === "https", baseUrl: env().APP_URL ?? `${proto}://${host}` },
  });
});

/**
 * Pages read through the same GraphQL schema third parties use, executed in-process with the
 * request's session: every permission rule applies to pages too.
 */
export async function executeServer<T>(query: string, variables?: Record<string, unknown>): Promise<ServerResult<T>> {
  const context = await requestContext();
  let document = parsed.get(query);
  if (!document) {
    document = parse(query);
    parsed.set(query, document);
  }
  const server = await getApolloServer();
  const response = await server.executeOperation({ query: document, variables }, { contextValue: context });
  if (response.body.kind !== "single") throw new Error("Incremental delivery is not used by pages");
  return {
    data: (response.body.singleResult.data ?? null) as T | null,
    errors: [...(response.body.singleResult.errors ?? [])],
  };
}
