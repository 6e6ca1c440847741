/** A PDF download: RFC 6266 filename (ASCII fallback + UTF-8 name for Cyrillic titles). */
export function pdfResponse(pdf: Buffer, title: string, headers: Record<string, string> = {}): Response {
  const ascii =
    title
      .replace(/[^\x20-\x7e]+/g, "")
      .replace(/["\\]/g, "")
      .trim() || "report";
  const body = new Uint8Array(pdf);
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-length": String(body.byteLength),
      "content-disposition": `attachment; filename="${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(title)}.pdf`,
      ...headers,
    },
  });
}
