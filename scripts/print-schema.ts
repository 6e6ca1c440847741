// `npm run schema:print`: writes the SDL of the Pothos schema to graphql/schema.graphql and the
// same schema as a TypeScript type to graphql/client/graphql-env.d.ts (gql.tada types the page
// documents from it). Both are committed; schema.graphql is published at /schema.graphql;
// test/unit/schema-drift.test.ts fails when either is out of date.
import { writeFileSync } from "node:fs";
import { printSchema } from "graphql";
import { printGraphQLEnv } from "@/graphql/print-graphql-env";
import { schema } from "@/graphql/schema";

writeFileSync("graphql/schema.graphql", `${printSchema(schema)}\n`);
writeFileSync("graphql/client/graphql-env.d.ts", printGraphQLEnv(schema));
console.log("wrote graphql/schema.graphql and graphql/client/graphql-env.d.ts");
