#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint and format, types, unit tests, the API suite on PGlite and on
# a real PostgreSQL server, CLI and store tests, document output checks and browser journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
# Always: cheap when up to date, and a stale node_modules is the classic "works on my machine".
npm install --no-audit --no-fund --loglevel=error

LOG=$(mktemp); trap 'rm -f "$LOG"' EXIT
files() { find "$@" -name '*.test.ts' 2>/dev/null | sort; }
run_tests() { node --import tsx --test --test-reporter=spec "$@" | tee -a "$LOG"; }

echo "== lint and format"; npx biome check .
echo "== types"; npx tsc --noEmit -p . && npx tsc --noEmit -p src/web

mapfile -t unit < <(files test/unit)
echo "== unit tests (${#unit[@]} files)"; run_tests "${unit[@]}"

mkdir -p .data
node --import tsx scripts/build-test-template.ts .data/test-template.tar.gz
export VETTED_TEST_TEMPLATE="$PWD/.data/test-template.tar.gz"

mapfile -t api < <(files test/api)
echo "== API tests on PGlite (${#api[@]} files)"; VETTED_TEST_DB=pglite run_tests "${api[@]}"
echo "== API tests on PostgreSQL (${#api[@]} files)"; VETTED_TEST_DB=postgres scripts/with-postgres.sh node --import tsx --test --test-reporter=spec "${api[@]}" | tee -a "$LOG"

mapfile -t system < <(files test/system)
echo "== CLI and store tests (${#system[@]} files)"; run_tests "${system[@]}"

mapfile -t docs < <(files test/documents)
if [ ${#docs[@]} -gt 0 ]; then
  echo "== document output checks with LibreOffice and poppler (${#docs[@]} files)"
  scripts/ensure-office.sh
  run_tests "${docs[@]}"
fi

mapfile -t e2e < <(files test/e2e)
if [ ${#e2e[@]} -gt 0 ]; then
  echo "== browser journeys in Debian Chromium (${#e2e[@]} files)"
  scripts/ensure-chromium.sh
  npm run build:web
  run_tests "${e2e[@]}"
fi

# Every stage above ran its own node test runner; one closing line counts them all.
passed=$(awk '/^ℹ pass /{s+=$3} END{print s+0}' "$LOG")
failed=$(awk '/^ℹ fail /{s+=$3} END{print s+0}' "$LOG")
echo "total: $passed passed, $failed failed"
