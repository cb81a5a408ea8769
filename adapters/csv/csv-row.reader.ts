import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import { DEFAULT_SAMPLE_BYTES, type DetectionResult } from '../../src/mapping/legacy-text/index.js';
import {
  csvParseOptions,
  detectDelimiter,
  firstLine,
} from '../../src/mapping/engine/input/csv-sample.reader.js';
import { RowEncodingPolicy } from '../../src/mapping/engine/input/row-encoding.policy.js';
import type { SourceRow } from '../../src/mapping/engine/mapping-result.model.js';
import type { MappingSpec } from '../../src/mapping/engine/mapping-spec.model.js';
import { CsvAdapterException } from './csv-adapter.exception.js';

/** One CSV record larger than this fails the file: the parser must not hold unbounded text. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** What the first bytes of a file tell: read once, before the rows stream. */
export interface CsvFileHead {
  readonly bom: boolean;
  readonly delimiter: string;
  readonly columns: string[];
  readonly policy: RowEncodingPolicy;
  /** The file's encoding as the job reports it. */
  readonly encoding: string;
  readonly confidence: number;
  readonly detection?: DetectionResult;
}

export type CsvRowItem =
  | { readonly kind: 'row'; readonly row: SourceRow }
  /** A record csv-parse skipped (a broken quote): reported, never mapped. */
  | { readonly kind: 'malformed'; readonly rowNumber: number; readonly line: number };

/**
 * The head of the file only (DEFAULT_SAMPLE_BYTES, 64 KB): delimiter, columns and, for a mapping that
 * says `encoding: auto`, the encoding scored on that sample. A file is never read whole to decide how
 * to read it; a sample too uncertain sends each row to be scored on its own (RowEncodingPolicy), and a
 * row still uncertain is held for review.
 */
export async function readCsvHead(path: string, spec: MappingSpec): Promise<CsvFileHead> {
  const sample = await readHead(path, DEFAULT_SAMPLE_BYTES);
  const bom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  const body = bom ? sample.subarray(3) : sample;
  const delimiter = spec.input.delimiter ?? detectDelimiter(firstLine(body));
  // A BOM is the surest sign there is: the file is UTF-8 (a corrected report, re-uploaded).
  const policy = bom ? new RowEncodingPolicy('utf8') : RowEncodingPolicy.forFile(spec.input.encoding, body);
  const detection = policy.fileDetection;
  return {
    bom,
    delimiter,
    columns: parseHeader(firstLine(body), delimiter),
    policy,
    encoding: bom ? 'utf8' : (detection?.encoding ?? spec.input.encoding),
    confidence: detection?.confidence ?? 1,
    ...(detection ? { detection } : {}),
  };
}

/**
 * The file's rows, streamed: csv-parse reads as the consumer asks (for await pulls, the file stream
 * pauses when the parser's buffer is full), so memory does not depend on the file's size. Values stay
 * strings of bytes (latin1) until the mapping decodes them. Row numbers count data rows, the header
 * not included; a skipped (malformed) record takes its number in the sequence.
 */
export async function* readCsvRows(path: string, head: CsvFileHead): AsyncGenerator<CsvRowItem> {
  // Skips are noted by csv-parse's callback, possibly ahead of the record being consumed; they are
  // yielded in order by the parser's own record count. Consumed ones are dropped at once.
  const skips: Array<{ before: number; line: number }> = [];
  let skipped = 0;
  const parser = parse({
    ...csvParseOptions(head.delimiter),
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
    on_skip: (err: CsvError | undefined) => {
      skips.push({ before: parser.info.records, line: typeof err?.lines === 'number' ? err.lines : 0 });
      return undefined;
    },
  });
  function* takeSkips(upTo: number): Generator<CsvRowItem> {
    while (skips.length > 0 && skips[0].before < upTo) {
      const skip = skips.shift() as { before: number; line: number };
      skipped++;
      yield { kind: 'malformed', rowNumber: skip.before + skipped, line: skip.line };
    }
  }
  const file = createReadStream(path, { start: head.bom ? 3 : 0 });
  file.on('error', (err) => parser.destroy(err)).pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { records: number };
    }>) {
      yield* takeSkips(item.info.records);
      yield {
        kind: 'row',
        row: { rowNumber: item.info.records + skipped, values: item.record, rawBytes: true },
      };
    }
    yield* takeSkips(Number.MAX_SAFE_INTEGER);
  } finally {
    // A consumer that stops early (a failed batch) must not leave the file open.
    file.destroy();
  }
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r').catch((cause: unknown) => {
    throw new CsvAdapterException('CSV.UNREADABLE', 'Không mở được tệp CSV.', 400, { cause });
  });
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    if (bytesRead === 0) throw new CsvAdapterException('CSV.UNREADABLE', 'Tệp CSV rỗng.');
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function parseHeader(line: string, delimiter: string): string[] {
  return line
    .replace(/\r$/, '')
    .split(delimiter)
    .map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}
