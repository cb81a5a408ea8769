import { readCsvSample, stripUtf8Bom } from './input/csv-sample.reader.js';
import { RowEncodingPolicy } from './input/row-encoding.policy.js';
import { readRowsSample } from './input/rows-sample.reader.js';
import { readXmlSample } from './input/xml-sample.reader.js';
import { MESSAGES } from './mapping-messages.vi.js';
import type { MappedRow, MappingReferences, SourceRow } from './mapping-result.model.js';
import type { MappingSpec } from './mapping-spec.model.js';
import { RecordMapper } from './record-mapper.js';

export function readSampleRows(spec: MappingSpec, bytes: Uint8Array): SourceRow[] {
  switch (spec.input.format) {
    case 'csv':
      return readCsvSample(bytes, spec.input.delimiter);
    case 'xml':
      return readXmlSample(bytes, spec.input.recordPath ?? '');
    case 'rows':
      return readRowsSample(bytes);
  }
}

/** Maps a row with the encoding policy applied: an uncertain row comes back held for review. */
export function mapWithPolicy(mapper: RecordMapper, policy: RowEncodingPolicy, row: SourceRow): MappedRow {
  if (!row.rawBytes) return mapper.mapRow(row);
  const decided = policy.forRow(row);
  if (decided.kind === 'decided') return mapper.mapRow(row, decided.encoding);
  const recordId = mapper.asciiRecordIdOf(row);
  return {
    row: row.rowNumber,
    ...(recordId ? { recordId } : {}),
    issues: [
      {
        row: row.rowNumber,
        ...(recordId ? { recordId } : {}),
        field: '',
        code: 'MAPPING.ENCODING_REVIEW',
        message: MESSAGES.encodingReview(decided.encoding, decided.confidence),
      },
    ],
    needsReview: true,
  };
}

/** A whole sample in memory: the dry-run command and the golden fixtures. Throws only for an unreadable file. */
export function mapSample(spec: MappingSpec, references: MappingReferences, bytes: Uint8Array): MappedRow[] {
  const mapper = new RecordMapper(spec, references);
  const policy =
    spec.input.format === 'csv'
      ? RowEncodingPolicy.forFile(spec.input.encoding, stripUtf8Bom(bytes))
      : new RowEncodingPolicy('utf8');
  return readSampleRows(spec, bytes).map((row) => mapWithPolicy(mapper, policy, row));
}
