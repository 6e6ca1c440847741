import { describe, expect, it } from "vitest";
import { BASE_MEASURES } from "@/lib/metrics/measures";
import { normalizeHeader, resolveMapping } from "./import-mapping";
import { closestMeasure, suggestMapping, suggestMeasure, suggestTarget } from "./suggest-mapping";

describe("header mapping suggestions", () => {
  it("maps Russian and English headers (case, units, punctuation ignored)", () => {
    const cases: [string, string][] = [
      ["Дата", "date"],
      ["Date", "date"],
      ["Канал", "channel"],
      ["Channel", "channel"],
      ["Кампания", "campaign"],
      ["Campaign", "campaign"],
      ["Расход", "spend"],
      ["Spend", "spend"],
      ["Cost", "spend"],
      ["Расход, ₽", "spend"],
      ["расход (руб.)", "spend"],
      ["Показы", "impressions"],
      ["Impressions", "impressions"],
      ["Клики", "clicks"],
      ["Clicks", "clicks"],
      ["Лиды", "leads"],
      ["Leads", "leads"],
      ["Сделки", "deals_won"],
      ["Deals", "deals_won"],
      ["Выручка", "revenue"],
      ["Revenue", "revenue"],
      ["Охват", "reach"],
      ["Подписчики", "followers"],
      ["ЁМКОСТЬ", ""],
    ];
    for (const [header, target] of cases) expect(suggestTarget(header) ?? "", header).toBe(target);
  });

  it("covers every base measure by its key and its Russian and English names", () => {
    for (const m of BASE_MEASURES) {
      expect(suggestTarget(m.key)).toBe(m.key);
      expect(suggestTarget(m.name.ru)).toBe(m.key);
      expect(suggestTarget(m.name.en)).toBe(m.key);
    }
  });

  it("suggests a wide mapping; unknown columns are ignored", () => {
    expect(suggestMapping(["Дата", "Канал", "Расход", "Комментарий"]).columns).toEqual([
      { index: 0, target: "date" },
      { index: 1, target: "channel" },
      { index: 2, target: "spend" },
      { index: 3, target: "ignore" },
    ]);
  });

  it("recognises the long layout", () => {
    const m = suggestMapping(["date", "channel", "campaign", "measure", "value"]);
    expect(m.columns.map((c) => c.target)).toEqual(["date", "channel", "campaign", "measure", "value"]);
    expect(resolveMapping(m, 5, (k) => BASE_MEASURES.some((b) => b.key === k))).toMatchObject({
      ok: true,
      mapping: { layout: "long" },
    });
  });

  it("offers a measure for unknown names", () => {
    expect(suggestMeasure("Выручка")).toBe("revenue");
    expect(closestMeasure("Клкии")).toBe("clicks");
    expect(closestMeasure("совсем другое")).toBeNull();
  });

  it("refuses incomplete or contradictory mappings, naming the column", () => {
    const isKey = (k: string) => k === "spend";
    expect(
      resolveMapping({ columns: [{ index: 0, target: "spend" }], measureAliases: [], defaultChannel: null }, 1, isKey),
    ).toMatchObject({ ok: false });
    const dup = resolveMapping(
      {
        columns: [
          { index: 0, target: "date" },
          { index: 1, target: "date" },
          { index: 2, target: "spend" },
        ],
        measureAliases: [],
        defaultChannel: "vk",
      },
      3,
      isKey,
    );
    expect(dup).toMatchObject({ ok: false, problems: [{ column: 1 }] });
    expect(
      resolveMapping(
        {
          columns: [
            { index: 0, target: "date" },
            { index: 1, target: "nope" },
          ],
          measureAliases: [],
          defaultChannel: "vk",
        },
        2,
        isKey,
      ),
    ).toMatchObject({ ok: false });
  });

  it("normalises headers", () => {
    expect(normalizeHeader("  Расход, ₽ ")).toBe("расход");
    expect(normalizeHeader("Cost (USD)")).toBe("cost");
    expect(normalizeHeader("Qualified_leads")).toBe("qualified leads");
  });
});
