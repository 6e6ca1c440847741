import "server-only";
import { minifyIntrospection, outputIntrospectionFile } from "@gql.tada/internal";
import { type GraphQLSchema, introspectionFromSchema } from "graphql";

/**
 * graphql/client/graphql-env.d.ts: the schema as a TypeScript type, from which gql.tada types
 * every page document (graphql/client/graphql.ts). Written by `npm run schema:print` beside
 * schema.graphql; test/unit/schema-drift.test.ts fails when either is out of date.
 */
export function printGraphQLEnv(schema: GraphQLSchema): string {
  return outputIntrospectionFile(minifyIntrospection(introspectionFromSchema(schema)), {
    fileType: ".d.ts",
    shouldPreprocess: true,
  });
}
