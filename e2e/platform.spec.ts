import { expect, test } from "@playwright/test";
import { ApiKeysPage, AppShell, MembersPage } from "./pages/app";
import { InvitePage, LandingPage, LoginPage, SignUpPage } from "./pages/marketing";
import { checkPage, expectNoHorizontalScroll, saveScreenshot, uniqueEmail } from "./pages/support";

const PASSWORD = "violet-harbour-morning-42";

test.describe("platform journey", () => {
  test("sign up (en) → invite an SMM → the SMM joins and sees only their own area", async ({ browser }) => {
    // --- The owner, in their own browser context.
    const ownerContext = await browser.newContext({ locale: "en-US" });
    const owner = await ownerContext.newPage();

    const landing = new LandingPage(owner);
    await landing.goto();
    await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Stop reporting activity. Show what pays back.");
    await checkPage(owner, "01-landing-en");

    const signUp = new SignUpPage(owner, "en");
    await signUp.goto();
    await checkPage(owner, "02-signup-en");
    const slug = await signUp.signUp({
      name: "Olga Owner",
      email: uniqueEmail("owner"),
      password: PASSWORD,
      workspaceName: `Acme ${Date.now().toString(36)}`,
      currency: "USD",
      timeZone: "Europe/Berlin",
      language: "en",
    });
    await expect(owner.getByRole("heading", { level: 1 })).toContainText("Your first day in Acme");
    await checkPage(owner, "03-onboarding-en");
    // The schema offers loadDemoData, so onboarding shows a working button (never a dead one).
    await owner.getByRole("button", { name: "Load demo data" }).click();
    await expect(owner.getByText("Demo data loaded.")).toBeVisible({ timeout: 60_000 });

    const shell = new AppShell(owner, slug);
    // The checklist stays the home until it is done: data ticked, the planner and the team not yet.
    await shell.open("");
    await owner.waitForURL(new RegExp(`/w/${slug}/onboarding$`));
    await expect(owner.locator("[data-step=step-data]")).toHaveAttribute("data-done", "true");
    await shell.open("/scorecards/company");
    await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Company scorecard");
    // With the demo data loaded, the company scorecard shows its KPI cards.
    await expect(owner.getByTestId("kpi-card").first()).toBeVisible();
    await expect(shell.primaryNav().getByRole("link", { name: "Settings" })).toBeVisible();
    await checkPage(owner, "04-scorecard-company-en");

    const members = new MembersPage(owner, slug);
    await members.goto();
    const smmEmail = uniqueEmail("smm");
    const inviteUrl = await members.invite(smmEmail, "SMM");
    expect(inviteUrl).toMatch(/^https?:\/\/[^/]+\/invite\/[A-Za-z0-9_-]+$/);
    // Follow the link's path on the server under test (the link's host comes from APP_URL,
    // which may name another host than E2E_BASE_URL, e.g. localhost vs 127.0.0.1).
    const invitePath = new URL(inviteUrl).pathname;
    await owner.reload();
    await expect(owner.getByTestId("invite-row").filter({ hasText: smmEmail })).toContainText("Pending");
    await checkPage(owner, "05-settings-members-en");
    // Responsive down to 375 px: the page itself never scrolls sideways (wide tables scroll in place).
    await owner.setViewportSize({ width: 375, height: 812 });
    await expectNoHorizontalScroll(owner);
    await saveScreenshot(owner, "05b-settings-members-375px");
    await shell.open("/scorecards/company");
    await expectNoHorizontalScroll(owner);
    await saveScreenshot(owner, "04b-scorecard-company-375px");
    await owner.setViewportSize({ width: 1280, height: 720 });

    await shell.open("/settings");
    await expect(owner.getByRole("heading", { name: "Workspace", exact: true })).toBeVisible();
    await checkPage(owner, "06-settings-general-en");

    const apiKeys = new ApiKeysPage(owner, slug);
    await apiKeys.goto();
    const secret = await apiKeys.create("CRM sync", ["Write metrics — push and import data"]);
    expect(secret.length).toBeGreaterThan(32);
    await expect(owner.getByText("This is the only time the secret is shown")).toBeVisible();
    await checkPage(owner, "07-settings-api-keys-en");
    // Shown once: after a reload only the prefix remains.
    await owner.reload();
    await expect(owner.getByTestId("api-key-secret")).toHaveCount(0);
    await expect(owner.getByTestId("api-key-row").filter({ hasText: "CRM sync" })).toBeVisible();

    await shell.open("/settings/audit");
    await expect(owner.getByTestId("audit-row").first()).toBeVisible();
    await checkPage(owner, "08-settings-audit-en");

    await owner.goto("/account");
    await expect(owner.getByRole("heading", { name: "Change password" })).toBeVisible();
    await checkPage(owner, "09-account-en");

    await owner.goto("/explorer");
    await owner.getByRole("button", { name: "Run" }).click();
    await expect(owner.getByTestId("explorer-result")).toContainText('"viewer"');
    await checkPage(owner, "10-explorer-en");
    await owner.getByRole("tab", { name: "Schema" }).click();
    await expect(owner.getByRole("tabpanel").getByText("type Query {")).toBeVisible();
    await owner.getByLabel("Filter types and fields").fill("SignUpInput");
    await checkPage(owner, "10b-explorer-schema-en");

    // --- The invited SMM, in a second browser context (no shared cookies).
    const smmContext = await browser.newContext({ locale: "en-US" });
    const smm = await smmContext.newPage();
    const invite = new InvitePage(smm);
    await invite.goto(invitePath);
    await expect(smm.getByRole("heading", { level: 1 })).toContainText("Invitation to Acme");
    await expect(invite.state()).toHaveText("Waiting for you");
    await checkPage(smm, "11-invite-en");
    await invite.signUpWithInvite("Sasha SMM", PASSWORD);

    await smm.waitForURL(new RegExp(`/w/${slug}/scorecards/smm$`));
    await expect(smm.getByRole("heading", { level: 1 })).toHaveText("SMM scorecard");
    const smmShell = new AppShell(smm, slug);
    await expect(smmShell.primaryNav().getByRole("link", { name: "Settings" })).toHaveCount(0);
    await expect(smmShell.primaryNav().getByRole("link", { name: "Team" })).toHaveCount(0);
    await checkPage(smm, "12-scorecard-smm-en");

    await smmShell.open("/settings/members");
    await smmShell.expectNoAccess();
    await checkPage(smm, "13-no-access-en");

    await smmShell.open("/scorecards/performance");
    await smmShell.expectNoAccess();

    // The company view is open to every member; admin pages are not.
    await smmShell.open("/settings/api-keys");
    await smmShell.expectNoAccess();

    // The invite is single-use: the owner now sees it accepted; the link no longer works.
    await members.goto();
    await expect(owner.getByTestId("member-row").filter({ hasText: smmEmail })).toContainText("SMM");
    const again = await smmContext.browser()!.newContext();
    const anon = await again.newPage();
    await anon.goto(invitePath);
    await expect(anon.getByTestId("invite-state")).toHaveText("Already used");

    // Log out from the user menu, log back in: the SMM lands on their own scorecard again.
    await smm.locator("summary", { hasText: "Sasha SMM" }).click();
    await smm.getByRole("button", { name: "Log out", exact: true }).click();
    await smm.waitForURL(/\/login$/);
    await checkPage(smm, "14-login-en");
    await new LoginPage(smm).logIn(smmEmail, PASSWORD);
    await smm.waitForURL(new RegExp(`/w/${slug}/scorecards/smm$`));
    await expect(smm).toHaveTitle(/SMM scorecard/);

    await again.close();
    await smmContext.close();
    await ownerContext.close();
  });

  test("sign up in Russian: the interface and formats are Russian", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();

    const landing = new LandingPage(page);
    await landing.goto();
    await landing.switchLocale("ru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Хватит отчитываться активностью. Покажите, что окупается.",
    );
    // Money in the ru format: NBSP group separators, comma, ₽ after the number.
    await expect(page.getByText("300\u00a0000\u00a0₽")).toBeVisible();
    await checkPage(page, "21-landing-ru");

    await page.getByRole("link", { name: "Регистрация" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Создайте пространство");
    await checkPage(page, "22-signup-ru");
    const slug = await new SignUpPage(page, "ru").signUp({
      name: "Ольга",
      email: uniqueEmail("ru-owner"),
      password: PASSWORD,
      workspaceName: `Ромашка ${Date.now().toString(36)}`,
      currency: "RUB",
      timeZone: "Europe/Moscow",
      language: "ru",
    });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Первый день в «Ромашка");
    await expect(page.getByRole("heading", { name: "1. Подтвердите валюту и календарь" })).toBeVisible();
    await checkPage(page, "23-onboarding-ru");

    // A new workspace's home is its first-day checklist until it is done or hidden.
    await page.goto(`/w/${slug}`);
    await page.waitForURL(new RegExp(`/w/${slug}/onboarding$`));
    await page.getByRole("button", { name: "Скрыть этот список" }).click();
    await page.waitForURL(new RegExp(`/w/${slug}/scorecards/company$`));
    await page.goto(`/w/${slug}`);
    await page.waitForURL(new RegExp(`/w/${slug}/scorecards/company$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Скоркарта компании");
    await expect(page.getByText("KPI появятся, когда придут данные")).toBeVisible();
    await expect(page.getByText("суммы в RUB")).toBeVisible();
    await checkPage(page, "24-scorecard-company-ru");

    await page.goto(`/w/${slug}/settings/members`);
    await expect(page.getByRole("heading", { name: "Пригласить участника" })).toBeVisible();
    await checkPage(page, "25-settings-members-ru");

    await context.close();
  });
});
