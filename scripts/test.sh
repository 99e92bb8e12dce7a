#!/usr/bin/env bash
# The whole suite, as the README and CI run it: typecheck, lint, build, then unit, integration
# and browser tests in one vitest run. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

fail_early() {
  echo "$1"
  echo "0 passed, 1 failed"
  exit 1
}

npm run --silent typecheck || fail_early "Controllo dei tipi (tsc) non superato."
npm run --silent lint || fail_early "Lint (eslint) non superato."
npm run --silent build >/dev/null || fail_early "Build non riuscita."

projects=(--project unit --project integration)
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
