import { print } from "@0no-co/graphql.web";
import type { TadaDocumentNode } from "gql.tada";

const printed = new WeakMap<object, string>();

/** A typed document's text, printed once per document (forms POST it; pages parse it once per process). */
export function documentText(document: TadaDocumentNode<any, any, any> | string): string {
  if (typeof document === "string") return document;
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}
