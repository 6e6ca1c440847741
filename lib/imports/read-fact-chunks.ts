import type { FactDraft } from "@/lib/csv/extract-facts";
import { extractFacts, type ExtractContext } from "@/lib/csv/extract-facts";
import type { ImportIssue } from "@/lib/csv/import-issue";
import { type CsvFormat, readCsvBatches } from "@/lib/csv/read-csv";

export interface FactChunk {
  /** 0-based chunk number: chunk k holds facts [k·size, (k+1)·size) of the file in file order. */
  chunkNo: number;
  facts: FactDraft[];
  /** Problems in the records that gave this chunk's facts. */
  issues: ImportIssue[];
}

/**
 * Streams a file's facts in chunks of `chunkSize` (the header is skipped). The split depends
 * only on the file and the mapping, so a resumed job sees the very same chunk numbers.
 * `onRecord` sees every data record (row counts for progress).
 */
export async function* readFactChunks(
  path: string,
  format: CsvFormat,
  ctx: ExtractContext,
  options: { chunkSize: number; signal?: AbortSignal; onRecord?(row: number): void },
): AsyncGenerator<FactChunk> {
  let chunkNo = 0;
  let facts: FactDraft[] = [];
  let issues: ImportIssue[] = [];
  let header = true;
  for await (const batch of readCsvBatches(path, format, { signal: options.signal })) {
    for (const record of batch) {
      if (header) {
        header = false;
        continue;
      }
      options.onRecord?.(record.row);
      extractFacts(ctx, record.cells, record.row, facts, issues);
      while (facts.length >= options.chunkSize) {
        const rest = facts.length > options.chunkSize ? facts.slice(options.chunkSize) : [];
        facts.length = options.chunkSize;
        yield { chunkNo: chunkNo++, facts, issues };
        facts = rest;
        issues = [];
      }
    }
  }
  if (facts.length > 0 || issues.length > 0) yield { chunkNo: chunkNo++, facts, issues };
}
