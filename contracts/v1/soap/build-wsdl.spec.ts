import { readFileSync } from 'node:fs';

import { buildJsonSchema } from '../schema/build-json-schema.js';
import type { JsonObject } from '../schema/json-value.js';
import { renderRecordXsd, renderWsdl, toXsdPattern, WSDL_FILE_NAME, XSD_FILE_NAME } from './build-wsdl.js';

const committed = (name: string): string => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** The element declarations of one complexType, by name, from the rendered XSD. */
function elementsOf(xsd: string, typeName: string): Map<string, string> {
  const start = xsd.indexOf(`<xsd:complexType name="${typeName}">`);
  if (start < 0) throw new Error(`no complexType ${typeName}`);
  const body = xsd.slice(start, xsd.indexOf('</xsd:complexType>', start));
  const found = new Map<string, string>();
  for (const match of body.matchAll(/<xsd:element name="([A-Za-z]+)"([^>]*)>/g))
    found.set(match[1], match[2]);
  return found;
}

describe('WSDL and XSD of the v1 contract', () => {
  it('match the committed files (run `npm run wsdl:generate` after a contract change)', () => {
    for (const [name, rendered] of [
      [WSDL_FILE_NAME, renderWsdl()],
      [XSD_FILE_NAME, renderRecordXsd()],
    ] as const) {
      if (committed(name) !== rendered) {
        throw new Error(
          `contracts/v1/soap/${name} is out of date with contracts/v1: run \`npm run wsdl:generate\` and commit the result`,
        );
      }
    }
    expect(committed(WSDL_FILE_NAME)).toContain('<soap:binding style="document"');
  });

  it('declares every property of every contract class, with its cardinality', () => {
    const schema = buildJsonSchema();
    const xsd = renderRecordXsd();
    const classes: Array<[string, JsonObject]> = [
      ['CivilStatusRecord', schema],
      ...Object.entries(schema.definitions as JsonObject).map(
        ([n, d]) => [n, d as JsonObject] as [string, JsonObject],
      ),
    ];
    let checked = 0;
    for (const [name, definition] of classes) {
      const elements = elementsOf(xsd, name);
      const properties = definition.properties as JsonObject;
      const required = new Set((definition.required as string[] | undefined) ?? []);
      expect([...elements.keys()].sort()).toEqual(Object.keys(properties).sort());
      for (const [property, spec] of Object.entries(properties)) {
        const attributes = elements.get(property) ?? '';
        const isArray = (spec as JsonObject).type === 'array';
        if (isArray) expect(attributes).toMatch(/maxOccurs="(\d+|unbounded)"/);
        else expect(attributes.includes('minOccurs="0"')).toBe(!required.has(property));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(elementsOf(xsd, 'CivilStatusRecord').get('parties')).toBe(' type="tns:Party" maxOccurs="20"');
    expect(elementsOf(xsd, 'AdminUnitRef').get('asOf')).toContain('type="xsd:date"');
  });

  it('turns ECMAScript patterns into XSD patterns (implicitly anchored, no (?:)', () => {
    expect(toXsdPattern('^(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?$')).toBe('(\\d{4})(-(\\d{2})(-(\\d{2}))?)?');
    expect(toXsdPattern('^\\d{12}$')).toBe('\\d{12}');
    expect(() => toXsdPattern('^\\bword$')).toThrow(/no XSD equivalent/);
    expect(renderRecordXsd()).not.toMatch(/pattern value="[^"]*(\^|\(\?)/);
  });

  it('serves the address it is given and keeps the two operations document/literal', () => {
    const wsdl = renderWsdl('https://hub.example.vn/soap/v1/civil-status');
    expect(wsdl).toContain('<soap:address location="https://hub.example.vn/soap/v1/civil-status"/>');
    expect(wsdl.match(/<soap:body use="literal"\/>/g)).toHaveLength(4);
    expect(wsdl).toContain('<xsd:element name="record" type="tns:CivilStatusRecord" maxOccurs="1000"/>');
    expect(wsdl).toContain('<wsdl:operation name="GetOutcomes">');
  });
});
