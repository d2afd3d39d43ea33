#!/usr/bin/env bash
# Install what the browser tests need: Debian's Chromium (driven by
# Playwright for Python through executable_path) and, from the npm registry,
# axe-core as pinned in tests/browser/package-lock.json.  Run as root for the
# Chromium part; does nothing that is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=$([ "$(id -u)" -ne 0 ] && echo sudo || true)
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
fi
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/browser --no-audit --no-fund
fi
echo "install-browser: chromium and axe-core are installed"
