// fontkit ships no types; pdfkit (which depends on it) takes the font object it returns.
declare module "fontkit" {
  /** Parses a font file (TTF/OTF/WOFF…). */
  export function create(
    buffer: Uint8Array,
    postscriptName?: string,
  ): { layout(text: string): unknown; postscriptName: string };
}
