import { expect, type Page } from "@playwright/test";

/** The signed-in app: shell, scorecards, settings pages. */
export class AppShell {
  constructor(
    readonly page: Page,
    readonly slug: string,
  ) {}

  async open(path: string) {
    await this.page.goto(`/w/${this.slug}${path}`);
  }

  primaryNav() {
    return this.page.getByRole("navigation", { name: /^(Workspace|Пространство)$/ });
  }

  /** The 404-style page shown for a missing page and for one the role may not open. */
  async expectNoAccess() {
    await expect(this.page.getByTestId("no-access")).toBeVisible();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(
      /Not found or no access|Страница не найдена или нет доступа/,
    );
  }
}

export class MembersPage {
  constructor(
    readonly page: Page,
    readonly slug: string,
  ) {}

  async goto() {
    await this.page.goto(`/w/${this.slug}/settings/members`);
    await expect(this.page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  }

  /** Invites someone and returns the invite link the page shows. */
  async invite(email: string, roleLabel: string): Promise<string> {
    await this.page.getByLabel("E-mail", { exact: true }).fill(email);
    await this.page.getByLabel("Role", { exact: true }).selectOption({ label: roleLabel });
    await this.page.getByRole("button", { name: "Send invitation" }).click();
    const link = this.page.getByTestId("invite-link");
    await expect(link).toBeVisible();
    return link.inputValue();
  }
}

export class ApiKeysPage {
  constructor(
    readonly page: Page,
    readonly slug: string,
  ) {}

  async goto() {
    await this.page.goto(`/w/${this.slug}/settings/api-keys`);
    await expect(this.page.getByRole("heading", { name: "Create a key" })).toBeVisible();
  }

  /** Creates a key and returns the secret shown once. */
  async create(name: string, scopes: string[]): Promise<string> {
    await this.page.getByLabel("Name", { exact: true }).fill(name);
    for (const scope of scopes) await this.page.getByLabel(scope).check();
    await this.page.getByRole("button", { name: "Create key" }).click();
    const secret = this.page.getByTestId("api-key-secret");
    await expect(secret).toBeVisible();
    return secret.inputValue();
  }
}
