import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { renderRecordXsd, renderWsdl, WSDL_FILE_NAME, XSD_FILE_NAME } from '../v1/soap/build-wsdl.js';

// Run as `npm run wsdl:generate` from the repository root; writes the committed WSDL and XSD that
// contracts/v1/soap/build-wsdl.spec.ts compares against the contract classes.
const folder = resolve('contracts/v1/soap');
if (!existsSync(folder)) {
  console.error(
    `generate-wsdl: ${folder} not found; run it from the repository root (npm run wsdl:generate)`,
  );
  process.exit(1);
}
writeFileSync(resolve(folder, WSDL_FILE_NAME), renderWsdl(), 'utf8');
writeFileSync(resolve(folder, XSD_FILE_NAME), renderRecordXsd(), 'utf8');
console.log(`generate-wsdl: wrote ${WSDL_FILE_NAME} and ${XSD_FILE_NAME} in ${folder}`);
