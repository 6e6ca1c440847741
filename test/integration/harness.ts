import { randomBytes } from "node:crypto";
import pg from "pg";
import type { ApolloServer } from "@apollo/server";
import { type GraphQLContext, createContext } from "@/graphql/context";
import { createApolloServer } from "@/graphql/server";
import type { Viewer } from "@/lib/auth/viewer";
import { type Database, openDatabase } from "@/lib/db/client";

/**
 * Integration tests run the real schema against a real database: PGlite in-process
 * (TEST_DB=pglite, the default) or PostgreSQL (TEST_DB=postgres, server from
 * TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres). Each test file gets a
 * database of its own, dropped at the end.
 */
export const TEST_DB = (process.env.TEST_DB ?? "pglite") as "pglite" | "postgres";

export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export interface TestDatabase extends Database {
  /** Superuser access for catalog checks and raw RLS probes (PostgreSQL: owner pool; PGlite: none). */
  name: string;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === "pglite") {
    const db = await openDatabase({ dataDir: "memory://" });
    return { ...db, name: "pglite:memory" };
  }
  const name = `tl_it_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    ...db,
    name,
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: adminUrl() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

let server: ApolloServer<GraphQLContext> | undefined;

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  context: GraphQLContext;
}

/**
 * Executes an operation through the same Apollo server the route uses (limits, error
 * masking and all), as `viewer`.
 */
export async function gql<T = Record<string, any>>(
  db: Database,
  viewer: Viewer | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResult<T>> {
  if (!server) {
    server = createApolloServer();
    await server.start();
  }
  const context = createContext({ db, viewer, meta: { ip: "127.0.0.1", baseUrl: "http://localhost:3000" } });
  const response = await server.executeOperation({ query, variables }, { contextValue: context });
  if (response.body.kind !== "single") throw new Error("Incremental delivery is not expected here");
  const { data, errors } = response.body.singleResult;
  return { data: data as T | null | undefined, errors: errors as GqlResult["errors"], context };
}

/** The error codes of a result, for terse assertions. */
export function errorCodes(result: GqlResult): string[] {
  return (result.errors ?? []).map((e) => String(e.extensions?.code));
}
