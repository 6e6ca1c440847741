"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Input, Select } from "@/components/ui/field";
import { searchTimeZones, timeZoneLabel } from "@/lib/i18n/time-zones";

/**
 * A time zone picked by city, in Russian or English (SPEC §10): a search box filters the
 * select, whose options read "(GMT+3) Москва, Санкт-Петербург" and submit the IANA id. A value
 * outside the city list stays selectable under Intl's own name for it.
 */
export function TimeZoneSelect({
  control,
  name,
  value,
  defaultValue,
  onChange,
}: {
  control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
  name: string;
  value?: string;
  defaultValue?: string;
  onChange?: (zone: string) => void;
}) {
  const t = useTranslations("common");
  const locale = useLocale();
  const [query, setQuery] = useState("");
  const [own, setOwn] = useState(value ?? defaultValue ?? "UTC");
  const current = value ?? own;
  const options = useMemo(() => {
    const found = searchTimeZones(query).map((c) => c.id);
    return found.includes(current) ? found : [current, ...found];
  }, [query, current]);
  return (
    <div className="space-y-1">
      <Input
        type="search"
        aria-label={t("findCity")}
        placeholder={t("findCity")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        autoComplete="off"
      />
      <Select
        {...control}
        name={name}
        value={current}
        onChange={(e) => {
          setOwn(e.target.value);
          onChange?.(e.target.value);
        }}
      >
        {options.map((zone) => (
          <option key={zone} value={zone}>
            {timeZoneLabel(zone, locale)}
          </option>
        ))}
      </Select>
    </div>
  );
}
