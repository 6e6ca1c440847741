import { expect, test, type Page } from "@playwright/test";
import { MembersPage } from "./pages/app";
import { InvitePage, SignUpPage } from "./pages/marketing";
import { ScorecardPage } from "./pages/scorecard";
import { checkPage, uniqueEmail } from "./pages/support";

const PASSWORD = "amber-harbor-lantern-73";

async function signUpWithDemo(page: Page, label: string): Promise<string> {
  const signUp = new SignUpPage(page, "en");
  await signUp.goto();
  return signUp.signUpWithDemo({
    name: "Nora Owner",
    email: uniqueEmail(label),
    password: PASSWORD,
    workspaceName: `Journeys ${Date.now().toString(36)}`,
    currency: "RUB",
    timeZone: "Europe/Moscow",
    language: "en",
  });
}

/** The path of an invite link on the server under test (the link's host comes from APP_URL). */
const pathOf = (url: string) => new URL(url).pathname;

test.describe("notes, custom ranges, role changes and used invitations", () => {
  test("a KPI note is saved for its period; a custom range shows its own figures (en, then ru)", async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const slug = await signUpWithDemo(page, "notes");
    const scorecards = new ScorecardPage(page, slug);

    // --- A note on a KPI of the owner's own (company) scorecard: written in the card, kept
    // after a reload, shown for the same period only.
    await scorecards.goto("company");
    const card = scorecards.cards().first();
    const kpiKey = (await card.getAttribute("data-kpi"))!;
    const note = `Budget moved to search on the 10th (${Date.now().toString(36)})`;
    await card.getByRole("button", { name: /^(Add a note|Edit note): / }).click();
    await card.getByLabel(/^Note on /).fill(note);
    await card.getByRole("button", { name: "Save" }).click();
    await expect(scorecards.card(kpiKey)).toContainText(note);
    await page.reload();
    await expect(scorecards.card(kpiKey)).toContainText(note);
    await checkPage(page, "jr-01-scorecard-note-en");
    // The previous period has its own (empty) note.
    await page.getByTestId("period-picker").getByRole("link", { name: "Previous period", exact: true }).first().click();
    await expect(page).toHaveURL(/anchor=/);
    await expect(scorecards.card(kpiKey)).not.toContainText(note);

    // --- A custom range: the URL carries it, the cards show that range's figures.
    await scorecards.goto("company");
    const actualForMonth = (await scorecards.card(kpiKey).getByTestId("kpi-actual").textContent())!.trim();
    await page.getByLabel("Period", { exact: true }).selectOption("custom");
    const today = new Date();
    const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 14)).toISOString().slice(0, 10);
    await page.getByLabel("From", { exact: true }).fill(from);
    await page.getByLabel("To", { exact: true }).fill(to);
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(
      new RegExp(`period=custom.*from=${from}.*to=${to}|period=custom.*to=${to}.*from=${from}`),
    );
    await expect(scorecards.cards().first()).toBeVisible();
    await expect(scorecards.card(kpiKey).getByTestId("kpi-actual")).toHaveText(/\d/);
    // Six weeks of the demo's data are not the current month's figure.
    await expect(scorecards.card(kpiKey).getByTestId("kpi-actual")).not.toHaveText(actualForMonth);
    await checkPage(page, "jr-02-scorecard-custom-range-en");

    // --- The same in Russian: the note and the custom range survive the language switch.
    await page.goto(`/w/${slug}/scorecards/company?period=custom&from=${from}&to=${to}`);
    await page.getByRole("button", { name: "Русский" }).click();
    await expect(page.getByLabel("Период", { exact: true })).toHaveValue("custom");
    await expect(page.getByLabel("С", { exact: true })).toHaveValue(from);
    await scorecards.goto("company");
    await expect(scorecards.card(kpiKey)).toContainText(note);
    await expect(scorecards.card(kpiKey).getByRole("button", { name: /^Изменить комментарий: / })).toBeVisible();
    await checkPage(page, "jr-03-scorecard-note-ru");
    await context.close();
  });

  test("the owner changes a member's role: the member lands on the new role's scorecard; a used or revoked invitation says so", async ({
    browser,
  }) => {
    const ownerContext = await browser.newContext({ locale: "en-US" });
    const owner = await ownerContext.newPage();
    const slug = await signUpWithDemo(owner, "roles-owner");
    const members = new MembersPage(owner, slug);
    await members.goto();
    const email = uniqueEmail("roles-smm");
    const invitePath = pathOf(await members.invite(email, "SMM"));

    // --- The invitee joins as SMM and lands on the SMM scorecard.
    const memberContext = await browser.newContext({ locale: "en-US" });
    const member = await memberContext.newPage();
    const invite = new InvitePage(member);
    await invite.goto(invitePath);
    await invite.signUpWithInvite("Sam Social", PASSWORD);
    await expect(member).toHaveURL(new RegExp(`/w/${slug}/scorecards/smm`));

    // --- The link cannot be used twice.
    const stranger = await (await browser.newContext({ locale: "en-US" })).newPage();
    await new InvitePage(stranger).goto(invitePath);
    await expect(stranger.getByTestId("invite-state")).toHaveText("Already used");
    await expect(stranger.getByText("This invitation has already been used.")).toBeVisible();
    await checkPage(stranger, "jr-04-invite-used-en");
    // A made-up token is simply not valid.
    await stranger.goto("/invite/not-a-real-token-0123456789abcdef");
    await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("This invitation link is not valid");

    // --- The owner makes the SMM a performance marketer.
    await members.goto();
    await owner.getByLabel("Role of Sam Social", { exact: true }).selectOption({ label: "Performance marketer" });
    await owner
      .getByRole("row", { name: /Sam Social/ })
      .getByRole("button", { name: "Change role" })
      .click();
    await owner.reload();
    await expect(owner.getByLabel("Role of Sam Social", { exact: true })).toHaveValue("PERFORMANCE");

    // The member's next page load follows the new role: home is the performance scorecard,
    // and the SMM scorecard is no longer theirs to open.
    await member.goto(`/w/${slug}`);
    await expect(member).toHaveURL(new RegExp(`/w/${slug}/scorecards/performance`));
    await expect(member.getByTestId("kpi-card").first()).toBeVisible();
    await member.goto(`/w/${slug}/scorecards/smm`);
    await expect(member.getByTestId("no-access")).toBeVisible();

    // --- A revoked invitation tells the invitee to ask for a new one.
    await members.goto();
    const revokedEmail = uniqueEmail("roles-revoked");
    const revokedPath = pathOf(await members.invite(revokedEmail, "Content marketer"));
    await owner.reload();
    const row = owner.getByTestId("invite-row").filter({ hasText: revokedEmail });
    await row.getByRole("button", { name: "Revoke" }).click();
    const dialog = owner.getByRole("dialog");
    // Revoking always asks first (ConfirmMutationButton): a missing dialog is a failure, not a skip.
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await expect(row).toContainText("Revoked");
    await new InvitePage(stranger).goto(revokedPath);
    await expect(stranger.getByTestId("invite-state")).toHaveText("Revoked");
    await checkPage(stranger, "jr-05-invite-revoked-en");
    await ownerContext.close();
    await memberContext.close();
  });
});
