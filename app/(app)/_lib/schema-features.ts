import "server-only";
import { executeServer } from "@/lib/graphql-client/execute-server";

/**
 * Which optional mutations the running schema offers, by introspection through the same
 * GraphQL layer. The UI shows a button only when its operation exists: no dead buttons.
 */
export interface MutationShape {
  /** How the workspace is passed: `workspaceId: ID!` directly or inside `input`. */
  argStyle: "workspaceId" | "input";
  /** Whether the payload is an object (needs a selection set) or a scalar. */
  returnsObject: boolean;
}

interface TypeRef {
  kind: string;
  ofType: TypeRef | null;
}

const MUTATIONS_QUERY = /* GraphQL */ `
  query MutationFields {
    __schema {
      mutationType {
        fields { name args { name } type { kind ofType { kind ofType { kind } } } }
      }
    }
  }
`;

let cached: Promise<Map<string, MutationShape>> | null = null;

function namedKind(ref: TypeRef | null): string | null {
  let r = ref;
  while (r && (r.kind === "NON_NULL" || r.kind === "LIST")) r = r.ofType;
  return r?.kind ?? null;
}

async function loadMutations(): Promise<Map<string, MutationShape>> {
  const { data } = await executeServer<{
    __schema: { mutationType: { fields: { name: string; args: { name: string }[]; type: TypeRef }[] } | null };
  }>(MUTATIONS_QUERY);
  const map = new Map<string, MutationShape>();
  for (const field of data?.__schema.mutationType?.fields ?? []) {
    const names = field.args.map((a) => a.name);
    const argStyle = names.includes("workspaceId") ? "workspaceId" : names.includes("input") ? "input" : null;
    if (!argStyle) continue;
    const kind = namedKind(field.type);
    map.set(field.name, { argStyle, returnsObject: kind === "OBJECT" || kind === "INTERFACE" || kind === "UNION" });
  }
  return map;
}

/** The shape of a workspace-scoped mutation, or null when the schema has no such mutation. */
export async function workspaceMutation(name: string): Promise<MutationShape | null> {
  if (!cached) cached = loadMutations().catch(() => ((cached = null), new Map()));
  return (await cached).get(name) ?? null;
}
