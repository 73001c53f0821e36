#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint and format, types, unit tests, the API suite on PGlite and on
# a real PostgreSQL server, CLI and store tests, document output checks and browser journeys; then the
# unit, API (PGlite) and CLI stages again on Node 24 (from the npm registry's `node` package).
#
# Every stage runs even when an earlier one failed, so one run shows everything that is wrong. The last
# line is always `total: N passed, N failed` (a failed check stage, or a test file that died without
# reporting, counts as one failure), and the exit code is non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

LOG=$(mktemp -d); trap 'rm -rf "$LOG"' EXIT
STAGES=()
NODE24_DIR=.cache/node24
NODE24="$NODE24_DIR/node_modules/.bin/node"

# stage NAME COMMAND...: runs it, records its time and outcome, keeps going whatever happens.
stage() {
  local name=$1; shift
  local out="$LOG/${#STAGES[@]}.log" started=$SECONDS rc
  echo "== $name"
  "$@" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  local passed failed
  passed=$(awk '/^ℹ pass /{s+=$3} END{print s+0}' "$out")
  failed=$(awk '/^ℹ fail /{s+=$3} END{print s+0}' "$out")
  # A check stage (lint, types, build) that failed, or a test run that died before counting: one failure.
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  STAGES+=("$name|$((SECONDS - started))|$passed|$failed|$rc")
}

# tests [NODE] FILE...: node's test runner with the spec reporter (its summary lines are counted above).
tests() { node --import tsx --test --test-reporter=spec "$@"; }
tests24() { "$NODE24" --import tsx --test --test-reporter=spec "$@"; }
files() { find "$@" -name '*.test.ts' 2>/dev/null | sort; }

# Always: cheap when up to date, and a stale node_modules is the classic "works on my machine".
stage "install" npm install --no-audit --no-fund --loglevel=error

stage "lint and format" npx biome check .
stage "types (server)" npx tsc --noEmit -p .
stage "types (web app)" npx tsc --noEmit -p src/web

mapfile -t unit < <(files test/unit)
stage "unit tests (${#unit[@]} files)" tests "${unit[@]}"

mkdir -p .data
stage "test database template" node --import tsx scripts/build-test-template.ts .data/test-template.tar.gz
export VETTED_TEST_TEMPLATE="$PWD/.data/test-template.tar.gz"

mapfile -t api < <(files test/api)
stage "API tests on PGlite (${#api[@]} files)" env VETTED_TEST_DB=pglite node --import tsx --test --test-reporter=spec "${api[@]}"
stage "API tests on PostgreSQL (${#api[@]} files)" env VETTED_TEST_DB=postgres scripts/with-postgres.sh \
  node --import tsx --test --test-reporter=spec "${api[@]}"

# The CLI's smoke tests and the package test run the compiled command, so build it first.
stage "build (server, CLI and web app)" npm run build
mapfile -t system < <(files test/system)
stage "CLI and store tests (${#system[@]} files)" tests "${system[@]}"

mapfile -t docs < <(files test/documents)
if [ ${#docs[@]} -gt 0 ]; then
  stage "office and PDF tools" scripts/ensure-office.sh
  stage "document output checks with LibreOffice and poppler (${#docs[@]} files)" tests "${docs[@]}"
fi

mapfile -t e2e < <(files test/e2e)
if [ ${#e2e[@]} -gt 0 ]; then
  stage "Chromium" scripts/ensure-chromium.sh
  stage "browser journeys in Debian Chromium (${#e2e[@]} files)" tests "${e2e[@]}"
fi

# Node 24 (the current LTS) for the stages that exercise the runtime most; the machine's Node ran them all.
stage "Node 24 from the npm registry" bash -c "[ -x '$NODE24' ] || npm install --no-save --no-audit --no-fund \
  --loglevel=error --prefix '$NODE24_DIR' node@24; '$NODE24' --version"
if [ -x "$NODE24" ]; then
  stage "unit tests on Node 24" tests24 "${unit[@]}"
  stage "API tests on PGlite on Node 24" env VETTED_TEST_DB=pglite "$NODE24" --import tsx --test \
    --test-reporter=spec "${api[@]}"
  stage "CLI and store tests on Node 24" tests24 "${system[@]}"
fi

echo
echo "== stage times"
total_passed=0; total_failed=0
for s in "${STAGES[@]}"; do
  IFS='|' read -r name secs passed failed rc <<<"$s"
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed))
  printf '%5ss  %-4s %s\n' "$secs" "$([ "$rc" -eq 0 ] && echo ok || echo FAIL)" "$name"
done
printf '%5ss  in all\n' "$SECONDS"
echo "total: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
