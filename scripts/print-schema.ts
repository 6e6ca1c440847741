// `npm run schema:print`: writes the SDL of the Pothos schema to graphql/schema.graphql.
// The file is committed and published at /schema.graphql; test/unit/schema-drift.test.ts
// fails when it is out of date.
import { writeFileSync } from "node:fs";
import { printSchema } from "graphql";
import { schema } from "@/graphql/schema";

writeFileSync("graphql/schema.graphql", `${printSchema(schema)}\n`);
console.log("wrote graphql/schema.graphql");
