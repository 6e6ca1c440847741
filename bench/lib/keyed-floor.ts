import { execute, parse } from "graphql";
import { createContext } from "@/graphql/context";
import { schema } from "@/graphql/schema";
import { generateApiKey } from "@/lib/auth/api-key-format";
import { authenticateApiKey } from "@/lib/auth/authenticate-api-key";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** A workspace with a READ key whose rate limit never binds: what the keyed-query benches call. */
export async function createKeyedWorkspace(
  db: Database,
  { workspaceId, slug }: { workspaceId: string; slug: string },
): Promise<{ secret: string }> {
  const key = generateApiKey();
  await withTenant(db, { workspaceId }, async (tx) => {
    await tx.workspace.create({
      data: { id: workspaceId, name: "Bench", slug, currency: "RUB", timeZone: "Europe/Moscow" },
    });
    await tx.apiKey.create({
      data: {
        workspaceId,
        name: "bench",
        prefix: key.prefix,
        secretHash: key.secretHash,
        scopes: ["READ"],
        rateLimitPerMinute: 1_000_000_000,
      },
    });
  });
  return { secret: key.secret };
}

/**
 * The in-process floor of a keyed query: authenticateApiKey + graphql.execute with
 * `connections` calls in flight for `seconds` (after 200 warm-up calls); operations per second.
 */
export async function measureKeyedFloor(
  db: Database,
  { secret, query, connections, seconds }: { secret: string; query: string; connections: number; seconds: number },
): Promise<number> {
  const document = parse(query);
  const once = async () => {
    const viewer = await authenticateApiKey(db, secret);
    const result = await execute({ schema, document, contextValue: createContext({ db, viewer }) });
    if (result.errors) throw new Error(result.errors[0].message);
  };
  for (let i = 0; i < 200; i++) await once();
  const deadline = Date.now() + seconds * 1000;
  let ops = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        await once();
        ops++;
      }
    }),
  );
  return ops / ((Date.now() - started) / 1000);
}
