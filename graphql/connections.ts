import "server-only";
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import { type DefaultConnectionArguments, resolveOffsetConnection } from "@pothos/plugin-relay";
import type { Page, PageRequest } from "@/lib/db/page";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, builder } from "./builder";

/**
 * Every connection of the schema has `totalCount: Int!`. The builder's `Connection` shape
 * (builder.ts) makes each connection resolver return a `totalCount()`; resolveCountedConnection
 * below is the one way the schema builds them.
 */
builder.globalConnectionField("totalCount", (t) =>
  t.int({
    description: "How many items the whole list has (same workspace and filters as the list), whatever the page.",
    resolve: (connection) => connection.totalCount(),
  }),
);

/**
 * An offset connection over a lib list function that reads a page and, when `withTotalCount`,
 * the count of the whole list in the same tenant transaction with the same `where`. The count
 * runs only when the query selects `totalCount` (or when `last` is used without `before`, which
 * needs the end of the list); otherwise the list costs what it did before.
 */
export async function resolveCountedConnection<Row>(
  args: DefaultConnectionArguments,
  info: GraphQLResolveInfo,
  load: (page: PageRequest) => Promise<Page<Row>>,
) {
  const wantsCount = selectsField(info, "totalCount");
  let totalCount: number | null = null;
  const countOnly = async () => (await load({ offset: 0, limit: 0, withTotalCount: true })).totalCount ?? 0;
  // `last` alone means "the last n": the offset needs the length of the list first.
  if (args.last != null && args.before == null && args.first == null) totalCount = await countOnly();
  const connection = await resolveOffsetConnection(
    { args, totalCount: totalCount ?? undefined, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
    async ({ offset, limit }) => {
      const page = await load({ offset, limit, withTotalCount: wantsCount && totalCount === null });
      totalCount ??= page.totalCount;
      return page.rows;
    },
  );
  let counting: Promise<number> | null = null;
  return {
    ...connection,
    // Not selected (or selected in a way selectsField cannot see): count on demand.
    totalCount: () => (totalCount !== null ? Promise.resolve(totalCount) : (counting ??= countOnly())),
  };
}

/** Whether the field being resolved selects `name` directly (through fragments too). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      return visit(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
