#!/usr/bin/env bash
# Independent check of an openmodel attestation: OpenSSL verifies the DSSE signature over the pre-authentication
# encoding (PAE) built here in shell, sha256sum checks the subjects, and the predicate is compared with the BOM.
# With SIGSTORE_NODE_MODULES pointing at a folder where `npm install @sigstore/verify @sigstore/bundle` ran, the
# Sigstore bundle is verified by the reference JavaScript verifier too.
#
# Usage: verify-attestation.sh <envelope.intoto.json> <public.pem> <bom.json> [subject-folder]
set -euo pipefail
envelope=$1 key=$2 bom=$3 subjects=${4:-$(dirname "$1")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))'"$2"')' "$envelope"; }
payload_type=$(field "$envelope" '["payloadType"]')
field "$envelope" '["payload"]' | base64 -d > "$work/payload.json"
field "$envelope" '["signatures"][0]["sig"]' | base64 -d > "$work/sig.bin"

# PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body (DSSE protocol v1).
{ printf 'DSSEv1 %d %s %d ' "${#payload_type}" "$payload_type" "$(stat -c %s "$work/payload.json")"; cat "$work/payload.json"; } > "$work/pae.bin"

if openssl pkey -pubin -in "$key" -noout -text 2>/dev/null | grep -q ED25519; then
  openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$work/pae.bin" -sigfile "$work/sig.bin" >/dev/null
  echo "openssl: Ed25519 signature over the PAE verified"
else
  openssl dgst -sha256 -verify "$key" -signature "$work/sig.bin" "$work/pae.bin" >/dev/null
  echo "openssl: ECDSA P-256 (DER) signature over the PAE verified"
fi

[ "$payload_type" = "application/vnd.in-toto+json" ] || { echo "payloadType is $payload_type" >&2; exit 1; }
python3 - "$work/payload.json" "$bom" "$subjects" <<'PY'
import hashlib, json, os, sys
statement = json.load(open(sys.argv[1]))
assert statement["_type"] == "https://in-toto.io/Statement/v1", statement["_type"]
assert statement["predicateType"] == "https://cyclonedx.org/bom", statement["predicateType"]
assert statement["predicate"] == json.load(open(sys.argv[2])), "the predicate is not the BOM"
for subject in statement["subject"]:
    actual = hashlib.sha256(open(os.path.join(sys.argv[3], subject["name"]), "rb").read()).hexdigest()
    assert actual == subject["digest"]["sha256"], f"{subject['name']}: {actual} != {subject['digest']['sha256']}"
    print(f"python: subject {subject['name']} sha256 matches")
print("python: statement is in-toto v1 with the BOM as predicate")
PY

bundle=${envelope%.intoto.json}.sigstore.json
if [ -n "${SIGSTORE_NODE_MODULES:-}" ] && [ -f "$bundle" ]; then
  NODE_PATH=$SIGSTORE_NODE_MODULES node "$(dirname "$0")/sigstore-verify.mjs" "$bundle" "$key"
fi
