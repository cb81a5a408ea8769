import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { createRecordGenerator, loadGeneratorReferenceData } from '../../test/generators/index.js';
import { SOAP_NAMESPACE } from '../../contracts/v1/soap/build-wsdl.js';
import { RecordXmlMapper } from './record-xml.mapper.js';
import { SafeXmlReader } from './safe-xml.reader.js';
import { recordToXml } from './record-xml.writer.js';

const mapper = new RecordXmlMapper();

function parse(xml: string) {
  const reader = new SafeXmlReader({ maxBytes: 1 << 20, maxDepth: 32, maxElements: 10_000 });
  reader.write(Buffer.from(xml, 'utf8'));
  return reader.close();
}

const wrap = (inner: string): string => `<record xmlns="${SOAP_NAMESPACE}">${inner}</record>`;

describe('RecordXmlMapper', () => {
  it('gives back the JSON record that was written as XML (arrays, numbers, booleans, dates)', () => {
    const record = exampleBirth() as unknown as Record<string, unknown>;
    record.historical = true;
    record.notes = ['Ghi chú một', 'Ghi chú hai <&>'];
    expect(mapper.toRecord(parse(recordToXml('record', record)))).toEqual(record);
  });

  it('is lossless for generated records of every event type (XML written in the XSD order, read back)', async () => {
    const generator = createRecordGenerator({
      referenceData: await loadGeneratorReferenceData(),
      seed: 'soap-xml-round-trip',
      sourceId: 'hn-soap',
      provinceCode: '01',
      eventMix: Object.fromEntries(Object.values(EventType).map((t) => [t, 1])),
    });
    const seen = new Set<string>();
    for (const { record } of generator.take(400)) {
      const json = JSON.parse(JSON.stringify(record)) as { eventType: string };
      seen.add(json.eventType);
      expect(mapper.toRecord(parse(recordToXml('record', json)))).toEqual(json);
    }
    expect([...seen].sort()).toEqual(Object.values(EventType).sort());
  });

  it('keeps a single party as a one-element array and xsd lexical forms as JSON types', () => {
    const json = mapper.toRecord(
      parse(
        wrap(
          '<eventType>BIRTH</eventType><historical>1</historical><birth><plurality> 2 </plurality></birth><parties><role>CHILD</role></parties>',
        ),
      ),
    );
    expect(json).toEqual({
      eventType: 'BIRTH',
      historical: true,
      birth: { plurality: 2 },
      parties: [{ role: 'CHILD' }],
    });
  });

  it('carries what does not fit over unchanged, for intake to refuse with its path', () => {
    const json = mapper.toRecord(
      parse(
        wrap(
          `<eventType>BIRTH</eventType><eventType>DEATH</eventType><bogus>x</bogus><birth><plurality>hai</plurality></birth><x:extra xmlns:x="urn:other">1</x:extra>`,
        ),
      ),
    );
    expect(json).toEqual({
      eventType: ['BIRTH', 'DEATH'],
      bogus: 'x',
      birth: { plurality: 'hai' },
      '{urn:other}extra': '1',
    });
  });

  it('reads xsi:nil as null', () => {
    const json = mapper.toRecord(
      parse(
        `<record xmlns="${SOAP_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><occurredOn xsi:nil="true"/></record>`,
      ),
    );
    expect(json).toEqual({ occurredOn: null });
  });
});
