/**
 * Logo uploads for report branding, checked by their bytes (never by the name or the declared
 * type). PNG, JPEG and WebP are accepted up to {@link MAX_LOGO_BYTES}; SVG is refused — it is
 * a document that can carry script and external references, and a sanitiser that keeps up
 * with every browser's SVG quirks is more risk than a company logo is worth. Pure.
 */
export const MAX_LOGO_BYTES = 512 * 1024;

export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

export type LogoProblem = "EMPTY" | "TOO_LARGE" | "SVG" | "NOT_AN_IMAGE";

export type LogoCheck = { ok: true; type: LogoType } | { ok: false; problem: LogoProblem };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type the bytes are, or null. */
export function sniffImageType(bytes: Uint8Array): LogoType | null {
  // PNG: signature, then the IHDR chunk must come first.
  if (startsWith(bytes, PNG) && startsWith(bytes, ascii("IHDR"), 12)) return "image/png";
  // JPEG: SOI marker followed by another marker.
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  // WebP: RIFF <size> WEBP VP8(L/X).
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8) && startsWith(bytes, ascii("VP8"), 12))
    return "image/webp";
  return null;
}

/** Whether the text of the file looks like SVG/XML (with or without a BOM or leading blanks). */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith("<?xml") || head.startsWith("<svg") || head.startsWith("<!doctype svg") || /<svg[\s>]/.test(head)
  );
}

export function checkLogo(bytes: Uint8Array, maxBytes = MAX_LOGO_BYTES): LogoCheck {
  if (bytes.length === 0) return { ok: false, problem: "EMPTY" };
  if (bytes.length > maxBytes) return { ok: false, problem: "TOO_LARGE" };
  const type = sniffImageType(bytes);
  if (type) return { ok: true, type };
  return { ok: false, problem: looksLikeSvg(bytes) ? "SVG" : "NOT_AN_IMAGE" };
}
