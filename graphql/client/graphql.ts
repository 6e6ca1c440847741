import { type TadaDocumentNode, initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env";

/**
 * Page and form documents, typed from the schema: `graphql(\`query … \`)` returns a document whose
 * result and variables types gql.tada derives from graphql-env.d.ts (written by
 * `npm run schema:print`), so selecting a field that does not exist, or reading one the
 * document did not select, is a compile error — no hand-written result types, no build step.
 * Safe in client components (no server code): forms send the printed document.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  // Decimal travels as a JSON string (exact; never a float); dates as ISO strings.
  scalars: { Decimal: string; Date: string; DateTime: string; ID: string };
  // Fragments are plain selections here: a component reads what its fragment selected.
  disableMasking: true;
}>();

export type { FragmentOf, ResultOf, VariablesOf } from "gql.tada";
export type { TadaDocumentNode };

export { documentText } from "@/lib/graphql-client/document-text";
