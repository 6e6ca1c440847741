import { lexicographicSortSchema } from "graphql";
import { builder } from "./builder";
// Each module registers its types, queries and mutations on the builder.
import "./types/scalars";
import "./types/workspace";
import "./types/viewer";

builder.queryType({});
builder.mutationType({});

export const schema = lexicographicSortSchema(builder.toSchema());
