import "server-only";
import type { GraphQLFormattedError } from "graphql";
import type { TadaDocumentNode } from "@/graphql/client/graphql";
import { type VariablesArg, executeServer } from "@/graphql/execute-server";

export interface Connection<TNode> {
  edges: { node: TNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Page size that stays well inside the API's query-cost limit for list pages. */
export const PAGE_SIZE = 50;

/**
 * Reads every node of a relay connection page by page (the API caps the cost of one query,
 * so a page never asks for hundreds of rows at once). The query must take `$first` and
 * `$after` and select `pageInfo { hasNextPage endCursor }`.
 */
export async function collectConnection<R, V extends { first?: number | null; after?: string | null }, TNode>(
  query: TadaDocumentNode<R, V>,
  variables: Omit<V, "first" | "after">,
  pick: (data: R) => Connection<TNode> | null | undefined,
  { maxPages = 20 }: { maxPages?: number } = {},
): Promise<{ nodes: TNode[]; errors: GraphQLFormattedError[] }> {
  const nodes: TNode[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const { data, errors } = await executeServer(
      query,
      ...([{ ...variables, first: PAGE_SIZE, after } as V] as VariablesArg<V>),
    );
    if (errors.length > 0 || !data) return { nodes, errors };
    const connection = pick(data);
    if (!connection) break;
    for (const edge of connection.edges) nodes.push(JSON.parse(JSON.stringify(edge.node)) as TNode);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return { nodes, errors: [] };
}
