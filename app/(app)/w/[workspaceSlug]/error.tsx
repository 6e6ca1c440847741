"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function WorkspaceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-xl py-10">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Alert tone="bad" className="mt-4">
        {t("body")}
        {error.digest ? (
          <span className="mt-1 block font-mono text-xs">{t("reference", { digest: error.digest })}</span>
        ) : null}
      </Alert>
      <Button className="mt-4" onClick={reset}>
        {t("retry")}
      </Button>
    </div>
  );
}
