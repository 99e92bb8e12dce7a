#!/usr/bin/env bash
# The whole suite, as the README and CI run it: typecheck, lint, build, then unit, integration
# and browser tests in one vitest run, the unit tests that touch the database and the integration
# tests once on SQLite and once on PostgreSQL. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

fail_early() {
  echo "$1"
  echo "0 passed, 1 failed"
  exit 1
}

# The typecheck uses one core for about 40 s; lint and then the build (about 15 s and 10 s) use
# the other meanwhile.
npm run --silent typecheck &
typecheck_pid=$!
(
  npm run --silent lint || exit 1
  npm run --silent build >/dev/null || exit 2
) &
lint_build_pid=$!
wait "$typecheck_pid"
typecheck_status=$?
wait "$lint_build_pid"
lint_build_status=$?
[ "$typecheck_status" -eq 0 ] || fail_early "Controllo dei tipi (tsc) non superato."
[ "$lint_build_status" -ne 1 ] || fail_early "Lint (eslint) non superato."
[ "$lint_build_status" -eq 0 ] || fail_early "Build non riuscita."

projects=(--project unit --project integration --project integration-solo)
if node scripts/pg-answers.mjs; then
  projects+=(--project unit-pg --project integration-pg --project integration-pg-solo)
elif [ "${CI:-}" = "true" ]; then
  fail_early "In CI i test su PostgreSQL sono obbligatori: avviarlo (vedi README) o indicare PG_TEST_URL."
else
  echo "Salto i test su PostgreSQL: nessun server risponde (avviarlo o indicare PG_TEST_URL per eseguirli)."
fi
if [ -x /usr/bin/chromium ]; then
  projects+=(--project e2e)
elif [ "${CI:-}" = "true" ]; then
  fail_early "Chromium non trovato in /usr/bin/chromium: in CI i test nel browser sono obbligatori (apt-get install -y chromium)."
else
  echo "Chromium non trovato: salto i test nel browser (per eseguirli: apt-get install -y chromium)."
fi

mkdir -p test-results
npx vitest run "${projects[@]}" "$@" --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
status=$?
node scripts/test-summary.mjs test-results/vitest.json || status=1
exit $status
