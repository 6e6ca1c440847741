"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { CopyableValue } from "@/components/ui/copy-button";
import { ConfirmButton } from "@/components/ui/dialog";
import { graphql } from "@/graphql/client/graphql";

const ROTATE_API_KEY = graphql(`
  mutation RotateApiKey($input: RotateApiKeyInput!) {
    rotateApiKey(input: $input) {
      apiKey {
        id
        name
      }
      secret
    }
  }
`);

/** The default grace period (lib/api-keys/rotate-api-key.ts): the old secret works this long. */
const GRACE_HOURS = 24;

/**
 * Rotates a key's secret (a new secret under the same prefix; the old one keeps working for
 * 24 hours so the systems using it can be switched over). The new secret is held only in this
 * component's state and shown once.
 */
export function RotateApiKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  const t = useTranslations("apiKeyRotation");
  const tc = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const { run, pending, formError } = useGraphQLMutation(ROTATE_API_KEY);

  async function rotate() {
    const outcome = await run({ input: { apiKeyId, gracePeriodHours: GRACE_HOURS } });
    setOpen(false);
    if (outcome.data?.rotateApiKey.secret) {
      setSecret(outcome.data.rotateApiKey.secret);
      router.refresh();
    }
  }

  return (
    <div className="space-y-2">
      <ConfirmButton
        label={t("rotate")}
        title={t("title", { name })}
        description={t("body", { hours: GRACE_HOURS })}
        confirmLabel={t("rotate")}
        cancelLabel={tc("cancel")}
        variant="primary"
        pending={pending}
        open={open}
        setOpen={setOpen}
        onConfirm={() => void rotate()}
      />
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {secret ? (
        <Alert tone="warn" title={t("secretTitle")}>
          <p>{t("secretWarning", { hours: GRACE_HOURS })}</p>
          <CopyableValue
            id={`api-key-rotated-${apiKeyId}`}
            label={t("secretLabel", { name })}
            value={secret}
            copyLabel={tc("copy")}
            copiedLabel={tc("copied")}
          />
        </Alert>
      ) : null}
    </div>
  );
}
