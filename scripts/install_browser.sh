#!/usr/bin/env bash
# Install what tests/test_viewer_browser.py needs: Debian chromium and the
# Python playwright package. Playwright is only ever pointed at
# /usr/bin/chromium (executable_path), so `playwright install` (which downloads
# its own browser builds from a CDN) is never run.
#
# Usage: scripts/install_browser.sh [path/to/python]   (default: .venv/bin/python)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${1:-$repo/.venv/bin/python}"

if [ ! -x /usr/bin/chromium ]; then
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -q
    $sudo_cmd apt-get install -y -q --no-install-recommends chromium fonts-noto-core
fi

if ! "$python" -c "import playwright" 2>/dev/null; then
    "$python" -m pip install -q "playwright>=1.40"
fi

# Fail here, not in the test, when the two cannot talk to each other.
"$python" - <<'PY'
from playwright.sync_api import sync_playwright

with sync_playwright() as p:
    browser = p.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--headless", "--no-sandbox", "--disable-gpu"],
    )
    print("chromium", browser.version, "ok")
    browser.close()
PY
