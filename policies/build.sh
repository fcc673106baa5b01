#!/usr/bin/env bash
# Rebuilds the committed Wasm artefact from the Rego sources with the pinned OPA CLI.
# The hub evaluates bundle/exchange.wasm in-process, so the run path never needs Go or opa;
# RegoPolicySuiteTest fails when the committed artefact is stale.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../bin/lib/tools.sh"
opa="$(gdx_ensure_opa)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$here" && "$opa" build -t wasm -e hub/exchange/decision --ignore '*_test.rego' hub -o "$tmp/bundle.tar.gz")
tar -xzf "$tmp/bundle.tar.gz" -C "$tmp" /policy.wasm 2>/dev/null || tar -xzf "$tmp/bundle.tar.gz" -C "$tmp" policy.wasm
cp "$tmp/policy.wasm" "$here/bundle/exchange.wasm"
echo "wrote $here/bundle/exchange.wasm"
