import "server-only";
import { decodeGlobalID } from "@pothos/plugin-relay";
import { AppError } from "@/lib/errors/app-error";
import { prefixFieldErrors } from "@/lib/errors/parse-input";
import { parseTenantNodeId } from "./ids";

/**
 * Runs a lib call whose field errors name paths inside its input object, and moves them
 * under the mutation's `input` argument (["email"] → ["input", "email"]).
 */
export async function underInput<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw prefixFieldErrors(error, ["input"]);
  }
}

/**
 * The workspace and row of a tenant node's global id (graphql/ids.ts tenantNodeId) of the
 * given type; anything else is a BAD_USER_INPUT naming the field.
 */
export function parseTenantNodeInput(
  raw: string,
  typename: string,
  path: (string | number)[],
): { workspaceId: string; rowId: string } {
  try {
    const decoded = decodeGlobalID(raw);
    const parsed = decoded.typename === typename ? parseTenantNodeId(decoded.id) : null;
    if (parsed) return { workspaceId: parsed.workspaceId.toLowerCase(), rowId: parsed.rowId.toLowerCase() };
  } catch {
    // fall through
  }
  throw AppError.badInput(path, "NOT_AN_ID", { kind: typename });
}
