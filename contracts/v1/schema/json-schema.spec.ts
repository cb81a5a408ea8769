import { readFileSync } from 'node:fs';

import { buildJsonSchema, renderJsonSchema, SCHEMA_CLASSES, SCHEMA_FILE_NAME } from './build-json-schema.js';
import type { Json, JsonObject } from './json-value.js';

const committedFile = new URL(`./${SCHEMA_FILE_NAME}`, import.meta.url);

function refsIn(value: Json, found: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((element) => refsIn(element, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, element] of Object.entries(value)) {
      if (key === '$ref' && typeof element === 'string') found.add(element);
      else refsIn(element, found);
    }
  }
  return found;
}

function definition(schema: JsonObject, name: string): JsonObject {
  const definitions = schema.definitions as JsonObject;
  return definitions[name] as JsonObject;
}

describe('JSON Schema of the v1 contract', () => {
  const schema = buildJsonSchema();

  it('matches the committed file', () => {
    const committed = readFileSync(committedFile, 'utf8');
    if (committed !== renderJsonSchema()) {
      throw new Error(
        `contracts/v1/schema/${SCHEMA_FILE_NAME} is out of date with the contract classes: run \`npm run schema:generate\` and commit the result`,
      );
    }
    expect(committed.endsWith('}\n')).toBe(true);
  });

  it('is a draft-07 schema with an $id, closed like the validator (forbidNonWhitelisted)', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toMatch(/^urn:/);
    expect(schema.additionalProperties).toBe(false);
    for (const target of SCHEMA_CLASSES) {
      expect(definition(schema, target.name).additionalProperties).toBe(false);
    }
  });

  it('describes nested classes with their properties instead of empty objects', () => {
    const person = definition(schema, 'Person');
    expect(person.required).toEqual(['fullName']);
    expect(person.properties).toMatchObject({
      birthDate: { type: 'string', pattern: expect.any(String) },
      placeOfBirth: { $ref: '#/definitions/Place' },
      identityDocuments: { type: 'array', items: { $ref: '#/definitions/IdentityDocument' } },
    });
    expect(definition(schema, 'Party').properties).toMatchObject({
      person: { $ref: '#/definitions/Person' },
      role: { enum: expect.arrayContaining(['CHILD', 'DECEASED']) },
    });
    expect(definition(schema, 'RegisterRef').required).toEqual([
      'authorityCode',
      'authorityName',
      'book',
      'entryNumber',
      'registeredOn',
    ]);
    expect(schema.properties).toMatchObject({
      parties: { type: 'array', items: { $ref: '#/definitions/Party' }, minItems: 1, maxItems: 20 },
      registerRef: { $ref: '#/definitions/RegisterRef' },
    });
  });

  it('resolves every $ref to a definition, and defines nothing unused', () => {
    const refs = refsIn(schema, new Set());
    const defined = Object.keys(schema.definitions as JsonObject).map((name) => `#/definitions/${name}`);
    expect([...refs].sort()).toEqual([...defined].sort());
  });

  it('leaves the defaulted registrationKind out of required and keeps details optional at the top', () => {
    expect(schema.required).toEqual(['schemaVersion', 'eventType', 'registerRef', 'parties', 'source']);
    expect(schema.properties).toMatchObject({ registrationKind: { default: 'FIRST' } });
  });

  it('states the event-type rules as conditionals', () => {
    expect(schema.allOf).toContainEqual({
      if: { properties: { eventType: { enum: ['CIVIL_STATUS_CHANGE'] } }, required: ['eventType'] },
      then: { required: ['civilStatusChange'] },
    });
    expect(schema.allOf).toContainEqual({
      if: { required: ['birth'] },
      then: { properties: { eventType: { enum: ['BIRTH'] } }, required: ['eventType'] },
    });
  });
});
