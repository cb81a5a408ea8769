// Messages between the hub and the national population database, version 1.
export * from './population-message-type.enum.js';
export * from './population-request.contract.js';
export * from './population-reply.contract.js';
export * from './parse-population-message.js';
export { POPULATION_SCHEMA_FILES, renderPopulationSchemas } from './schema/build-population-schema.js';
export * from './encode-population-messages.js';
export * from './declare-population-queues.js';
