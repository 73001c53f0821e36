#!/usr/bin/env bash
# The whole test suite: lint, types, unit tests. (API, PostgreSQL and browser stages are added as they land.)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund

echo "== lint and format"; npx biome check .
echo "== types"; npx tsc --noEmit -p .
mapfile -t unit < <(find test/unit -name '*.test.ts' | sort)
echo "== unit tests (${#unit[@]} files)"
node --import tsx --test --test-reporter=spec "${unit[@]}"
