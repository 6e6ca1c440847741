import "server-only";
import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, GraphQLError, visit } from "graphql";

/**
 * NUL (U+0000) anywhere in what a client sends — a string literal in the document
 * (`channel: "a\u0000b"`) or a variable, however deep — is refused with BAD_USER_INPUT naming
 * where it was, before any resolver runs. PostgreSQL cannot store NUL in text and answered
 * with an error that surfaced as INTERNAL_SERVER_ERROR; no field of this API needs one.
 */
export const rejectNulPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        const where = nulInDocument(document) ?? nulInValue(request.variables ?? {}, ["variables"]);
        if (where) {
          throw new GraphQLError(`${where}: text must not contain a NUL character (U+0000)`, {
            extensions: {
              code: "BAD_USER_INPUT",
              fieldErrors: [{ path: where.split("."), message: "NUL character", reason: "NUL_CHARACTER" }],
              http: { status: 400 },
            },
          });
        }
      },
    };
  },
};

/**
 * Apollo keeps parsed documents (its document store) and hands the same DocumentNode to every
 * request with the same query text: the answer is remembered per document, not visited again.
 */
const nulOfDocument = new WeakMap<DocumentNode, string | null>();

export function nulInDocument(document: DocumentNode): string | null {
  let found = nulOfDocument.get(document);
  if (found === undefined) {
    found = visitForNul(document);
    nulOfDocument.set(document, found);
  }
  return found;
}

function visitForNul(document: DocumentNode): string | null {
  let found: string | null = null;
  const path: string[] = [];
  visit(document, {
    Argument: {
      enter(node) {
        path.push(node.name.value);
      },
      leave() {
        path.pop();
      },
    },
    ObjectField: {
      enter(node) {
        path.push(node.name.value);
      },
      leave() {
        path.pop();
      },
    },
    StringValue(node) {
      if (found === null && node.value.includes("\u0000")) found = path.length > 0 ? path.join(".") : "query";
    },
  });
  return found;
}

/** The dotted path of the first string holding a NUL (keys included), or null. */
export function nulInValue(value: unknown, path: (string | number)[], depth = 0): string | null {
  if (depth > 64) return null;
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = nulInValue(value[i], [...path, i], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key.replace(/\u0000/g, "\\0")].join(".");
      const hit = nulInValue(item, [...path, key], depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}
