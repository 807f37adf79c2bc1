#!/usr/bin/env bash
# Deploys an overlay of deploy/k8s with an immutable image tag, migrations first, and rolls back by
# itself when the rollout does not become healthy.
#   deploy/k8s/scripts/deploy.sh <staging|production> <image-tag>       apply to the current kube context
#   RENDER_ONLY=1 deploy/k8s/scripts/deploy.sh staging sha-abc123        print the manifests, touch nothing
set -euo pipefail

overlay="${1:?usage: deploy.sh <overlay> <image-tag>}"
tag="${2:?usage: deploy.sh <overlay> <image-tag>}"
# The image the overlays name (deploy/k8s/overlays/*), replaced by IMAGE (e.g. a fork's registry) and the tag.
overlay_image=ghcr.io/aralin-ph/aralin
image="${IMAGE:-$overlay_image}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
overlay_dir="$here/overlays/$overlay"
[ -f "$overlay_dir/kustomization.yaml" ] || { echo "deploy: no overlay $overlay" >&2; exit 2; }
[[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "deploy: bad image tag $tag" >&2; exit 2; }
[ "$tag" != latest ] || { echo "deploy: refusing the mutable tag 'latest'" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A throwaway kustomization on top of the overlay pins the image tag without editing the repository
# (kustomize wants a relative path to it).
cat > "$work/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - $(realpath --relative-to="$work" "$overlay_dir")
images:
  - name: $overlay_image
    newName: $image
    newTag: "$tag"
YAML
kubectl kustomize "$work" > "$work/manifests.yaml"
# Every Aralin container must run exactly the pinned image: never a :latest left over from an unmatched
# name. (The backup CronJob runs a postgres image of its own.)
stray="$(sed -n 's/^ *image: //p' "$work/manifests.yaml" | tr -d "\"'" | sort -u |
  grep -E '(^|/)aralin([:@]|$)' | grep -vxF "$image:$tag" || true)"
if [ -n "$stray" ]; then
  echo "deploy: the rendered manifests run $stray, not $image:$tag" >&2
  exit 1
fi

if [ -n "${RENDER_ONLY:-}" ]; then
  cat "$work/manifests.yaml"
  exit 0
fi

namespace="$(sed -n 's/^  namespace: //p' "$work/manifests.yaml" | head -n1)"
echo "deploy: $overlay → namespace $namespace, image $image:$tag"

# 1. Everything but the server (ServiceAccount, ConfigMap, policies, ...) and the migration Job; Jobs are
#    immutable, so the previous one goes first.
kubectl -n "$namespace" delete job aralin-migrate --ignore-not-found --wait=true
kubectl apply -f "$work/manifests.yaml" --selector 'app.kubernetes.io/component notin (server)'
if ! kubectl -n "$namespace" wait --for=condition=complete job/aralin-migrate --timeout=10m; then
  echo "deploy: migration failed; the running Deployment was not changed" >&2
  kubectl -n "$namespace" logs job/aralin-migrate --tail=100 >&2 || true
  exit 1
fi

# 2. Everything else; the Deployment rolls with maxSurge 1 / maxUnavailable 0.
kubectl apply -f "$work/manifests.yaml"
if ! kubectl -n "$namespace" rollout status deployment/aralin --timeout=10m; then
  echo "deploy: rollout did not become ready; rolling back" >&2
  kubectl -n "$namespace" rollout undo deployment/aralin
  kubectl -n "$namespace" rollout status deployment/aralin --timeout=10m
  exit 1
fi
echo "deploy: $overlay is running $image:$tag"
