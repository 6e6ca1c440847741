import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";

/** A page whose data did not load: its header, then the error in place of the content. */
export function PageLoadError({
  header,
  title,
  message,
}: {
  header: ReactNode;
  title: string;
  message: string | undefined;
}) {
  return (
    <>
      {header}
      <Alert tone="bad" title={title}>
        {message}
      </Alert>
    </>
  );
}
