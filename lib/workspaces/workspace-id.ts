import { decodeGlobalID } from "@pothos/plugin-relay";
import { UUID } from "@/lib/uuid";

/**
 * A workspace id as clients send it — its bare UUID or the relay global id of a Workspace
 * (what pages get from GraphQL) — as the lower-case UUID; null for anything else. GraphQL
 * turns null into BAD_USER_INPUT (graphql/ids.ts), the upload route into 404.
 */
export function workspaceIdOf(raw: string): string | null {
  if (UUID.test(raw)) return raw.toLowerCase();
  try {
    const { typename, id } = decodeGlobalID(raw);
    return typename === "Workspace" && UUID.test(id) ? id.toLowerCase() : null;
  } catch {
    return null;
  }
}
