#!/usr/bin/env bash
# Sets up govgraph on a fresh Debian/Ubuntu machine and runs the main job on the seeds:
# Frog and Chromium from apt, govgraph from this checkout with pip, then build, who-knew
# and the HTML view. Run from the checkout: bash scripts/quickstart.sh  (as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v frog >/dev/null || [ ! -d /usr/share/frog/nld ] || ! command -v chromium >/dev/null; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends frog frogdata chromium
fi
python3 -m pip install -q -e '.[test]'
govgraph build seeds/ --out out/seeds
govgraph query who-knew --graph out/seeds --param as_of=2020-12-31
govgraph render --graph out/seeds -o out/seeds/view.html
echo "Open out/seeds/view.html in a browser."
