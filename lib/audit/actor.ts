import type { Viewer } from "@/lib/auth/viewer";

/** Who did something: a signed-in person or an API key (audit log, SPEC §3). */
export type Actor = { kind: "user"; userId: string } | { kind: "apiKey"; apiKeyId: string };

export function actorOf(viewer: Viewer): Actor {
  // An agency key is recorded as an API key (its id; the agency's own audit log names the agency).
  return viewer.kind === "user"
    ? { kind: "user", userId: viewer.userId }
    : { kind: "apiKey", apiKeyId: viewer.apiKeyId };
}

/** The acting user's id, or null for an API key. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}
