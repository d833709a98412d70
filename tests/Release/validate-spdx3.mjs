// Validates SPDX 3.0.1 JSON-LD against the official JSON schema (tests/Shared/Schemas/spdx-3.0.1.schema.json, draft
// 2020-12) with ajv, a second validator beside JsonSchema.Net in the .NET tests.
// Usage: NODE_PATH=<dir with node_modules (ajv, ajv-formats)> node validate-spdx3.mjs <doc.spdx3.json>…
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(process.env.NODE_PATH ?? process.cwd(), 'noop.js'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');
const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(readFileSync(path.join(here, '..', 'Shared', 'Schemas', 'spdx-3.0.1.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = false;
for (const file of process.argv.slice(2)) {
  if (validate(JSON.parse(readFileSync(file, 'utf8')))) {
    console.log(`${file}: valid SPDX 3.0.1 (ajv, official schema)`);
  } else {
    failed = true;
    console.error(`${file}: INVALID SPDX 3.0.1`);
    for (const e of validate.errors.slice(0, 30)) console.error(`  ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(failed ? 1 : 0);
