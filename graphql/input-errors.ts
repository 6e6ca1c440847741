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

/** A logo sent as base64 (`input.logoBase64`), as bytes; not base64 → BAD_USER_INPUT on that field. */
export function decodeLogoBase64(value: string): Buffer {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value.replace(/\s+/g, "")))
    throw AppError.badInput(["input", "logoBase64"], "LOGO_NOT_BASE64");
  return Buffer.from(value, "base64");
}

/**
 * Runs a lib call that checks a logo: lib names that field `logo`, the API's field is
 * `logoBase64` — its field errors are renamed, the rest pass through.
 */
export async function withLogoFieldAsBase64<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors.some((e) => e.path[0] === "logo")) {
      const fieldErrors = error.fieldErrors.map((e) => (e.path[0] === "logo" ? { ...e, path: ["logoBase64"] } : e));
      throw new AppError("BAD_USER_INPUT", fieldErrors.map((e) => `${e.path.join(".")}: ${e.message}`).join("; "), {
        fieldErrors,
      });
    }
    throw error;
  }
}
