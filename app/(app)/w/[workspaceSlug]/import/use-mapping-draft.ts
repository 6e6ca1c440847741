"use client";

import { useState } from "react";
import type { ImportView } from "./import-queries";

export type MappingInput = {
  columns: { index: number; target: string }[];
  measureAliases: { value: string; measure: string }[];
  defaultChannel: string | null;
  currency?: string | null;
  rate?: string | null;
};

/**
 * The mapping being edited for an uploaded import, starting from its current mapping: column
 * targets, long-layout measure aliases, default channel, currency and rate, number style, and the
 * columns the person chose not to load. `mappingInput()` is what updateImportMapping takes.
 */
export function useMappingDraft(current: ImportView, editable: boolean) {
  const [targets, setTargets] = useState<string[]>(() =>
    current.headers.map((_, i) => current.mapping.columns.find((c) => c.index === i)?.target ?? "ignore"),
  );
  const [aliases, setAliases] = useState<Record<string, string>>(() =>
    Object.fromEntries(current.mapping.measureAliases.map((a) => [a.value, a.measure])),
  );
  const [defaultChannel, setDefaultChannel] = useState(current.mapping.defaultChannel ?? "");
  const [currency, setCurrency] = useState(current.mapping.currency ?? "");
  const [rate, setRate] = useState(current.mapping.rate ?? "");
  const [numberStyle, setNumberStyle] = useState<"RU" | "EN">(current.numberStyle);
  // A column nothing maps is never dropped silently: the person maps it, creates a measure
  // from it, or says explicitly that it is not to be loaded (SPEC §7, issue 12).
  const [ignored, setIgnored] = useState<ReadonlySet<number>>(new Set());
  const unresolved = editable
    ? current.headers.map((_, i) => i).filter((i) => targets[i] === "ignore" && !ignored.has(i))
    : [];

  function mappingInput(): MappingInput {
    const { report } = current;
    return {
      columns: targets.map((target, index) => ({ index, target })),
      measureAliases: report.unknownMeasures
        .map((u) => ({ value: u.name, measure: aliases[u.name] ?? u.suggestion ?? "ignore" }))
        .concat(
          Object.entries(aliases)
            .filter(([k]) => !report.unknownMeasures.some((u) => u.name === k))
            .map(([value, measure]) => ({ value, measure })),
        ),
      defaultChannel: defaultChannel.trim() || null,
      currency: currency.trim() || null,
      rate: rate.trim().replace(",", ".") || null,
    };
  }

  return {
    targets,
    setTargets,
    aliases,
    setAliases,
    defaultChannel,
    setDefaultChannel,
    currency,
    setCurrency,
    rate,
    setRate,
    numberStyle,
    setNumberStyle,
    ignored,
    setIgnored,
    unresolved,
    mappingInput,
  };
}
