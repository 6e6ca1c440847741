import { getDatabase } from "@/lib/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers: `GET /api/health` answers without touching the database;
 * `GET /api/health?deep=1` also runs one query (readiness). The platform benchmark uses the
 * shallow form to measure what a bare Next.js route costs on the same machine.
 */
export async function GET(request: Request): Promise<Response> {
  if (new URL(request.url).searchParams.get("deep") !== "1") return Response.json({ status: "ok" });
  try {
    const db = await getDatabase();
    await db.sql.query("SELECT 1");
    return Response.json({ status: "ok", database: db.kind });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
