import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * DejaVu Sans (regular and bold) from the `dejavu-fonts-ttf` npm package: full Cyrillic, read
 * once per process and embedded (subset) in every PDF, so the server never needs a system
 * font or a browser.
 */
let cached: { regular: Buffer; bold: Buffer } | undefined;

function fontDir(): string {
  const fromCwd = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  if (existsSync(fromCwd)) return fromCwd;
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
}

export function pdfFonts(): { regular: Buffer; bold: Buffer } {
  if (!cached) {
    const dir = fontDir();
    cached = { regular: readFileSync(path.join(dir, "DejaVuSans.ttf")), bold: readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")) };
  }
  return cached;
}
