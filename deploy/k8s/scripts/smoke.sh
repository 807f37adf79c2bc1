#!/usr/bin/env bash
# Smoke test of a deployed Aralin: liveness, readiness, the tool registry and a stateless tutor call.
#   deploy/k8s/scripts/smoke.sh https://staging.aralin.example.org
set -euo pipefail
base="${1:?usage: smoke.sh <base-url>}"
curl_() { curl --fail --silent --show-error --max-time 20 --retry 5 --retry-delay 3 --retry-all-errors "$@"; }

curl_ "$base/health/live" >/dev/null
curl_ "$base/health/ready" >/dev/null
tools="$(curl_ "$base/api/v1/tools")"
for t in concept_explainer note_maker flashcard_generator quiz_generator math_solver; do
  grep -q "\"$t\"" <<<"$tools" || { echo "smoke: tool $t missing from /api/v1/tools" >&2; exit 1; }
done
# /metrics must not be reachable from outside.
code="$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 20 "$base/metrics")"
[ "$code" = 404 ] || [ "$code" = 401 ] || { echo "smoke: /metrics answered $code from outside" >&2; exit 1; }
echo "smoke: $base is healthy"
