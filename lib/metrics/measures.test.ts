import { describe, expect, it } from "vitest";
import {
  BASE_MEASURE_KEYS,
  BASE_MEASURES,
  getBaseMeasure,
  isBaseMeasureKey,
  validateCustomMeasureKey,
} from "./measures";

describe("base measures (SPEC §4.1)", () => {
  it("has exactly the SPEC keys", () => {
    // Copied by hand from the SPEC §4.1 table, in order.
    expect(BASE_MEASURE_KEYS).toEqual([
      "spend",
      "sales_cost",
      "impressions",
      "reach",
      "clicks",
      "sessions",
      "bounces",
      "leads",
      "qualified_leads",
      "opportunities",
      "deals_won",
      "revenue",
      "pipeline_value",
      "customers_active",
      "customers_churned",
      "engagements",
      "followers",
      "posts_published",
      "content_published",
      "content_views",
      "email_sent",
      "email_opens",
      "email_clicks",
      "nps_promoters",
      "nps_passives",
      "nps_detractors",
      "branded_sessions",
    ]);
  });

  it("marks money measures and stocks as the SPEC table does", () => {
    const money = BASE_MEASURES.filter((m) => m.unit === "money").map((m) => m.key);
    expect(money.sort()).toEqual(["pipeline_value", "revenue", "sales_cost", "spend"]);
    expect(getBaseMeasure("customers_active")?.aggregation).toBe("stock_start");
    expect(getBaseMeasure("followers")?.aggregation).toBe("stock_end");
    const stocks = BASE_MEASURES.filter((m) => m.aggregation !== "flow").map((m) => m.key);
    expect(stocks.sort()).toEqual(["customers_active", "followers"]);
  });

  it("names every measure in Russian and English", () => {
    for (const m of BASE_MEASURES) {
      expect(m.name.en.length).toBeGreaterThan(0);
      expect(m.name.ru).toMatch(/[а-яё]/i);
    }
  });

  it("recognizes keys", () => {
    expect(isBaseMeasureKey("spend")).toBe(true);
    expect(isBaseMeasureKey("cac")).toBe(false);
    expect(getBaseMeasure("nope")).toBeUndefined();
  });
});

describe("validateCustomMeasureKey", () => {
  it("accepts snake_case keys", () => {
    for (const key of ["webinar_signups", "trials", "calls_2", "a1_b2"]) {
      expect(validateCustomMeasureKey(key)).toBeNull();
    }
  });

  it("rejects keys that are not snake_case", () => {
    for (const key of ["Webinar", "webinar-signups", "_x", "x_", "a__b", "1st", "x y", "лиды"]) {
      expect(validateCustomMeasureKey(key)?.code).toBe("NOT_SNAKE_CASE");
    }
  });

  it("rejects empty and overlong keys", () => {
    expect(validateCustomMeasureKey("")?.code).toBe("EMPTY");
    expect(validateCustomMeasureKey("a".repeat(65))?.code).toBe("TOO_LONG");
    expect(validateCustomMeasureKey("a".repeat(64))).toBeNull();
  });

  it("rejects clashes with catalog measures, catalog metrics, prev() and caller keys", () => {
    expect(validateCustomMeasureKey("spend")?.code).toBe("RESERVED");
    expect(validateCustomMeasureKey("cac")?.code).toBe("RESERVED");
    expect(validateCustomMeasureKey("follower_growth")?.code).toBe("RESERVED");
    expect(validateCustomMeasureKey("prev")?.code).toBe("RESERVED");
    expect(validateCustomMeasureKey("trials", ["trials"])?.code).toBe("RESERVED");
  });
});
