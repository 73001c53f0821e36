#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint and format, types, unit tests, the API suite on PGlite and on
# a real PostgreSQL server, CLI and store tests, document output checks and browser journeys; then the
# unit, API (PGlite) and CLI stages again on Node 24 (from the npm registry's `node` package).
#
# Every stage runs even when an earlier one failed, so one run shows everything that is wrong. The last
# line is always `total: N passed, N failed` (a failed check stage, or a test run that died without
# reporting, counts as one failure), and the exit code is non-zero when anything failed.
#
# Speed (docs/stack.md, "Test speed"): each stage runs its files in one process (scripts/together.ts), not
# one process per file; the checks run in two groups side by side, then one worker per core takes the
# test stages from one queue, longest first. Each stage's output is printed whole when the stage ends, so
# two stages never interleave.
set -uo pipefail
cd "$(dirname "$0")/.."

LOG=$(mktemp -d); trap 'rm -rf "$LOG"' EXIT
RESULTS="$LOG/results"
: >"$RESULTS"
NODE24_DIR=.cache/node24
NODE24="$NODE24_DIR/node_modules/.bin/node"
SERIAL=1

# stage NAME COMMAND...: runs it, records its time and outcome, keeps going whatever happens. In a lane
# (SERIAL=0) the output goes to a file and is printed whole at the end of the stage.
stage() {
  local name=$1; shift
  local out
  out=$(mktemp "$LOG/stage.XXXXXX")
  local started=$SECONDS rc
  # The stage's CPU seconds (user + system, its processes included): what a stage costs whatever else runs.
  local TIMEFORMAT='%U %S'
  if [ "$SERIAL" = 1 ]; then
    echo "== $name"
    { time { "$@" 2>&1 | tee "$out"; rc=${PIPESTATUS[0]}; }; } 2>"$out.cpu"
  else
    { time { "$@" >"$out" 2>&1; rc=$?; }; } 2>"$out.cpu"
    { echo "== $name"; cat "$out"; } | flock "$LOG/print.lock" cat
  fi
  local cpu
  cpu=$(awk '{printf "%d", $1 + $2}' "$out.cpu")
  local passed failed
  passed=$(awk '/^ℹ pass /{s+=$3} END{print s+0}' "$out")
  # Cancelled tests (a hook that failed, a file that died) did not pass: they count as failed.
  failed=$(awk '/^ℹ (fail|cancelled) /{s+=$3} END{print s+0}' "$out")
  # A check stage (lint, types, build) that failed, or a test run that died before counting: one failure.
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  echo "$name|$((SECONDS - started))|$cpu|$passed|$failed|$rc" >>"$RESULTS"
}

# tests [NODE] FILE...: the files in one process, with the spec reporter (its summary lines are counted above).
tests() { node --import tsx --test-reporter=spec scripts/together.ts "$@"; }
tests24() { "$NODE24" --import tsx --test-reporter=spec scripts/together.ts "$@"; }
files() { find "$@" -name '*.test.ts' 2>/dev/null | sort; }

# Always: cheap when up to date, and a stale node_modules is the classic "works on my machine".
stage "install" npm install --no-audit --no-fund --loglevel=error

mkdir -p .data
export VETTED_TEST_TEMPLATE="$PWD/.data/test-template.tar"
SERIAL=0
# The checks in two groups side by side: what reads the sources, and what the test stages need.
checks() {
  stage "lint and format" npx biome check .
  stage "types (server)" npx tsc --noEmit -p .
  stage "types (web app)" npx tsc --noEmit -p src/web
}
prerequisites() {
  stage "test database template" node --import tsx scripts/build-test-template.ts .data/test-template.tar
  # The CLI's smoke tests, the package test and the browser journeys run the compiled build.
  stage "build (server, CLI and web app)" npm run build
  stage "office and PDF tools" scripts/ensure-office.sh
  stage "Chromium" scripts/ensure-chromium.sh
  stage "CJK and emoji fonts" scripts/ensure-fonts.sh
  stage "Node 24 from the npm registry" bash -c "[ -x '$NODE24' ] || npm install --no-save --no-audit --no-fund \
    --loglevel=error --prefix '$NODE24_DIR' node@24; '$NODE24' --version"
}
checks &
group1=$!
prerequisites &
group2=$!
wait "$group1" "$group2"

