import { expect, type Page } from "@playwright/test";

export class LandingPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** The ru/en switch in the header (sets the tl.locale cookie and re-renders). */
  async switchLocale(locale: "en" | "ru") {
    const name = locale === "ru" ? "Русский" : "English";
    await this.page.getByRole("button", { name }).click();
    await expect(this.page.locator("html")).toHaveAttribute("lang", locale);
  }
}

export interface SignUpDetails {
  name: string;
  email: string;
  password: string;
  workspaceName: string;
  currency?: string;
  timeZone?: string;
  language?: "en" | "ru";
}

/** Labels per locale, so the same page object drives the ru and en forms. */
const SIGN_UP_LABELS = {
  en: {
    name: "Your name",
    email: "Work e-mail",
    password: "Password",
    workspace: "Company or workspace name",
    currency: "Reporting currency",
    timeZone: "Time zone",
    language: "Language",
    submit: "Create workspace",
    loadDemo: "Load demo data",
    demoLoaded: "Demo data loaded.",
  },
  ru: {
    name: "Ваше имя",
    email: "Рабочий e-mail",
    password: "Пароль",
    workspace: "Название компании или пространства",
    currency: "Валюта отчётов",
    timeZone: "Часовой пояс",
    language: "Язык",
    submit: "Создать пространство",
    loadDemo: "Загрузить демо-данные",
    demoLoaded: "Демо-данные загружены.",
  },
} as const;

export class SignUpPage {
  constructor(
    readonly page: Page,
    readonly locale: "en" | "ru" = "en",
  ) {}

  async goto() {
    await this.page.goto("/signup");
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** Fills and submits the form; resolves with the workspace slug once onboarding opens. */
  async signUp(details: SignUpDetails): Promise<string> {
    const l = SIGN_UP_LABELS[this.locale];
    const form = this.page.locator("form");
    await form.getByLabel(l.name, { exact: true }).fill(details.name);
    await form.getByLabel(l.email, { exact: true }).fill(details.email);
    await form.getByLabel(l.password, { exact: true }).fill(details.password);
    await form.getByLabel(l.workspace, { exact: true }).fill(details.workspaceName);
    if (details.currency) await form.getByLabel(l.currency, { exact: true }).selectOption(details.currency);
    if (details.timeZone) await form.getByLabel(l.timeZone, { exact: true }).selectOption(details.timeZone);
    if (details.language) await form.getByLabel(l.language, { exact: true }).selectOption(details.language);
    await form.getByRole("button", { name: l.submit }).click();
    await this.page.waitForURL(/\/w\/[a-z0-9-]+\/onboarding$/, { timeout: 45_000 });
    return new URL(this.page.url()).pathname.split("/")[2];
  }

  /** {@link signUp}, then "Load demo data" on the onboarding page; resolves once it is loaded. */
  async signUpWithDemo(details: SignUpDetails): Promise<string> {
    const slug = await this.signUp(details);
    const l = SIGN_UP_LABELS[this.locale];
    await this.page.getByRole("button", { name: l.loadDemo }).click();
    await expect(this.page.getByText(l.demoLoaded)).toBeVisible({ timeout: 120_000 });
    return slug;
  }
}

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
  }

  async logIn(email: string, password: string) {
    await this.page.getByLabel("E-mail", { exact: true }).fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Log in" }).click();
    await this.page.waitForURL(/\/w\//);
  }
}

export class InvitePage {
  constructor(readonly page: Page) {}

  async goto(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  state() {
    return this.page.getByTestId("invite-state");
  }

  /** A new person creates an account from the invite; resolves once the app opens. */
  async signUpWithInvite(name: string, password: string) {
    await this.page.getByLabel("Your name", { exact: true }).fill(name);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: /^Join / }).click();
    await this.page.waitForURL(/\/w\/[a-z0-9-]+\/(scorecards|sales|reports)/, { timeout: 45_000 });
  }
}
