import { type ResultOf, graphql } from "@/graphql/client/graphql";

/**
 * What the app shell reads about the caller (app/(app)/_lib/load.ts runs the query once per
 * request); the types are the selections, derived from the schema.
 */
export const ShellWorkspaceFields = graphql(`
  fragment ShellWorkspace on Workspace {
    id
    name
    slug
    currency
    timeZone
    fiscalYearStartMonth
    locale
    viewerRole
    viewerPermissions
  }
`);

export const SHELL_QUERY = graphql(
  `
    query Shell {
      viewer {
        kind
        userId
        email
        name
        locale
        workspaces {
          role
          workspace {
            ...ShellWorkspace
          }
        }
      }
      viewerAgencies {
        role
        agency {
          id
          publicId
          name
          clients {
            ...ShellWorkspace
          }
        }
      }
    }
  `,
  [ShellWorkspaceFields],
);

type ShellResult = ResultOf<typeof SHELL_QUERY>;
/** `chosenSlug`: the slug as set in the settings when `slug` had to be the UUID (app/(app)/_lib/load.ts disambiguateSlugs). */
export type ShellWorkspace = ResultOf<typeof ShellWorkspaceFields> & { chosenSlug?: string };
/** Agencies the person belongs to, each with the clients they work with (the switcher groups them). */
export type ShellAgency = ShellResult["viewerAgencies"][number];
export type ShellViewer = NonNullable<ShellResult["viewer"]> & { agencies: ShellAgency[] };
