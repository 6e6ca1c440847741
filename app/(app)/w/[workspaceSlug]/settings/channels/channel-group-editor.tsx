"use client";

import { useLocale, useTranslations } from "next-intl";
import { channelLabel } from "@/components/scorecard/format";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { THead, Table, Td, Th } from "@/components/ui/table";
import { graphql } from "@/graphql/client/graphql";

export interface ChannelRow {
  channel: string;
  group: string | null;
  source: "WORKSPACE" | "DEFAULT" | null;
  hasData: boolean;
}

const SET = graphql(`
  mutation SetChannelGroup($input: SetChannelGroupInput!) {
    setChannelGroup(input: $input) {
      channel
      group
    }
  }
`);

/** A table of channels, each with a group picker (setChannelGroup), and a form to map a channel before its data arrives. */
export function ChannelGroupEditor({
  workspaceId,
  channels,
  groups,
}: {
  workspaceId: string;
  channels: ChannelRow[];
  groups: string[];
}) {
  const t = useTranslations("channelGroups");
  const locale = useLocale();
  const router = useRouter();
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(SET);
  const [saved, setSaved] = useState<string | null>(null);
  const [newChannel, setNewChannel] = useState("");
  const [newGroup, setNewGroup] = useState(groups[0] ?? "paid");
  const groupName = (g: string) => t(`groups.${g}` as "groups.paid");
  const unmapped = channels.filter((c) => c.group === null);

  const save = async (channel: string, group: string | null) => {
    setSaved(null);
    const outcome = await run({ input: { workspaceId, channel, group } });
    if (outcome.errors.length === 0) {
      setSaved(t("saved", { channel, group: group ? groupName(group) : t("resetDefault") }));
      router.refresh();
      return true;
    }
    return false;
  };

  return (
    <div className="space-y-4">
      {unmapped.length > 0 ? (
        <Alert tone="warn" title={t("unmappedTitle", { count: unmapped.length })}>
          {t("unmappedBody", { channels: unmapped.map((c) => c.channel).join(", ") })}
        </Alert>
      ) : null}
      {saved ? <Alert tone="ok">{saved}</Alert> : null}
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {channels.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("empty")}</p>
      ) : (
        <Table caption={t("caption")}>
          <THead>
            <tr>
              <Th>{t("channel")}</Th>
              <Th>{t("group")}</Th>
              <Th>{t("source")}</Th>
            </tr>
          </THead>
          <tbody>
            {channels.map((c, i) => (
              <tr key={c.channel} data-channel={c.channel}>
                <Td>
                  <label htmlFor={`channel-group-${i}`} className="font-medium">
                    {channelLabel(c.channel, locale)}
                  </label>
                  {/* The name exactly as the data carries it: what a mapping matches. */}
                  {channelLabel(c.channel, locale) === c.channel ? null : (
                    <code className="ml-2 text-xs text-ink-muted">{c.channel}</code>
                  )}
                  {c.hasData ? null : <span className="ml-2 text-xs text-ink-muted">({t("noData")})</span>}
                </Td>
                <Td>
                  <Select
                    id={`channel-group-${i}`}
                    value={c.source === "WORKSPACE" ? (c.group ?? "") : ""}
                    disabled={pending}
                    onChange={(e) => void save(c.channel, e.target.value === "" ? null : e.target.value)}
                  >
                    <option value="">
                      {c.source === "WORKSPACE" || c.group === null
                        ? c.group === null
                          ? t("unmapped")
                          : t("resetDefault")
                        : `${t("resetDefault")}: ${groupName(c.group)}`}
                    </option>
                    {groups.map((g) => (
                      <option key={g} value={g}>
                        {groupName(g)}
                      </option>
                    ))}
                  </Select>
                </Td>
                <Td className="text-ink-muted">
                  {c.source === "WORKSPACE"
                    ? t("sourceWorkspace")
                    : c.source === "DEFAULT"
                      ? t("sourceDefault")
                      : t("unmapped")}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <form
        noValidate
        className="flex flex-wrap items-end gap-3"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await save(newChannel, newGroup)) setNewChannel("");
        }}
      >
        <Field id="new-channel" label={t("addChannel")} error={fieldErrors.channel ? t("channelInvalid") : null}>
          {(control) => <Input {...control} value={newChannel} onChange={(e) => setNewChannel(e.target.value)} />}
        </Field>
        <Field id="new-channel-group" label={t("group")} error={fieldErrors.group ? t("groupInvalid") : null}>
          {(control) => (
            <Select {...control} value={newGroup} onChange={(e) => setNewGroup(e.target.value)}>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {groupName(g)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" disabled={pending}>
          {t("addSubmit")}
        </Button>
      </form>
    </div>
  );
}