mapfile -t unit < <(files test/unit)
mapfile -t api < <(files test/api)
mapfile -t system < <(files test/system)
mapfile -t docs < <(files test/documents)
mapfile -t e2e < <(files test/e2e)

# The browser journeys are the longest stage by far: as one stage they alone would outlast the rest of the run,
# so they run as two halves (alternate files), each its own process with its own server and browser.
e2e_a=(); e2e_b=()
for i in "${!e2e[@]}"; do if ((i % 2)); then e2e_b+=("${e2e[$i]}"); else e2e_a+=("${e2e[$i]}"); fi; done

# The test stages, longest first (as measured in CI), taken from one queue by one worker per core: the longest
# stages start at once and the short ones fill the gaps at the end, so the lanes finish together
# (longest-processing-time-first scheduling) whatever the machine's speed. The run is CPU-bound: both cores
# were 97-100 % busy through the test stages (sampled from /proc/stat), and a third lane measured no faster
# (886 s against 861 s with two; again with Chromium's headless shell, back to back on one commit: 614 s
# against 629 s, within the machine's drift, with every stage's own time longer). VETTED_TEST_LANES overrides it.
LANES=${VETTED_TEST_LANES:-$(nproc)}
run_named() {
  case $1 in
    browser1) stage "browser journeys in Debian Chromium, first half (${#e2e_a[@]} files)" tests "${e2e_a[@]}" ;;
    browser2) stage "browser journeys in Debian Chromium, second half (${#e2e_b[@]} files)" tests "${e2e_b[@]}" ;;
    api) stage "API tests on PGlite (${#api[@]} files)" env VETTED_TEST_DB=pglite node --import tsx \
      --test-reporter=spec scripts/together.ts "${api[@]}" ;;
    docs) stage "document output checks with LibreOffice and poppler (${#docs[@]} files)" tests "${docs[@]}" ;;
    system) stage "CLI and store tests (${#system[@]} files)" tests "${system[@]}" ;;
    api-pg) stage "API tests on PostgreSQL (${#api[@]} files)" env VETTED_TEST_DB=postgres scripts/with-postgres.sh \
      node --import tsx --test-reporter=spec scripts/together.ts "${api[@]}" ;;
    # Node 24 (the current LTS) for the stages that exercise the runtime most; Node 20 ran them all.
    api24) stage "API tests on PGlite on Node 24" env VETTED_TEST_DB=pglite "$NODE24" \
      --import tsx --test-reporter=spec scripts/together.ts "${api[@]}" ;;
    system24) stage "CLI and store tests on Node 24" tests24 "${system[@]}" ;;
    unit) stage "unit tests (${#unit[@]} files)" tests "${unit[@]}" ;;
    unit24) stage "unit tests on Node 24" tests24 "${unit[@]}" ;;
  esac
}
QUEUE=(browser1 browser2 api docs system api-pg api24 system24 unit unit24)
if [ ! -x "$NODE24" ]; then QUEUE=(browser1 browser2 api docs system api-pg unit); fi
echo 0 >"$LOG/next"
# Prints the queue's next index and moves it on, one worker at a time.
take() { flock "$LOG/next" bash -c 'n=$(cat "$0"); echo $((n + 1)) >"$0"; echo "$n"' "$LOG/next"; }
worker() {
  local i
  while i=$(take) && [ "$i" -lt "${#QUEUE[@]}" ]; do run_named "${QUEUE[$i]}"; done
}
lanes=()
for ((l = 0; l < LANES; l++)); do
  worker &
  lanes+=($!)
done
wait "${lanes[@]}"

echo
echo "== stage times"
total_passed=0; total_failed=0; total_cpu=0
echo "  wall    cpu"
while IFS='|' read -r name secs cpu passed failed rc; do
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed)); total_cpu=$((total_cpu + cpu))
  printf '%5ss %5ss  %-4s %s\n' "$secs" "$cpu" "$([ "$rc" -eq 0 ] && echo ok || echo FAIL)" "$name"
done <"$RESULTS"
printf '%5ss %5ss  in all (checks, then the test stages in %s lanes on %s cores)\n' "$SECONDS" "$total_cpu" "$LANES" "$(nproc)"
echo "total: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
