#!/usr/bin/env bash
# Installs the Debian libraries @confluentinc/kafka-javascript's native build links against, if missing.
# Its prebuilt binary cannot be downloaded on some machines (CI here), and Debian's own librdkafka is too old to
# link with, so `npm ci` builds the bundled librdkafka with CKJS_LINKING=dynamic against these (about 4 minutes).
# Never fatal: without them the build, and so `npm ci`, says what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

packages=(libssl-dev zlib1g-dev libsasl2-dev libzstd-dev liblz4-dev libcurl4-openssl-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0
apt_install "librdkafka build" "the native build of @confluentinc/kafka-javascript may fail" "${missing[@]}" || true
exit 0
