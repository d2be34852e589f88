#!/usr/bin/env bash
# macOS only: makes the release asset of the Swift package and points the root Package.swift at it.
#   bindings/uniffi/swift/release-xcframework.sh <version> <download-url-prefix>
# e.g. release-xcframework.sh 0.1.0 https://github.com/OWNER/gongji/releases/download/v0.1.0
# 1. builds GongjiFFI.xcframework (build-xcframework.sh) and zips it (ditto, as SwiftPM expects);
# 2. computes its SwiftPM checksum (`swift package compute-checksum`);
# 3. writes the URL and checksum into the root Package.swift (`releaseURL`, `releaseChecksum`).
# Upload GongjiFFI.xcframework.zip as that release's asset, commit Package.swift, tag the version.
set -euo pipefail
version="${1:?version}"
prefix="${2:?download URL prefix}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

"$here/build-xcframework.sh"
zip="$here/GongjiFFI.xcframework.zip"
rm -f "$zip"
(cd "$here" && ditto -c -k --sequesterRsrc --keepParent GongjiFFI.xcframework "$zip")
checksum="$(cd "$root" && swift package compute-checksum "$zip")"
url="$prefix/GongjiFFI.xcframework.zip"
sed -i '' -e "s|^let releaseURL = \".*\"|let releaseURL = \"$url\"|" \
          -e "s|^let releaseChecksum = \".*\"|let releaseChecksum = \"$checksum\"|" "$root/Package.swift"
echo "gongji $version: $url"
echo "checksum $checksum (written to Package.swift)"
