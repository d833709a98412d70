// Verifies an openmodel Sigstore bundle with the reference JavaScript verifier (@sigstore/verify), given the public key.
// Offline bundles carry no transparency-log entry or timestamp, so those thresholds are 0; the signature check is theirs.
// Usage: NODE_PATH=<dir with node_modules> node sigstore-verify.mjs <bundle.sigstore.json> <public.pem>
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH ?? process.cwd(), 'noop.js'));
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const [bundlePath, keyPath] = process.argv.slice(2);
const bundle = bundleFromJSON(JSON.parse(readFileSync(bundlePath, 'utf8')));
const spki = Buffer.from(readFileSync(keyPath, 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
const hint = bundle.verificationMaterial.content.publicKey.hint;
const trustedRoot = { certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] };
const material = toTrustMaterial(trustedRoot, { [hint]: { rawBytes: spki } });
const verifier = new Verifier(material, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
try {
  verifier.verify(toSignedEntity(bundle));
  console.log(`@sigstore/verify: bundle signature OK (key hint ${hint})`);
} catch (e) {
  console.error(`@sigstore/verify: ${e.code ?? ''} ${e.message}`);
  process.exit(1);
}
