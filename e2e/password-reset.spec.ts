import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type ReceivedMail, mailText, startSmtpInbox } from "../test/integration/smtp-inbox";
import { SignUpPage } from "./pages/marketing";
import { uniqueEmail } from "./pages/support";

/**
 * Password reset in a browser, in Russian (issue 16): "Забыли пароль?" on the login page → the
 * e-mail, received by a real SMTP server this spec starts → the link → a new password → signing
 * in with it; the session that was open before the reset no longer works.
 *
 * The app reads its SMTP settings from the environment at start, so this spec starts its own
 * instance of the server `npm start` runs (scripts/server.mjs, on the build the runner made, on a
 * fresh embedded database) with SMTP_URL pointing at the inbox.
 */
const OLD_PASSWORD = "amber-violin-quarry-48";
const NEW_PASSWORD = "granite-meadow-falcon-93";

let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
let server: ChildProcess;
let baseUrl: string;
let dataDir: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(360_000);
  inbox = await startSmtpInbox();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "tl-e2e-reset-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    PGLITE_DATA_DIR: path.join(dataDir, "pglite"),
    APP_URL: baseUrl,
    NEXTAUTH_URL: baseUrl,
    SMTP_URL: inbox.url,
    SIGNUP_LIMIT_PER_HOUR: "100000",
    SEED_DEMO: "0",
  };
  delete env.DATABASE_URL;
  server = spawn(process.execPath, ["scripts/server.mjs", "--hostname", "127.0.0.1"], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`the app exited with ${server.exitCode}`);
    const up = await fetch(`${baseUrl}/api/graphql?query=%7B__typename%7D`, {
      headers: { "apollo-require-preflight": "1" },
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the app did not come up in 300 s");
});

test.afterAll(async () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await inbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("забытый пароль: письмо, ссылка, новый пароль, вход с ним; старая сессия закрыта", async ({ browser }) => {
  test.setTimeout(300_000);
  const email = uniqueEmail("reset");
  const ru = [{ name: "tl.locale", value: "ru", url: baseUrl }];

  // A person signs up in Russian: this browser holds the session that the reset must end.
  const before = await browser.newContext({ baseURL: baseUrl });
  await before.addCookies(ru);
  const oldPage = await before.newPage();
  await new SignUpPage(oldPage, "ru").goto();
  await new SignUpPage(oldPage, "ru").signUp({
    name: "Вера Сброс",
    email,
    password: OLD_PASSWORD,
    workspaceName: `Сброс ${Date.now().toString(36)}`,
    language: "ru",
  });
  await oldPage.goto("/w");
  await expect(oldPage).toHaveURL(/\/w\//);

  // Another browser: the login page's "Забыли пароль?" → the request form.
  const context = await browser.newContext({ baseURL: baseUrl });
  await context.addCookies(ru);
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.getByRole("link", { name: "Забыли пароль?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Сброс пароля" })).toBeVisible();
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Отправить ссылку" }).click();
  await expect(page.getByText("Если аккаунт с таким адресом есть, письмо уже в пути.")).toBeVisible();

  // The e-mail, as the SMTP server received it: Russian, to this address, with a one-time link.
  const mail: ReceivedMail = await inbox.waitFor((m) => m.to.includes(email), 30_000);
  const text = mailText(mail);
  expect(text).toContain("Чтобы задать новый пароль, откройте ссылку");
  const link = new RegExp(`${baseUrl.replace(/[.:/]/g, "\\$&")}/reset-password/[A-Za-z0-9_-]+`).exec(text)?.[0];
  expect(link, "the reset link in the e-mail").toBeTruthy();

  // The link → a new password → "Войти" → signing in with the new password opens the workspace.
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Новый пароль" })).toBeVisible();
  await page.getByLabel("Новый пароль", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Повторите новый пароль", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Сохранить пароль" }).click();
  await expect(page.getByText("Пароль сохранён. Войдите с ним.")).toBeVisible();
  await page.getByRole("link", { name: "Войти", exact: true }).last().click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Пароль", { exact: true }).fill(NEW_PASSWORD);
  await page.locator("form").getByRole("button", { name: "Войти" }).click();
  await page.waitForURL(/\/w\/[^/]+/, { timeout: 45_000 });

  // The session opened before the reset is gone: the app sends that browser to the login page.
  await oldPage.goto("/w");
  await expect(oldPage).toHaveURL(/\/login/);

  // The link worked once: opening it again cannot set another password.
  const again = await context.newPage();
  await again.goto(link!);
  const form = again.getByLabel("Новый пароль", { exact: true });
  if (await form.isVisible()) {
    await form.fill("another-river-stone-17");
    await again.getByLabel("Повторите новый пароль", { exact: true }).fill("another-river-stone-17");
    await again.getByRole("button", { name: "Сохранить пароль" }).click();
    await expect(again.getByText("Пароль сохранён. Войдите с ним.")).toHaveCount(0);
  }
  await before.close();
  await context.close();
});
