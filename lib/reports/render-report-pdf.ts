import "server-only";
import PDFDocument from "pdfkit";
import type { ReportDocument, ReportKpiCard, ReportSection } from "./build-report-document";
import { parsedPdfFonts } from "./pdf-fonts";

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const CONTENT_W = A4.width - 2 * MARGIN;
const STATUS_COLORS: Record<string, string> = {
  ON_TRACK: "#15803d",
  AT_RISK: "#b45309",
  OFF_TRACK: "#b91c1c",
  NO_DATA: "#4b5563",
  NO_TARGET: "#4b5563",
};
const TEXT = "#111827";
const MUTED = "#4b5563";

type Doc = InstanceType<typeof PDFDocument>;

/**
 * The report as an A4 PDF (pdfkit, no browser): a branded header band (logo, name, title,
 * period with its time zone), commentary, per section the KPI cards — figure, target,
 * attainment, status, a pacing bar and a sparkline drawn as vector paths — or the KPI tree,
 * then the funnel as vector bars, and "page x of y" on every page. Text is real text in an
 * embedded subset of DejaVu Sans (Cyrillic included), so it can be selected and extracted.
 */
export function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  const fonts = parsedPdfFonts();
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: doc.title, Author: doc.brand.name, Creator: "Throughline" },
    lang: doc.locale,
    displayTitle: true,
  });
  // pdfkit takes an already-parsed fontkit font as is (its types only list file sources).
  pdf.registerFont("body", fonts.regular as unknown as Buffer);
  pdf.registerFont("bold", fonts.bold as unknown as Buffer);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  header(pdf, doc);
  if (doc.commentary) paragraph(pdf, doc.t("doc.commentary"), doc.commentary);
  for (const section of doc.sections) renderSection(pdf, doc, section);
  if (doc.funnel.some((f) => f.value > 0)) funnel(pdf, doc);

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font("body").fontSize(8).fillColor(MUTED);
    pdf.text(doc.t("doc.page", { page: i + 1, pages: range.count }), MARGIN, A4.height - MARGIN, {
      width: CONTENT_W,
      align: "right",
      lineBreak: false,
    });
    pdf.text(doc.brand.name, MARGIN, A4.height - MARGIN, { width: CONTENT_W / 2, lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

function header(pdf: Doc, doc: ReportDocument): void {
  const bandH = 92;
  pdf.save().rect(0, 0, A4.width, bandH).fill(doc.brand.primaryColor).restore();
  let textX = MARGIN;
  const logo = doc.brand.logo;
  // pdfkit embeds PNG and JPEG; a WebP logo is shown on the web page, the PDF carries the name.
  if (logo && (logo.type === "image/png" || logo.type === "image/jpeg")) {
    try {
      pdf.image(Buffer.from(logo.bytes), MARGIN, 18, { fit: [56, 56] });
      textX = MARGIN + 68;
    } catch {
      // an image pdfkit cannot decode: the name alone
    }
  }
  pdf
    .fillColor("#ffffff")
    .font("bold")
    .fontSize(10)
    .text(doc.brand.name, textX, 20, { width: CONTENT_W - (textX - MARGIN) });
  pdf
    .font("bold")
    .fontSize(18)
    .text(doc.title, textX, 36, { width: CONTENT_W - (textX - MARGIN) });
  pdf
    .font("body")
    .fontSize(9)
    .text(`${doc.t("doc.period")}: ${doc.periodLabel} (${doc.t("doc.timeZone", { zone: doc.timeZone })})`, textX, 62, {
      width: CONTENT_W - (textX - MARGIN),
    });
  pdf
    .fillColor(MUTED)
    .fontSize(8)
    .text(doc.t("doc.generated", { date: doc.generatedAt }), MARGIN, bandH + 8, { width: CONTENT_W, align: "right" });
  pdf.y = bandH + 24;
  pdf.x = MARGIN;
}

function ensureSpace(pdf: Doc, height: number): void {
  if (pdf.y + height > A4.height - pdf.page.margins.bottom) {
    pdf.addPage();
    pdf.y = MARGIN;
  }
}

function paragraph(pdf: Doc, title: string, body: string): void {
  ensureSpace(pdf, 40);
  pdf.fillColor(TEXT).font("bold").fontSize(10).text(title, MARGIN, pdf.y, { width: CONTENT_W });
  pdf
    .font("body")
    .fontSize(10)
    .fillColor(TEXT)
    .text(body, MARGIN, pdf.y + 2, { width: CONTENT_W });
  pdf.moveDown(0.8);
}

function renderSection(pdf: Doc, doc: ReportDocument, section: ReportSection): void {
  ensureSpace(pdf, 60);
  const y = pdf.y + 4;
  pdf.save().rect(MARGIN, y, 4, 18).fill(doc.brand.primaryColor).restore();
  pdf
    .fillColor(TEXT)
    .font("bold")
    .fontSize(14)
    .text(section.title, MARGIN + 12, y + 1, { width: CONTENT_W - 12 });
  if (section.score)
    pdf
      .font("body")
      .fontSize(9)
      .fillColor(MUTED)
      .text(`${doc.t("doc.score")}: ${section.score}`, MARGIN + 12, pdf.y + 1);
  pdf.y += 6;
  if (section.commentary) paragraph(pdf, doc.t("doc.commentary"), section.commentary);
  if (section.key === "KPI_TREE" || section.key === "METRICS") return tree(pdf, doc, section);
  if (section.kpis.length === 0) {
    pdf.font("body").fontSize(10).fillColor(MUTED).text(doc.t("doc.noKpis"), MARGIN, pdf.y);
    pdf.moveDown();
    return;
  }
  const cardW = (CONTENT_W - 12) / 2;
  for (let i = 0; i < section.kpis.length; i += 2) {
    const rowH = Math.max(...section.kpis.slice(i, i + 2).map((k) => cardHeight(pdf, k, cardW)));
    ensureSpace(pdf, rowH + 10);
    const top = pdf.y;
    section.kpis.slice(i, i + 2).forEach((k, j) => kpiCard(pdf, doc, k, MARGIN + j * (cardW + 12), top, cardW, rowH));
    pdf.y = top + rowH + 10;
  }
  pdf.x = MARGIN;
}

const CARD_BASE_H = 112;

function cardHeight(pdf: Doc, k: ReportKpiCard, w: number): number {
  if (!k.commentary) return CARD_BASE_H;
  pdf.font("body").fontSize(8);
  return CARD_BASE_H + pdf.heightOfString(k.commentary, { width: w - 20 }) + 6;
}

function kpiCard(pdf: Doc, doc: ReportDocument, k: ReportKpiCard, x: number, y: number, w: number, h: number): void {
  const color = STATUS_COLORS[k.status] ?? MUTED;
  pdf.save().roundedRect(x, y, w, h, 6).lineWidth(0.8).strokeColor("#d1d5db").stroke().restore();
  pdf
    .save()
    .rect(x, y + 6, 3, h - 12)
    .fill(color)
    .restore();
  pdf
    .fillColor(TEXT)
    .font("bold")
    .fontSize(10)
    .text(k.name, x + 10, y + 8, { width: w - 100, height: 26, ellipsis: true });
  // Status chip: white text on the status colour.
  pdf.font("bold").fontSize(7);
  const chipW = pdf.widthOfString(k.statusLabel) + 10;
  pdf
    .save()
    .roundedRect(x + w - chipW - 8, y + 8, chipW, 13, 6)
    .fill(color)
    .restore();
  pdf.fillColor("#ffffff").text(k.statusLabel, x + w - chipW - 3, y + 11, { width: chipW, lineBreak: false });
  // The figure shrinks to fit its half of the card (long money amounts) instead of wrapping.
  let size = 16;
  pdf.font("bold").fontSize(size);
  while (size > 9 && pdf.widthOfString(k.actual) > w / 2 - 6) pdf.fontSize(--size);
  pdf.fillColor(TEXT).text(k.actual, x + 10, y + 32 + (16 - size) / 2, { width: w / 2, lineBreak: false });
  pdf.font("body").fontSize(8).fillColor(MUTED);
  pdf.text(`${doc.t("doc.target")}: ${k.target}`, x + 10, y + 54, { width: w / 2 - 10, lineBreak: false });
  pdf.text(`${doc.t("doc.attainment")}: ${k.attainment}`, x + 10, y + 65, { width: w / 2 - 10, lineBreak: false });
  pdf.text(`${doc.t("doc.forecast")}: ${k.forecast}`, x + 10, y + 76, { width: w / 2 - 10, lineBreak: false });
  // Pacing bar: actual against expected-to-date (the tick at 100 %).
  const barX = x + 10;
  const barY = y + 92;
  const barW = w - 20;
  pdf.save().rect(barX, barY, barW, 5).fill("#e5e7eb").restore();
  if (k.pace !== null) {
    pdf
      .save()
      .rect(barX, barY, (barW / 2) * k.pace, 5)
      .fill(color)
      .restore();
    pdf
      .save()
      .moveTo(barX + barW / 2, barY - 2)
      .lineTo(barX + barW / 2, barY + 7)
      .lineWidth(1)
      .strokeColor(TEXT)
      .stroke()
      .restore();
  }
  pdf
    .font("body")
    .fontSize(7)
    .fillColor(MUTED)
    .text(`${doc.t("doc.expected")}: ${k.expectedToDate}`, barX, barY + 8, { width: barW, lineBreak: false });
  sparkline(pdf, k.series, x + w / 2 + 4, y + 34, w / 2 - 14, 40, doc.brand.primaryColor);
  if (k.commentary)
    pdf
      .font("body")
      .fontSize(8)
      .fillColor(TEXT)
      .text(k.commentary, x + 10, y + CARD_BASE_H - 2, { width: w - 20 });
}

function sparkline(
  pdf: Doc,
  series: readonly number[],
  x: number,
  y: number,
  w: number,
  h: number,
  color: string,
): void {
  if (series.length < 2) return;
  const min = Math.min(...series);
  const max = Math.max(...series);
  const span = max - min || 1;
  pdf.save().lineWidth(1.2).strokeColor(color);
  series.forEach((v, i) => {
    const px = x + (i / (series.length - 1)) * w;
    const py = y + h - ((v - min) / span) * h;
    if (i === 0) pdf.moveTo(px, py);
    else pdf.lineTo(px, py);
  });
  pdf.stroke().restore();
}

function tree(pdf: Doc, doc: ReportDocument, section: ReportSection): void {
  pdf.font("bold").fontSize(8).fillColor(MUTED);
  const cols = [MARGIN, MARGIN + 250, MARGIN + 340, MARGIN + 430];
  const headerY = pdf.y;
  pdf
    .text(doc.t("doc.kpi"), cols[0], headerY)
    .text(doc.t("doc.actual"), cols[1], headerY)
    .text(doc.t("doc.target"), cols[2], headerY)
    .text(doc.t("doc.status"), cols[3], headerY);
  pdf.y = headerY + 14;
  for (const row of section.tree) {
    ensureSpace(pdf, 14);
    const y = pdf.y;
    pdf
      .font(row.depth === 0 ? "bold" : "body")
      .fontSize(9)
      .fillColor(TEXT);
    pdf.text(row.name, cols[0] + row.depth * 12, y, { width: 240 - row.depth * 12, lineBreak: false, ellipsis: true });
    pdf.font("body").text(row.actual, cols[1], y, { width: 85, lineBreak: false });
    pdf.text(row.target, cols[2], y, { width: 85, lineBreak: false });
    pdf
      .fillColor(row.status ? (STATUS_COLORS[row.status] ?? MUTED) : MUTED)
      .text(row.statusLabel, cols[3], y, { width: 100, lineBreak: false });
    pdf.y = y + 14;
  }
  pdf.moveDown();
  pdf.x = MARGIN;
}

function funnel(pdf: Doc, doc: ReportDocument): void {
  ensureSpace(pdf, 40 + doc.funnel.length * 24);
  const y0 = pdf.y + 4;
  pdf.save().rect(MARGIN, y0, 4, 18).fill(doc.brand.primaryColor).restore();
  pdf
    .fillColor(TEXT)
    .font("bold")
    .fontSize(14)
    .text(doc.t("doc.funnel"), MARGIN + 12, y0 + 1);
  let y = pdf.y + 8;
  const max = Math.max(...doc.funnel.map((f) => f.value), 1);
  const barMaxW = CONTENT_W - 170;
  for (const step of doc.funnel) {
    // Log scale keeps every step visible (impressions are thousands of times the deals).
    const share = step.value > 0 ? Math.max(0.04, Math.log10(step.value + 1) / Math.log10(max + 1)) : 0;
    const w = barMaxW * share;
    const cx = MARGIN + 170 + barMaxW / 2;
    pdf
      .save()
      .rect(cx - w / 2, y, w, 18)
      .fill(doc.brand.primaryColor)
      .restore();
    pdf
      .fillColor(TEXT)
      .font("body")
      .fontSize(9)
      .text(step.label, MARGIN, y + 4, { width: 110, lineBreak: false });
    pdf.font("bold").text(step.display, MARGIN + 110, y + 4, { width: 56, align: "right", lineBreak: false });
    y += 24;
  }
  pdf.y = y + 6;
  pdf.x = MARGIN;
}
