#!/usr/bin/env bash
# Installs the e2e test host: the VS Code 1.100.3 server + web workbench that ships inside the npm
# package code-server, plus Debian's headless Chromium to drive it. This is the route that works
# where the VS Code download host and GitHub are unreachable (only npm + Debian packages are).
#
# usage: bash test/e2e/host/install.sh [--force]
# Idempotent: a second run checks the apt packages and the installed version, then exits.
# Env: RUNBOOK_E2E_HOST_DIR  where code-server goes (default <repo>/.vscode-test/code-server)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HOST_DIR=${RUNBOOK_E2E_HOST_DIR:-$ROOT/.vscode-test/code-server}
# 4.100.3 (VS Code 1.100.3) is the newest code-server whose postinstall accepts Node 20;
# 4.103+ wants Node 22. engines.vscode and @types/vscode are held at 1.100 to match.
CS_VERSION=4.100.3
# code-server 4.100.3's VS Code pins @vscode/ripgrep 1.15.11, whose postinstall downloads this
# asset from GitHub unless it already sits in $TMPDIR/vscode-ripgrep-cache-<version>/.
RG_PKG_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
APT_PACKAGES=(libkrb5-dev ripgrep chromium)   # kerberos headers (native module), rg, the browser

log() { echo "[e2e-host] $*"; }
MARKER="$HOST_DIR/.installed-version"
CS_BIN="$HOST_DIR/node_modules/.bin/code-server"

# --- 1. Debian packages -------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "[e2e-host] need root (or sudo) to apt-get install: ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  log "apt-get install ${missing[*]}"
  # Other jobs on the machine may use apt at the same time; dpkg's own lock would just fail.
  $SUDO flock /tmp/apt.lock sh -c "DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing[*]}" >/dev/null
fi

# --- 2. code-server, cached --------------------------------------------------------------------
if [ "${1:-}" != "--force" ] && [ -x "$CS_BIN" ] && [ "$(cat "$MARKER" 2>/dev/null)" = "$CS_VERSION" ]; then
  log "code-server $CS_VERSION already installed in $HOST_DIR"
  exit 0
fi

log "installing code-server $CS_VERSION into $HOST_DIR (about a minute, ~300 MB)"
WORK_TMP=$(mktemp -d)
trap 'rm -rf "$WORK_TMP"' EXIT

# Debian's rg, packed the way @vscode/ripgrep expects its download.
mkdir -p "$WORK_TMP/vscode-ripgrep-cache-$RG_PKG_VERSION" "$WORK_TMP/rg"
cp "$(command -v rg)" "$WORK_TMP/rg/rg"
tar czf "$WORK_TMP/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" -C "$WORK_TMP/rg" rg

# node-gyp must build native modules against the local Node headers; by default it fetches them
# from nodejs.org, which is unreachable. Respect a nodedir the user already configured.
if [ -z "${npm_config_nodedir:-}" ]; then
  configured=$(npm config get nodedir 2>/dev/null || true)
  if [ -z "$configured" ] || [ "$configured" = "undefined" ] || [ "$configured" = "null" ]; then
    NODE_PREFIX=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
    if [ -f "$NODE_PREFIX/include/node/node.h" ]; then
      export npm_config_nodedir="$NODE_PREFIX"
    else
      echo "[e2e-host] no Node headers at $NODE_PREFIX/include/node; node-gyp would try to download them" >&2
    fi
  fi
fi

rm -f "$MARKER"   # a failed install below leaves no marker, so the next run retries
mkdir -p "$HOST_DIR"
[ -f "$HOST_DIR/package.json" ] || echo '{ "name": "runbook-e2e-host", "private": true }' > "$HOST_DIR/package.json"
# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes:         node-pty's postinstall runs `npx node-gyp`, which would stop at a prompt.
# TMPDIR:      where @vscode/ripgrep looks for the pre-seeded archive.
(cd "$HOST_DIR" && TMPDIR="$WORK_TMP" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --no-save --foreground-scripts --loglevel=error "code-server@$CS_VERSION" \
  > "$WORK_TMP/npm.log" 2>&1) || { tail -40 "$WORK_TMP/npm.log" >&2; echo "[e2e-host] npm install failed" >&2; exit 1; }

# Proves the native modules load; its state goes to the throwaway folder, not ~/.config.
got=$(XDG_CONFIG_HOME="$WORK_TMP" XDG_DATA_HOME="$WORK_TMP" HOME="$WORK_TMP" "$CS_BIN" --version | grep -E '^[0-9]+\.' | head -1)
case "$got" in
  "$CS_VERSION "*) ;;
  *) echo "[e2e-host] code-server --version gave '$got', expected $CS_VERSION" >&2; exit 1 ;;
esac
echo "$CS_VERSION" > "$MARKER"
log "installed: code-server $got"
