import { getDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { withApiSecurityHeaders } from "@/lib/http/security-headers";
import { handleImportUpload } from "./handle-upload";

// Uploads stream to disk as they arrive: Node runtime, never cached, no body size cap of
// Next's own (the handler enforces MAX_IMPORT_BYTES while streaming).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return withApiSecurityHeaders(
    await handleImportUpload(request, getDatabase),
    env().APP_URL?.startsWith("https://") ?? false,
  );
}
