/** Field delimiters CSV exports use (SPEC §7): comma, semicolon (Russian Excel) and tab. */
export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Detects the delimiter from the first lines of a file: the candidate that splits the header
 * into the most fields and every sample line into the same number of fields wins. Quoted
 * sections are skipped ("1,5" inside quotes is not a split). Ties prefer ";" over "," (a
 * Russian number "1,5" unquoted in a ";" file must not make it a "," file), then tab.
 */
export function detectDelimiter(text: string, maxLines = 20): Delimiter {
  const lines = splitLines(text)
    .slice(0, maxLines)
    .filter((l) => l.trim() !== "");
  if (lines.length === 0) return ",";
  let best: { delimiter: Delimiter; score: number } = { delimiter: ",", score: -1 };
  for (const delimiter of [";", ",", "\t"] as const) {
    const counts = lines.map((l) => countOutsideQuotes(l, delimiter));
    const header = counts[0];
    if (header === 0) continue;
    const consistent = counts.filter((c) => c === header).length / counts.length;
    // Consistency first, then the number of columns.
    const score = consistent * 1000 + header;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function splitLines(text: string): string[] {
  // The last line of a sample may be cut: drop it unless it is the only one.
  const lines = text.split(/\r\n|\n|\r/);
  return lines.length > 1 && !/[\r\n]$/.test(text) ? lines.slice(0, -1) : lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) n++;
  }
  return n;
}
