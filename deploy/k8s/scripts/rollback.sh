#!/usr/bin/env bash
# Rolls the Aralin Deployment back to its previous ReplicaSet (or to a given revision) and waits.
#   deploy/k8s/scripts/rollback.sh <namespace> [revision]
set -euo pipefail
namespace="${1:?usage: rollback.sh <namespace> [revision]}"
revision="${2:-}"
kubectl -n "$namespace" rollout history deployment/aralin
if [ -n "$revision" ]; then
  kubectl -n "$namespace" rollout undo deployment/aralin --to-revision="$revision"
else
  kubectl -n "$namespace" rollout undo deployment/aralin
fi
kubectl -n "$namespace" rollout status deployment/aralin --timeout=10m
kubectl -n "$namespace" get deployment/aralin -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
