#!/usr/bin/env bash
# install-deps.sh: installs the Debian packages and npm modules zhurnal needs (idempotent)
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
  build-essential pkg-config meson ninja-build clang libclang-rt-14-dev
  libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libicu-dev libsodium-dev
  libpango1.0-dev libcairo2-dev fonts-dejavu-core libxlsxwriter-dev libcsv-dev libzip-dev libexpat1-dev
  libcmocka-dev curl wrk poppler-utils chromium
)
# node and npm may come from another packaging (nodesource bundles npm); only ask Debian when absent
command -v node >/dev/null 2>&1 || PKGS+=(nodejs)
command -v npm >/dev/null 2>&1 || PKGS+=(npm)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# UI tooling for browser tests (playwright-core drives Debian's chromium)
if [ -f package-lock.json ] && [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exit 0
