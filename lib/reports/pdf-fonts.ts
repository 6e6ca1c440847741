import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { create } from "fontkit";

/**
 * DejaVu Sans (regular and bold) from the `dejavu-fonts-ttf` npm package: full Cyrillic, read
 * and PARSED once per process, and embedded (subset) in every PDF, so the server never needs a
 * system font or a browser.
 *
 * pdfkit parses a font given as bytes on every document (fontkit.create over ~1.4 MB of TTF:
 * tables, cmap, glyph caches) and drops it at the end; at 100 reports that was the bulk of the
 * ~2.5 MB of garbage per render that let the heap, and RSS, climb by 160 MB before V8 collected.
 * Given an already-parsed fontkit font it uses that object as is: each document still makes its
 * own subset (`font.createSubset()` inside pdfkit's EmbeddedFont), and rendering is synchronous
 * from the first glyph to `end()`, so documents never interleave on the shared object.
 */
export type PdfFont = ReturnType<typeof create>;

let cached: { regular: Buffer; bold: Buffer } | undefined;
let parsed: { regular: PdfFont; bold: PdfFont } | undefined;

function fontDir(): string {
  const fromCwd = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  if (existsSync(fromCwd)) return fromCwd;
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
}

/** The font files' bytes. */
export function pdfFonts(): { regular: Buffer; bold: Buffer } {
  if (!cached) {
    const dir = fontDir();
    cached = {
      regular: readFileSync(path.join(dir, "DejaVuSans.ttf")),
      bold: readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")),
    };
  }
  return cached;
}

/** The fonts parsed once (fontkit), for `doc.registerFont`. */
export function parsedPdfFonts(): { regular: PdfFont; bold: PdfFont } {
  if (!parsed) {
    const { regular, bold } = pdfFonts();
    parsed = { regular: create(regular) as PdfFont, bold: create(bold) as PdfFont };
  }
  return parsed;
}
