#!/usr/bin/env bash
# Installs what Dateline needs to build and test, from Debian packages, when it is missing.
set -euo pipefail
pkgs=(g++ cmake make ccache pkg-config
      libboost-dev libhowardhinnant-date-dev libfmt-dev catch2
      nlohmann-json3-dev libcli11-dev libbenchmark-dev libpugixml-dev
      python3 python3-icalendar libxml2-utils
      clang libclang-rt-14-dev)  # libFuzzer targets (scripts/test.sh)
if [ "${DATELINE_WITH_BROWSER:-0}" = 1 ]; then pkgs+=(chromium); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
