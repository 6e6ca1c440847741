import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { executeServer } from "@/graphql/execute-server";
import { requirePermission } from "../../../../_lib/load";
import { ChannelGroupEditor } from "./channel-group-editor";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("channelGroups");
  return { title: t("title") };
}

const QUERY = graphql(`
  query ChannelGroupsPage($id: ID!) {
    workspace(id: $id) {
      channels {
        channel
        group
        source
        hasData
      }
      channelGroups
    }
  }
`);

/** The workspace's channels and the channel group each is read in (SPEC §4.2 "Channel groups"). */
export default async function ChannelGroupsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "metricDefinition.manage");
  const t = await getTranslations("channelGroups");
  const { data, errors } = await executeServer(QUERY, { id: workspace.id });
  const ws = data?.workspace
    ? (JSON.parse(JSON.stringify(data.workspace)) as NonNullable<typeof data.workspace>)
    : null;
  if (!ws) return <Alert tone="bad">{errors[0]?.message}</Alert>;
  return (
    <ClientMessages namespaces={["channelGroups"]}>
      <Card>
        <CardHeader title={t("title")} description={t.rich("lead", { code: (chunks) => <code>{chunks}</code> })} />
        <ChannelGroupEditor workspaceId={workspace.id} channels={ws.channels} groups={ws.channelGroups} />
      </Card>
    </ClientMessages>
  );
}
