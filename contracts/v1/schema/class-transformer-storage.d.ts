// class-transformer does not export its metadata storage from the package root, and ships the
// types of this deep module under types/ rather than next to cjs/storage.js. class-validator-jsonschema
// needs the storage to follow @Type(() => X) to nested classes; without it nested arrays become
// {"$ref": "#/definitions/Array"}.
declare module 'class-transformer/cjs/storage.js' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

  export const defaultMetadataStorage: MetadataStorage;
}
