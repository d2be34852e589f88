//! `uniffi-bindgen`, built from the same pinned uniffi as the library. Run in library mode:
//! `uniffi-bindgen generate --library target/debug/libgongji_ffi.so --language kotlin --out-dir …`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
