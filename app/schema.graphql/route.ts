import { readFile } from "node:fs/promises";
import path from "node:path";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The published SDL (SPEC §9): graphql/schema.graphql, generated from the code and committed. */
export async function GET(): Promise<Response> {
  try {
    const sdl = await readFile(path.join(process.cwd(), "graphql", "schema.graphql"), "utf8");
    return new Response(sdl, {
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=60", "x-content-type-options": "nosniff" },
    });
  } catch {
    return new Response("Schema file not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
