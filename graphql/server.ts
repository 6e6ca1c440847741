import "server-only";
import { ApolloServer, type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLContext } from "./context";
import { formatError, localizeFormattedError } from "./errors";
import { rejectNulPlugin } from "./reject-nul";
import { schema } from "./schema";

/**
 * Request limits. Depth, cost and aliases are checked by graphql-armor's validation rules;
 * tokens by graphql-js's own parser limit (armor's token plugin answered over-long documents
 * with a 500, the parser limit answers a 400 GRAPHQL_PARSE_FAILED).
 */
export const LIMITS = { maxDepth: 10, maxCost: 5000, maxAliases: 15, maxDirectives: 50, maxTokens: 5000 } as const;

/** Writes error messages in the request's language (graphql/errors.ts localizeFormattedError). */
const localizeErrorsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const locale = contextValue.meta.locale;
        if (locale === "en" || response.body.kind !== "single" || !response.body.singleResult.errors) return;
        response.body.singleResult.errors = response.body.singleResult.errors.map((e) =>
          localizeFormattedError(e, locale),
        );
      },
    };
  },
};

/**
 * Headers whose non-empty presence makes a request one browsers preflight (CSRF prevention).
 * A request that carries Authorization (an API key) is not a "simple" request: browsers
 * preflight it, so it cannot be forged cross-site and needs no extra header (SPEC §9: GET for
 * queries). Cookie sessions still need a preflighted header or a JSON content type.
 */
export const CSRF_PREFLIGHT_HEADERS = ["x-apollo-operation-name", "apollo-require-preflight", "authorization"] as const;

let armor: ReturnType<ApolloArmor["protect"]> | undefined;

/**
 * graphql-armor's protection (validation rules for depth, cost, aliases and directives; a
 * plugin hiding field suggestions), built once: Apollo's pipeline and the lean path of
 * graphql/lean-execution.ts validate with the same rules.
 */
export function armorProtection(): ReturnType<ApolloArmor["protect"]> {
  armor ??= new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    costLimit: { maxCost: LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
    maxAliases: { n: LIMITS.maxAliases },
    maxDirectives: { n: LIMITS.maxDirectives },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return armor;
}

export function createApolloServer(): ApolloServer<GraphQLContext> {
  const protection = armorProtection();
  return new ApolloServer<GraphQLContext>({
    schema,
    ...protection,
    plugins: [...protection.plugins, rejectNulPlugin, localizeErrorsPlugin],
    validationRules: [...protection.validationRules],
    parseOptions: { maxTokens: LIMITS.maxTokens },
    formatError,
    introspection: true,
    csrfPrevention: { requestHeaders: [...CSRF_PREFLIGHT_HEADERS] },
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
  });
}

const globalForServer = globalThis as unknown as { __throughlineApollo?: Promise<ApolloServer<GraphQLContext>> };

/** One started server per process. */
export function getApolloServer(): Promise<ApolloServer<GraphQLContext>> {
  if (!globalForServer.__throughlineApollo) {
    const server = createApolloServer();
    globalForServer.__throughlineApollo = server.start().then(() => server);
  }
  return globalForServer.__throughlineApollo;
}

export { HeaderMap };
