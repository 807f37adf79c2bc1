#!/usr/bin/env bash
# Builds, with no registry, a stand-in for the Dockerfile's base image (ARG NODE_IMAGE) and tags it with that
# name, so that `buildah bud --pull=never` builds the real Dockerfile on a machine that cannot pull images.
# The image is made FROM scratch out of this machine's files:
#   - the Node binary of the repository's `node` dev dependency (its version must be the tag's),
#   - the shared libraries of this machine's C and C++ runtime (Debian's libc6, libgcc-s1, libstdc++6),
#   - npm (this machine's), linked as /usr/local/bin/npm and npx as in the official image,
#   - a static BusyBox for /bin/sh, /usr/bin/env and the commands the Dockerfile's RUN steps call,
#   - /etc/passwd and /etc/group with the official image's `node` user (uid and gid 1000),
#   - this machine's CA bundle, as npm's `cafile` in the global npmrc, so that `npm ci` in the RUN steps trusts
#     what this machine trusts (an egress proxy's CA included); the runtime's Node keeps its own CA list.
# Usage: deploy/docker/standin-base.sh   (buildah's storage is CONTAINERS_STORAGE_CONF's, or the default)
set -euo pipefail
cd "$(dirname "$0")/../.."

image=$(sed -n 's/^ARG NODE_IMAGE=\([^@]*\).*/\1/p' deploy/docker/Dockerfile)
version=${image#node:}
version=${version%%-*}
node=node_modules/node/bin/node
busybox=$(command -v busybox) || { echo "standin-base: busybox is not installed (apt-get install busybox-static)" >&2; exit 1; }
npm_cli=$(readlink -f "$(command -v npm)") # …/npm/bin/npm-cli.js
npm_dir=$(dirname "$(dirname "$npm_cli")")

if [ "$("$node" --version)" != "v$version" ]; then
  echo "standin-base: $node is $("$node" --version), the Dockerfile names $image" >&2
  exit 1
fi
if ldd "$busybox" >/dev/null 2>&1; then
  echo "standin-base: $busybox is dynamically linked; install busybox-static" >&2
  exit 1
fi

# Built again only when one of its inputs changed, so that the layers built on it stay cached.
ca=/etc/ssl/certs/ca-certificates.crt
inputs=$(cat "$0" "$node" "$busybox" "$npm_dir/package.json" "$ca" 2>/dev/null | sha256sum | cut -c1-16)
label=aralin.standin.inputs
if [ "$(buildah inspect --type image --format "{{index .OCIv1.Config.Labels \"$label\"}}" \
  "docker.io/library/$image" 2>/dev/null)" = "$inputs" ]; then
  echo "standin-base: docker.io/library/$image is up to date"
  exit 0
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,etc,home/node,root,tmp,usr/bin,usr/local/bin,usr/local/lib/node_modules}
chmod 1777 "$root/tmp"
chown 1000:1000 "$root/home/node"

install -m 0755 "$node" "$root/usr/local/bin/node"
# The shared libraries of the C and C++ runtime packages, as Debian's slim image has them: the ones node
# links and the ones native modules of the build load (rolldown's binding needs librt, which node does not).
for lib in $(dpkg-query -L libc6 libgcc-s1 libstdc++6 | grep -E '\.so(\.[0-9]+)*$' | grep -v /gconv/); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

install -m 0755 "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
ln -s ../../bin/busybox "$root/usr/bin/env" # npm's #!/usr/bin/env node

if [ -f "$ca" ]; then
  mkdir -p "$root/etc/ssl/certs" "$root/usr/local/etc"
  cp -L "$ca" "$root$ca"
  echo "cafile=$ca" >"$root/usr/local/etc/npmrc"
fi

printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'node:x:1000:1000::/home/node:/bin/sh' >"$root/etc/passwd"
printf '%s\n' 'root:x:0:' 'node:x:1000:' >"$root/etc/group"

container=$(buildah from scratch)
buildah copy --quiet "$container" "$root" / >/dev/null
buildah config \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env "NODE_VERSION=$version" \
  --cmd node \
  --label "org.opencontainers.image.description=stand-in for $image, built offline" \
  --label "$label=$inputs" \
  "$container"
buildah commit --quiet --rm "$container" "docker.io/library/$image"
