import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import { AppShell } from "./pages/app";
import { checkPage, uniqueEmail } from "./pages/support";

/**
 * SPEC §2.3 for every role: after login a member lands on their own page, and the pages their
 * role may not open answer "not found or no access". The team is set up through the public
 * GraphQL API (signUp, createInvite, signUpWithInvite), exactly as a script of the owner's
 * would; each member then uses the browser.
 */
const PASSWORD = "role journey passphrase 2026";

interface RoleCase {
  role: string;
  landing: string;
  allowed: string[];
  forbidden: string[];
}

const ROLES: RoleCase[] = [
  { role: "ADMIN", landing: "/scorecards/company", allowed: ["/settings/api-keys", "/settings/audit"], forbidden: [] },
  {
    role: "CMO",
    landing: "/scorecards/cmo",
    allowed: ["/scorecards/performance", "/targets", "/sales"],
    forbidden: ["/settings/api-keys", "/settings/audit"],
  },
  {
    role: "PERFORMANCE",
    landing: "/scorecards/performance",
    allowed: ["/scorecards/company"],
    forbidden: ["/scorecards/smm", "/scorecards/cmo", "/settings/members", "/settings/api-keys"],
  },
  {
    role: "SMM",
    landing: "/scorecards/smm",
    allowed: ["/scorecards/company"],
    forbidden: ["/scorecards/content", "/settings/members"],
  },
  {
    role: "CONTENT",
    landing: "/scorecards/content",
    allowed: ["/scorecards/company"],
    forbidden: ["/scorecards/performance", "/settings/api-keys"],
  },
  {
    role: "SALES",
    landing: "/sales",
    allowed: ["/scorecards/company"],
    forbidden: ["/scorecards/performance", "/settings/members"],
  },
  {
    role: "CLIENT_VIEWER",
    landing: "/reports",
    allowed: [],
    forbidden: ["/scorecards/company", "/sales", "/settings/members"],
  },
];

async function graphql(request: APIRequestContext, query: string, variables: Record<string, unknown>) {
  const res = await request.post("/api/graphql", {
    data: { query, variables },
    headers: { "content-type": "application/json" },
  });
  const body = await res.json();
  expect(body.errors ?? [], query.slice(0, 60)).toEqual([]);
  return body.data;
}

async function member(browser: Browser, ownerApi: APIRequestContext, workspaceId: string, role: string) {
  const email = uniqueEmail(role.toLowerCase());
  const invite = await graphql(
    ownerApi,
    `
      mutation ($i: CreateInviteInput!) {
        createInvite(input: $i) {
          inviteUrl
        }
      }
    `,
    {
      i: { workspaceId, email, role },
    },
  );
  const token = String(invite.createInvite.inviteUrl).split("/invite/")[1];
  const context = await browser.newContext();
  await graphql(
    context.request,
    `
      mutation ($i: SignUpWithInviteInput!) {
        signUpWithInvite(input: $i) {
          user {
            id
          }
        }
      }
    `,
    {
      i: { token, name: `${role} member`, password: PASSWORD },
    },
  );
  return context;
}

test.describe("role landing pages and access", () => {
  test.setTimeout(240_000);

  test("each role lands on its own page and is refused the pages it may not open", async ({ browser }) => {
    const ownerContext = await browser.newContext();
    const signUp = await graphql(
      ownerContext.request,
      `
        mutation ($i: SignUpInput!) {
          signUp(input: $i) {
            workspace {
              id
              slug
            }
          }
        }
      `,
      {
        i: {
          email: uniqueEmail("owner"),
          password: PASSWORD,
          name: "Role Owner",
          workspaceName: "Roles Co",
          locale: "en",
        },
      },
    );
    const { id: workspaceId, slug } = signUp.signUp.workspace;

    const ownerPage = await ownerContext.newPage();
    // A new workspace opens on its first-day checklist for the owner (issue 12).
    await ownerPage.goto(`/w/${slug}`);
    await ownerPage.waitForURL(new RegExp(`/w/${slug}/onboarding$`));

    for (const c of ROLES) {
      const context = await member(browser, ownerContext.request, workspaceId, c.role);
      const page = await context.newPage();
      const shell = new AppShell(page, slug);
      await shell.open("");
      await page.waitForURL(new RegExp(`/w/${slug}${c.landing}$`));
      await expect(page.getByTestId("no-access")).toHaveCount(0);
      await checkPage(page, `30-landing-${c.role.toLowerCase()}`);
      for (const path of c.allowed) {
        await shell.open(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.getByTestId("no-access"), `${c.role} may open ${path}`).toHaveCount(0);
      }
      for (const path of c.forbidden) {
        await shell.open(path);
        await shell.expectNoAccess();
      }
      await context.close();
    }
    await ownerContext.close();
  });

  test("a member leaves a workspace from the account page (en); the last owner is refused (ru)", async ({
    browser,
  }) => {
    const ownerContext = await browser.newContext();
    const signUp = await graphql(
      ownerContext.request,
      `
        mutation ($i: SignUpInput!) {
          signUp(input: $i) {
            workspace {
              id
            }
          }
        }
      `,
      {
        i: {
          email: uniqueEmail("owner"),
          password: PASSWORD,
          name: "Client Owner",
          workspaceName: "Client Co",
          locale: "en",
        },
      },
    );
    const context = await member(browser, ownerContext.request, signUp.signUp.workspace.id, "CONTENT");
    const own = await graphql(
      context.request,
      `
        mutation ($i: CreateWorkspaceInput!) {
          createWorkspace(input: $i) {
            workspace {
              slug
            }
          }
        }
      `,
      {
        i: { name: "Own Studio" },
      },
    );
    const page = await context.newPage();
    await page.goto("/account");
    const rows = page.getByTestId("account-workspace-row");
    await expect(rows).toHaveCount(2);
    await checkPage(page, "31-account-workspaces-en");

    await rows.filter({ hasText: "Client Co" }).getByRole("button", { name: "Leave workspace" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Leave Client Co?");
    await dialog.getByRole("button", { name: "Leave workspace" }).click();
    // Off to /w, which opens the only workspace left.
    await page.waitForURL(new RegExp(`/w/${own.createWorkspace.workspace.slug}(/|$)`));
    await page.goto("/account");
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("Own Studio");

    // The only owner of "Own Studio" cannot leave it: the refusal is shown, in Russian.
    await context.addCookies([{ name: "tl.locale", value: "ru", url: new URL(page.url()).origin }]);
    await page.goto("/account");
    await rows.getByRole("button", { name: "Покинуть пространство" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Покинуть пространство" }).click();
    await expect(rows.getByRole("alert")).toHaveText(
      "Вы единственный владелец. Назначьте владельцем другого участника, прежде чем уйти.",
    );
    await expect(page).toHaveURL(/\/account$/);
    await expect(rows).toHaveCount(1);
    await checkPage(page, "32-account-last-owner-ru");
    await context.close();
    await ownerContext.close();
  });
});
