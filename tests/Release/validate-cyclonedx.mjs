// Validates CycloneDX JSON with the CycloneDX project's own JavaScript library (@cyclonedx/cyclonedx-library, which
// bundles the official schemas and checks them with ajv), independently of the NJsonSchema check in the .NET tests.
// Usage: NODE_PATH=<dir with node_modules> node validate-cyclonedx.mjs <bom.json>…   (exit 1 if any is invalid)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH ?? process.cwd(), 'noop.js'));
const CDX = require('@cyclonedx/cyclonedx-library');

let failed = false;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const version = JSON.parse(text).specVersion;
  const validator = new CDX.Validation.JsonStrictValidator(version);
  const errors = await validator.validate(text);
  if (errors === null) {
    console.log(`${file}: valid CycloneDX ${version} (@cyclonedx/cyclonedx-library ${CDX.Version ?? ''})`.trim());
  } else {
    failed = true;
    console.error(`${file}: INVALID CycloneDX ${version}`);
    console.error(JSON.stringify(errors, null, 2));
  }
}
process.exit(failed ? 1 : 0);
