#!/usr/bin/env bash
# macOS only (needs Xcode): builds GongjiFFI.xcframework for iOS devices, the iOS simulator and macOS,
# generates the Swift bindings, and lays out this Swift package. Then:
#   cd bindings/uniffi/swift && swift test        # XCTest: every vector + the idiomatic API
#   swift run GongjiDemo                          # the worked example
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"
for t in "${targets[@]}"; do
    # The release profile keeps unwinding (a panic becomes an error) and strips only debug info.
    cargo build --release --locked -p gongji-ffi --lib --target "$t"
done

# Swift sources and the C header/modulemap, generated from the host library by the pinned uniffi-bindgen.
cargo xtask bindings
gen="$root/build/bindings/swift"

stage="$here/.build-ffi"
rm -rf "$stage" "$here/GongjiFFI.xcframework"
mkdir -p "$stage/headers"
# Two C modules in one library: the functions (GongjiFFI) and the core's types (GongjiCoreFFI).
cp "$gen/GongjiFFI.h" "$gen/GongjiCoreFFI.h" "$stage/headers/"
{ cat "$gen/GongjiFFI.modulemap"; echo; cat "$gen/GongjiCoreFFI.modulemap"; echo; } > "$stage/headers/module.modulemap"
lib() { echo "$target_dir/$1/release/libgongji_ffi.a"; }
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$stage/libgongji_ffi-ios-simulator.a"
lipo -create "$(lib aarch64-apple-darwin)" "$(lib x86_64-apple-darwin)" -output "$stage/libgongji_ffi-macos.a"
xcodebuild -create-xcframework \
    -library "$(lib aarch64-apple-ios)" -headers "$stage/headers" \
    -library "$stage/libgongji_ffi-ios-simulator.a" -headers "$stage/headers" \
    -library "$stage/libgongji_ffi-macos.a" -headers "$stage/headers" \
    -output "$here/GongjiFFI.xcframework"

rm -rf "$here/Sources/GongjiDemo" "$here/Tests"
mkdir -p "$here/Sources/GongjiDemo" "$here/Tests/GongjiTests"
# Sources/Gongji (both generated files, the one Swift module `Gongji`) is committed and kept current by
# `cargo xtask bindings` (run above); the root Package.swift compiles it too.
cp "$root/examples/swift/main.swift" "$here/Sources/GongjiDemo/"
cp "$root"/tests/swift/*.swift "$here/Tests/GongjiTests/"
echo "GongjiFFI.xcframework and the Swift package are ready in $here"
