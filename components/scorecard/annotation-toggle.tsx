"use client";

import { type ReactNode, Suspense, lazy, useState } from "react";
import { buttonClass } from "../ui/button";
import type { AnnotationFormLabels } from "./annotation-form";
import type { PeriodInput } from "./period";

const loadForm = () => import("./annotation-form");
const AnnotationForm = lazy(() => loadForm().then((m) => ({ default: m.AnnotationForm })));

/** The note (server-rendered children) with its edit button; the form's code loads on demand. */
export function AnnotationToggle({
  kpiId,
  body,
  period,
  labels,
  children,
}: {
  kpiId: string;
  body: string;
  period: PeriodInput;
  labels: AnnotationFormLabels & { edit: string; editFor: string };
  children: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const note = <div className="text-sm">{children}</div>;
  if (editing) {
    return (
      <Suspense fallback={note}>
        <AnnotationForm kpiId={kpiId} body={body} period={period} labels={labels} onClose={() => setEditing(false)} />
      </Suspense>
    );
  }
  return (
    <div className="text-sm">
      {children}
      <button
        type="button"
        className={buttonClass("ghost", "sm", "mt-1 -ml-3")}
        aria-label={labels.editFor}
        // Start fetching the form's code as soon as the button is about to be used.
        onPointerEnter={loadForm}
        onFocus={loadForm}
        onClick={() => setEditing(true)}
      >
        {labels.edit}
      </button>
    </div>
  );
}
