/** The relay global id of a workspace (what the GraphQL API calls its id). */
export function toGlobalWorkspaceId(workspaceId: string): string {
  return Buffer.from(`Workspace:${workspaceId}`).toString("base64");
}
