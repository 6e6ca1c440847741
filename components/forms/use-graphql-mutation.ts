"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import type { TadaDocumentNode } from "gql.tada";
import { fetchGraphQL, type GraphQLOutcome } from "@/lib/graphql-client/fetch-graphql";

export interface MutationState<R, V> {
  run: (variables: V) => Promise<GraphQLOutcome<R>>;
  pending: boolean;
  fieldErrors: Record<string, string>;
  formError: string | null;
  reset: () => void;
}

const TRANSLATED_CODES = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "RATE_LIMITED",
  "NETWORK",
  "INTERNAL_SERVER_ERROR",
]);

/**
 * Runs one mutation through /api/graphql and keeps what a form shows: pending, per-field
 * errors (extensions.fieldErrors) and a form-level error. Transport-level codes get a
 * translated message; domain messages (e.g. "Email already registered") come from the server.
 */
export function useGraphQLMutation<R, V>(mutation: TadaDocumentNode<R, V>): MutationState<R, V>;
export function useGraphQLMutation(mutation: TadaDocumentNode<unknown, unknown>): MutationState<unknown, unknown> {
  const t = useTranslations("errors");
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const run = useCallback(
    async (variables: unknown): Promise<GraphQLOutcome<unknown>> => {
      setPending(true);
      setFormError(null);
      setFieldErrors({});
      try {
        const outcome = await fetchGraphQL(mutation, variables);
        setFieldErrors(outcome.fieldErrors);
        if (outcome.code && (outcome.formError || Object.keys(outcome.fieldErrors).length === 0)) {
          setFormError(
            TRANSLATED_CODES.has(outcome.code) && outcome.code !== "FORBIDDEN" && outcome.code !== "NOT_FOUND"
              ? t(outcome.code as "NETWORK")
              : (outcome.formError ?? t("generic")),
          );
        }
        return outcome;
      } finally {
        setPending(false);
      }
    },
    [mutation, t],
  );

  const reset = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  return { run, pending, fieldErrors, formError, reset };
}
