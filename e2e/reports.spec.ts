import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SignUpPage } from "./pages/marketing";
import { SCREENSHOT_DIR, checkPage, saveScreenshot, uniqueEmail } from "./pages/support";

const PASSWORD = "copper-meadow-signal-58";
/** A real 1×1 PNG (the logo is checked by content on the server and drawn into the PDF). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const L = {
  en: {
    brandingTitle: "Report branding",
    name: "Name shown on reports",
    color: "Primary colour",
    logo: /^Logo/,
    saveBranding: "Save branding",
    brandingSaved: "Branding saved",
    newReport: "New report",
    title: "Title",
    cmo: "CMO scorecard",
    commentary: "Commentary for the whole report",
    save: "Save version",
    publish: "Publish",
    published: "Published",
    createLink: "Create share link",
    pageUrl: "share-url",
    pdfUrl: "share-pdf-url",
    company: "Company scorecard",
    reportTitle: "Board report, December",
    brand: "Acme Board Pack",
    colorError: /1\.22:1/,
  },
  ru: {
    brandingTitle: "Оформление отчётов",
    name: "Название в отчётах",
    color: "Основной цвет",
    logo: /^Логотип/,
    saveBranding: "Сохранить оформление",
    brandingSaved: "Оформление сохранено",
    newReport: "Новый отчёт",
    title: "Название",
    cmo: "Скоркарта CMO",
    commentary: "Комментарий ко всему отчёту",
    save: "Сохранить версию",
    publish: "Опубликовать",
    published: "Опубликован",
    createLink: "Создать ссылку",
    pageUrl: "share-url",
    pdfUrl: "share-pdf-url",
    company: "Скоркарта компании",
    reportTitle: "Отчёт совету директоров",
    brand: "Альфа Консалтинг",
    colorError: /1[.,]22:1/,
  },
} as const;

for (const locale of ["en", "ru"] as const) {
  test(`compose, brand, publish and share a report; the link opens in a fresh context and its PDF downloads (${locale})`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const l = L[locale];
    const context = await browser.newContext({ locale: locale === "ru" ? "ru-RU" : "en-US" });
    const page = await context.newPage();
    const signUp = new SignUpPage(page, locale);
    await signUp.goto();
    const slug = await signUp.signUpWithDemo({
      name: "Rita Reports",
      email: uniqueEmail(`reports-${locale}`),
      password: PASSWORD,
      workspaceName: `Reports ${locale} ${Date.now().toString(36)}`,
      currency: "RUB",
      timeZone: "Europe/Moscow",
      language: locale,
    });

    // --- Brand: a pale colour is refused (contrast), a dark one with a PNG logo is saved.
    await page.goto(`/w/${slug}/reports/branding`);
    await expect(page.getByRole("heading", { name: l.brandingTitle, level: 1 })).toBeVisible();
    const brandingForm = page.getByRole("form", { name: l.brandingTitle });
    await brandingForm.getByLabel(l.name, { exact: true }).fill(l.brand);
    await brandingForm.locator("input[name=primaryColor]").fill("#ffeb3b");
    await brandingForm.getByRole("button", { name: l.saveBranding }).click();
    // The field's own error (the hint beside it also speaks of contrast): the measured ratio.
    await expect(brandingForm.locator("#branding-color-error")).toContainText(l.colorError);
    await brandingForm.locator("input[name=primaryColor]").fill("#0f766e");
    await brandingForm.getByLabel(l.logo).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
    await brandingForm.getByRole("button", { name: l.saveBranding }).click();
    await expect(brandingForm.getByText(l.brandingSaved)).toBeVisible();

    // --- Compose: company + CMO scorecards, commentary; save → the report page.
    await page.goto(`/w/${slug}/reports`);
    await page.getByRole("link", { name: l.newReport }).click();
    await page.getByLabel(l.title, { exact: true }).fill(l.reportTitle);
    await page.getByRole("checkbox", { name: l.cmo }).check();
    await page
      .getByLabel(l.commentary, { exact: true })
      .fill(locale === "ru" ? "Выручка выше плана, CAC снизился." : "Revenue ahead of plan, CAC down.");
    await page.getByRole("button", { name: l.save }).click();
    await page.waitForURL(new RegExp(`/w/${slug}/reports/[^/]+$`));
    await expect(page.getByRole("heading", { name: l.reportTitle, level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: l.company })).toBeVisible();

    // --- Publish, then make a share link (shown once).
    await page.getByRole("button", { name: l.publish }).click();
    await expect(page.getByText(l.published, { exact: true }).first()).toBeVisible();
    await page.getByRole("button", { name: l.createLink }).click();
    const url = await page.getByTestId(l.pageUrl).inputValue();
    const pdfUrl = await page.getByTestId(l.pdfUrl).inputValue();
    expect(url).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
    expect(pdfUrl).toBe(`${url}/pdf`);
    await saveScreenshot(page, `reports-01-report-page-${locale}`);

    // --- A fresh context (no session): the page reads, sets no cookie, says noindex / no-referrer.
    const outsider = await browser.newContext({ locale: locale === "ru" ? "ru-RU" : "en-US" });
    const view = await outsider.newPage();
    const response = await view.goto(url);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers["x-robots-tag"]).toContain("noindex");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["set-cookie"]).toBeUndefined();
    await expect(view.getByRole("heading", { name: l.reportTitle, level: 1 })).toBeVisible();
    await expect(view.getByText(l.brand).first()).toBeVisible();
    await expect(view.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    expect(await outsider.cookies()).toEqual([]);
    await checkPage(view, `reports-02-share-page-${locale}`);

    // --- Download the PDF from the shared page; keep a PNG of its first page.
    const [download] = await Promise.all([
      view.waitForEvent("download"),
      view.getByRole("link", { name: "PDF" }).click(),
    ]);
    const outDir = path.resolve("test-results", "reports");
    mkdirSync(outDir, { recursive: true });
    const pdfFile = path.join(outDir, `report-${locale}.pdf`);
    await download.saveAs(pdfFile);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" });
    expect(text).toContain(l.reportTitle);
    expect(text).toContain(l.brand);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "80",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      pdfFile,
      path.join(SCREENSHOT_DIR, `reports-03-pdf-page1-${locale}`),
    ]);

    // --- Unknown token: 404 on both URLs.
    const bogus = url.replace(/.{4}$/, "AAAA");
    expect((await outsider.request.get(bogus)).status()).toBe(404);
    expect((await outsider.request.get(`${bogus}/pdf`)).status()).toBe(404);
    await outsider.close();
    await context.close();
  });
}
