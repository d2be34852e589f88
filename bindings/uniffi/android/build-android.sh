#!/usr/bin/env bash
# Builds libgongji_ffi.so for Android ABIs into src/main/jniLibs/<abi>/ and generates the Kotlin
# bindings into build/bindings/kotlin. Needs the Android NDK (ANDROID_NDK_HOME) and cargo-ndk.
#   bindings/uniffi/android/build-android.sh [abi…]     (default: arm64-v8a armeabi-v7a x86_64)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
abis=("$@")
[ ${#abis[@]} -gt 0 ] || abis=(arm64-v8a armeabi-v7a x86_64)

command -v cargo-ndk >/dev/null || cargo install cargo-ndk --locked
declare -A rust_target=([arm64-v8a]=aarch64-linux-android [armeabi-v7a]=armv7-linux-androideabi [x86_64]=x86_64-linux-android [x86]=i686-linux-android)
for abi in "${abis[@]}"; do rustup target add "${rust_target[$abi]}"; done

ndk_args=()
for abi in "${abis[@]}"; do ndk_args+=(-t "$abi"); done
# Release profile: unwinding kept (a panic becomes an error), only debug info stripped (uniffi's
# metadata must survive), API level 24 to match minSdk. ELF segments aligned to 16 KB so the library
# loads on 16 KB-page devices (NDK r28 does this by default; older NDKs need the flag).
export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-Wl,-z,max-page-size=16384"
cargo ndk "${ndk_args[@]}" --platform 24 -o "$here/src/main/jniLibs" build --release --locked -p gongji-ffi --lib

# Kotlin sources from the host library (same metadata as the Android builds).
cargo xtask bindings
echo "jniLibs: $(cd "$here/src/main/jniLibs" && ls)"

# The AAR, where an Android SDK and Gradle are at hand (ANDROID_HOME / local.properties).
if command -v gradle >/dev/null; then
    (cd "$here" && gradle --no-daemon assembleRelease)
    echo "AAR: $here/build/outputs/aar/gongji-release.aar"
else
    echo "no gradle on PATH: run 'gradle assembleRelease' in $here for the AAR"
fi
