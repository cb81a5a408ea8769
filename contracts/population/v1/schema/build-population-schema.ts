import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { targetConstructorToSchema } from 'class-validator-jsonschema';

import { SCHEMA_ID as RECORD_SCHEMA_ID } from '../../../v1/schema/build-json-schema.js';
import { type JsonObject, sortKeysDeep, toJsonObject } from '../../../v1/schema/json-value.js';
import { PopulationRejection, PopulationReply, PopulationReplyBatch } from '../population-reply.contract.js';
import { PopulationRequest } from '../population-request.contract.js';

export const POPULATION_SCHEMA_FILES = {
  request: 'population-request.schema.json',
  reply: 'population-reply.schema.json',
  replyBatch: 'population-reply-batch.schema.json',
} as const;

const REPLY_SCHEMA_ID = 'urn:civil-status-hub:contracts:population:v1:reply';

const OPTIONS: NonNullable<Parameters<typeof targetConstructorToSchema>[1]> = {
  classTransformerMetadataStorage: defaultMetadataStorage,
  refPointerPrefix: '#/definitions/',
  additionalConverters: { isDefined: {}, customValidation: {}, conditionalValidation: {} },
};

function closed(schema: JsonObject): JsonObject {
  return { ...schema, additionalProperties: false };
}

/** JSON Schema (draft-07) of a request; `record` refers to the standard record's own schema. */
export function buildPopulationRequestSchema(): JsonObject {
  const schema = closed(toJsonObject(targetConstructorToSchema(PopulationRequest, OPTIONS)));
  const properties = toJsonObject(schema.properties ?? {});
  properties.record = { $ref: RECORD_SCHEMA_ID };
  return sortKeysDeep({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'urn:civil-status-hub:contracts:population:v1:request',
    ...schema,
    properties,
  });
}

export function buildPopulationReplySchema(): JsonObject {
  const schema = closed(toJsonObject(targetConstructorToSchema(PopulationReply, OPTIONS)));
  const properties = toJsonObject(schema.properties ?? {});
  properties.rejection = { $ref: '#/definitions/PopulationRejection' };
  return sortKeysDeep({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: REPLY_SCHEMA_ID,
    ...schema,
    properties,
    allOf: [
      {
        if: { properties: { outcome: { const: 'REJECTED' } }, required: ['outcome'] },
        then: { required: ['rejection'] },
      },
    ],
    definitions: {
      PopulationRejection: closed(toJsonObject(targetConstructorToSchema(PopulationRejection, OPTIONS))),
    },
  });
}

/** Many replies in one message; each item is a reply as its own schema says. */
export function buildPopulationReplyBatchSchema(): JsonObject {
  const schema = closed(toJsonObject(targetConstructorToSchema(PopulationReplyBatch, OPTIONS)));
  const properties = toJsonObject(schema.properties ?? {});
  properties.replies = { ...toJsonObject(properties.replies ?? {}), items: { $ref: REPLY_SCHEMA_ID } };
  return sortKeysDeep({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'urn:civil-status-hub:contracts:population:v1:reply-batch',
    ...schema,
    properties,
  });
}

export function renderPopulationSchemas(): Record<keyof typeof POPULATION_SCHEMA_FILES, string> {
  return {
    request: `${JSON.stringify(buildPopulationRequestSchema(), null, 2)}\n`,
    reply: `${JSON.stringify(buildPopulationReplySchema(), null, 2)}\n`,
    replyBatch: `${JSON.stringify(buildPopulationReplyBatchSchema(), null, 2)}\n`,
  };
}
