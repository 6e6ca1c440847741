import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { describeAuditEvent, type DescribeContext } from "./describe-audit-event";

function context(locale: "ru" | "en"): DescribeContext {
  const messages = locale === "ru" ? ru : en;
  const t = createTranslator({ locale, messages, namespace: "auditLog" });
  const roles = createTranslator({ locale, messages, namespace: "roles" });
  return {
    t: (key, values) => t(key as "otherChange", values),
    has: (key) => t.has(key as "otherChange"),
    role: (role) => roles(role as "OWNER"),
    catalog: new Map([
      ["romi", { key: "romi", unit: "RATIO", nameEn: "ROMI", nameRu: "ROMI", direction: "HIGHER", class: "RESULT" }],
    ]),
    locale,
    currency: "RUB",
    timeZone: "Europe/Moscow",
  };
}

const targetChange = {
  action: "target.set",
  actorName: "Ольга",
  actorKind: "USER",
  targetId: "6ca0030e-6359-40c2-9abf-35e3adc5c902",
  data: {
    key: "company.romi",
    metricKey: "romi",
    channelScope: null,
    ownerRole: "COMPANY",
    period: { type: "month", from: "2026-11-01", to: "2026-11-30" },
    from: "0.1",
    to: "0.12",
  },
};

describe("describeAuditEvent", () => {
  it("reads a target change as a sentence with names and locale figures", () => {
    expect(describeAuditEvent(targetChange, context("en"))).toBe(
      "Ольга changed the ROMI target for November 2026 from 10% to 12%",
    );
    expect(describeAuditEvent(targetChange, context("ru"))).toBe(
      "Ольга: цель «ROMI» на ноябрь 2026 г. изменена с 10\u00a0% на 12\u00a0%",
    );
  });

  it("reads the details as the API returns them (JSON text)", () => {
    expect(describeAuditEvent({ ...targetChange, data: JSON.stringify(targetChange.data) }, context("en"))).toBe(
      "Ольга changed the ROMI target for November 2026 from 10% to 12%",
    );
  });

  it("names roles and people, never keys, ids or JSON", () => {
    const text = describeAuditEvent(
      {
        action: "member.roleChanged",
        actorName: "Nora",
        actorKind: "USER",
        targetId: null,
        data: { userId: "6ca0030e-6359-40c2-9abf-35e3adc5c902", email: "anna@example.com", from: "SMM", to: "CMO" },
      },
      context("ru"),
    );
    expect(text).toBe("Nora: роль anna@example.com изменена с «SMM» на «CMO»");
    const unknown = describeAuditEvent(
      { action: "something.new", actorName: null, actorKind: "API_KEY", targetId: null, data: { a: 1 } },
      context("en"),
    );
    expect(unknown).toBe("An API key made a change");
  });

  it("reads custom measure edits and archiving with the measure's name in the reader's language", () => {
    const say = (action: string, locale: "ru" | "en") =>
      describeAuditEvent(
        {
          action,
          actorName: "Olga",
          actorKind: "USER",
          targetId: null,
          data: { key: "calls", nameEn: "Calls", nameRu: "Звонки" },
        },
        context(locale),
      );
    expect(say("measure.updated", "en")).toBe("Olga changed the measure “Calls”");
    expect(say("measure.archived", "ru")).toBe("Olga: показатель «Звонки» перенесён в архив");
    expect(say("measure.unarchived", "en")).toBe("Olga restored the measure “Calls” from the archive");
    expect(say("measure.unarchived", "ru")).toBe("Olga: показатель «Звонки» возвращён из архива");
  });

  it("reads the entries of imports, batches, agencies, webhooks, currencies and the planner as sentences", () => {
    const say = (action: string, data: object, locale: "ru" | "en" = "en") =>
      describeAuditEvent({ action, actorName: "Olga", actorKind: "USER", targetId: null, data }, context(locale));
    expect(say("import.committed", { fileName: "costs.csv", source: "csv", inserted: 30, updated: 2 })).toBe(
      "Olga loaded the file “costs.csv”: 30 new facts, 2 changed",
    );
    expect(say("import.rolledBack", { fileName: "demo", source: "demo" }, "ru")).toBe("Olga: демо-данные удалены");
    expect(say("workspace.currencyChanged", { from: "RUB", to: "USD", rate: "0.0125" }, "ru")).toBe(
      "Olga: валюта отчётности изменена с RUB на USD по курсу 0,0125",
    );
    expect(
      say("agencyAccess.roleChanged", { agencyName: "Acme", previousRole: "ADMIN", role: "CLIENT_VIEWER" }),
    ).toMatch(/^Olga changed the role of the agency “Acme” from \S.* to \S/);
    expect(
      say("target.returnedToDerived", { kpiKey: "company.romi", periodFrom: "2026-11-01", periodTo: "2026-11-30" }),
    ).toBe("Olga returned the ROMI target for November 2026 to the derived value");
    expect(say("metricBatch.ingested", { rows: 10, inserted: 8, updated: 2 }, "ru")).toBe(
      "Olga: через API передан пакет из 10 строк: новых фактов 8, изменено 2",
    );
    for (const action of [
      "channelGroup.updated",
      "demo.loaded",
      "agencyAccess.granted",
      "agencyAccess.revoked",
      "agencyClient.created",
      "webhook.created",
      "webhook.updated",
      "webhook.deleted",
      "metricBatch.rolledBack",
      "apiKey.updated",
      "apiKey.rotated",
      "target.planApplied",
    ]) {
      for (const locale of ["en", "ru"] as const) {
        const sentence = say(
          action,
          {
            channel: "Google Ads",
            to: "paid",
            url: "https://hooks.example/x",
            name: "CRM",
            agencyName: "Acme",
            role: "ADMIN",
            rows: 3,
            targets: [],
            periodFrom: "2026-11-01",
            periodTo: "2026-11-30",
          },
          locale,
        );
        expect(sentence, `${action} (${locale})`).not.toBe(
          describeAuditEvent(
            { action: "unknown.action", actorName: "Olga", actorKind: "USER", targetId: null, data: {} },
            context(locale),
          ),
        );
        // No placeholder left and no action key ("webhook.created"); the webhook's own URL is the person's data.
        expect(sentence.replace("https://hooks.example/x", ""), `${action} (${locale})`).not.toMatch(
          /[{}]|\b[a-z]+\.[a-zA-Z]+\b/,
        );
      }
    }
  });
  it("reads report, share-link and schedule entries as sentences naming the report", () => {
    const say = (action: string, data: Record<string, unknown>, locale: "en" | "ru") =>
      describeAuditEvent(
        { action, actorName: "Ольга", actorKind: "USER", targetId: "6ca0030e-6359-40c2-9abf-35e3adc5c902", data },
        context(locale),
      );
    const title = "Отчёт совету";
    expect(say("report.created", { title, version: 1 }, "en")).toBe("Ольга created the report “Отчёт совету”");
    expect(say("report.updated", { title, version: 3 }, "ru")).toBe("Ольга: сохранена версия 3 отчёта «Отчёт совету»");
    expect(say("report.published", { title, version: 2 }, "en")).toBe(
      "Ольга published the report “Отчёт совету” (version 2)",
    );
    expect(say("report.unpublished", { title, version: 2 }, "ru")).toBe(
      "Ольга: отчёт «Отчёт совету» снят с публикации",
    );
    expect(say("report.deleted", { title, shareLinks: 1, schedules: 1 }, "ru")).toBe(
      "Ольга: удалён отчёт «Отчёт совету»",
    );
    expect(say("shareLink.created", { title, expiresAt: null }, "en")).toBe(
      "Ольга created a share link to the report “Отчёт совету”",
    );
    expect(say("shareLink.revoked", { title }, "ru")).toBe("Ольга: отозвана ссылка на отчёт «Отчёт совету»");
    expect(say("reportSchedule.created", { title, cadence: "MONTHLY" }, "en")).toBe(
      "Ольга scheduled the report “Отчёт совету” to be e-mailed every month",
    );
    expect(say("reportSchedule.deleted", { title, cadence: "WEEKLY" }, "ru")).toBe(
      "Ольга: остановлена рассылка отчёта «Отчёт совету» каждую неделю",
    );
    for (const action of ["report.created", "report.deleted", "shareLink.revoked", "reportSchedule.created"]) {
      for (const locale of ["en", "ru"] as const) {
        const text = say(action, { title, cadence: "PERIOD_CLOSE", version: 1 }, locale);
        expect(text).not.toMatch(/made a change|изменение$|\{|\}|[a-z]+\.[a-z]+/i);
      }
    }
  });
});
