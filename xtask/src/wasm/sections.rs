//! The wasm binary format as far as the build needs it: section rewriting (target features, exported
//! globals) and the final module's check against the mini-program runtimes' feature set.

use wasmparser::{Parser, Payload, Validator, WasmFeatures};

/// The same set for the final check.
fn allowed_features() -> WasmFeatures {
    WasmFeatures::MVP
        | WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::SATURATING_FLOAT_TO_INT
}

fn leb(bytes: &[u8], at: &mut usize) -> Result<u32, String> {
    let mut result: u32 = 0;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at).ok_or("truncated LEB128")?;
        *at += 1;
        result |= u32::from(b & 0x7f)
            .checked_shl(shift)
            .ok_or("LEB128 too long")?;
        if b & 0x80 == 0 {
            return Ok(result);
        }
        shift += 7;
    }
}

fn put_leb(out: &mut Vec<u8>, mut n: u32) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_name(out: &mut Vec<u8>, name: &[u8]) {
    put_leb(out, name.len() as u32);
    out.extend_from_slice(name);
}

fn slice(bytes: &[u8], from: usize, to: usize) -> Result<&[u8], String> {
    bytes
        .get(from..to)
        .ok_or_else(|| "truncated wasm".to_string())
}

/// Rewrites a module section by section: `edit(id, body)` returns a replacement body or `None` to keep it.
fn rewrite_sections(
    wasm: &[u8],
    mut edit: impl FnMut(u8, &[u8]) -> Result<Option<Vec<u8>>, String>,
) -> Result<Vec<u8>, String> {
    let mut out = slice(wasm, 0, 8)?.to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = *wasm.get(at).ok_or("truncated wasm")?;
        at += 1;
        let size = leb(wasm, &mut at)? as usize;
        let body = slice(wasm, at, at + size)?;
        at += size;
        match edit(id, body)? {
            Some(new) => {
                out.push(id);
                put_leb(&mut out, new.len() as u32);
                out.extend_from_slice(&new);
            }
            None => out.extend_from_slice(slice(wasm, start, at)?),
        }
    }
    Ok(out)
}

/// Removes the named features from the `target_features` custom section.
pub(super) fn strip_target_features(wasm: &[u8], unwanted: &[&str]) -> Result<Vec<u8>, String> {
    rewrite_sections(wasm, |id, body| {
        let mut at = 0;
        if id != 0 {
            return Ok(None);
        }
        let len = leb(body, &mut at)? as usize;
        if slice(body, at, at + len)? != b"target_features" {
            return Ok(None);
        }
        at += len;
        let count = leb(body, &mut at)?;
        let mut kept = Vec::new();
        for _ in 0..count {
            let prefix = *body.get(at).ok_or("truncated target_features")?;
            at += 1;
            let len = leb(body, &mut at)? as usize;
            let name = slice(body, at, at + len)?;
            at += len;
            if !unwanted.iter().any(|u| u.as_bytes() == name) {
                kept.push((prefix, name));
            }
        }
        let mut new = Vec::new();
        put_name(&mut new, b"target_features");
        put_leb(&mut new, kept.len() as u32);
        for (prefix, name) in kept {
            new.push(prefix);
            put_name(&mut new, name);
        }
        Ok(Some(new))
    })
}

/// Drops exported globals (wasm-bindgen's `__instance_terminated` and `__abort_handler`, which its JS does not
/// use with `panic = "abort"`): WeChat on iOS cannot instantiate a module that exports a `Global`.
pub(super) fn drop_global_exports(wasm: &[u8]) -> Result<(Vec<u8>, Vec<String>), String> {
    let mut dropped = Vec::new();
    let out = rewrite_sections(wasm, |id, body| {
        if id != 7 {
            return Ok(None);
        }
        let mut at = 0;
        let count = leb(body, &mut at)?;
        let mut kept: Vec<&[u8]> = Vec::new();
        for _ in 0..count {
            let start = at;
            let len = leb(body, &mut at)? as usize;
            let name = slice(body, at, at + len)?;
            at += len;
            let kind = *body.get(at).ok_or("truncated export")?;
            at += 1;
            leb(body, &mut at)?;
            if kind == 3 {
                dropped.push(String::from_utf8_lossy(name).into_owned());
            } else {
                kept.push(slice(body, start, at)?);
            }
        }
        let mut new = Vec::new();
        put_leb(&mut new, kept.len() as u32);
        for entry in kept {
            new.extend_from_slice(entry);
        }
        Ok(Some(new))
    })?;
    Ok((out, dropped))
}

/// The final module's contract with the mini-program runtimes: it validates with only the allowed
/// features, exports no `Global`, and imports nothing but the glue and its memory is its own.
pub(super) fn check_module(wasm: &[u8]) -> Result<(), String> {
    Validator::new_with_features(allowed_features())
        .validate_all(wasm)
        .map_err(|e| format!("the wasm needs a feature outside the allowed set: {e}"))?;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(|e| e.to_string())?;
                    if export.kind == wasmparser::ExternalKind::Global {
                        return Err(format!(
                            "the wasm exports the global {}: iOS WeChat cannot load it",
                            export.name
                        ));
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(|e| e.to_string())?;
                    if !matches!(
                        import.ty,
                        wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_)
                    ) {
                        return Err(format!(
                            "the wasm imports {} {:?}: only functions are expected",
                            import.name, import.ty
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::build::UNWANTED_TARGET_FEATURES;
    use super::*;

    fn module(sections: &[(u8, Vec<u8>)]) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        for (id, body) in sections {
            m.push(*id);
            put_leb(&mut m, body.len() as u32);
            m.extend_from_slice(body);
        }
        m
    }

    #[test]
    fn target_features_are_stripped_and_globals_dropped() {
        let mut features = Vec::new();
        put_name(&mut features, b"target_features");
        put_leb(&mut features, 2);
        for name in ["reference-types", "sign-ext"] {
            features.push(b'+');
            put_name(&mut features, name.as_bytes());
        }
        // One global (i32, immutable, i32.const 0) exported, and the section of exports.
        let globals = vec![1, 0x7f, 0, 0x41, 0, 0x0b];
        let mut exports = vec![1];
        put_name(&mut exports, b"__abort_handler");
        exports.extend_from_slice(&[3, 0]);
        let wasm = module(&[(6, globals.clone()), (7, exports), (0, features)]);
        assert!(
            check_module(&wasm).is_err(),
            "an exported global must be refused"
        );

        let (no_globals, dropped) = drop_global_exports(&wasm).unwrap();
        assert_eq!(dropped, vec!["__abort_handler".to_string()]);
        let stripped = strip_target_features(&no_globals, UNWANTED_TARGET_FEATURES).unwrap();
        let mut want_features = Vec::new();
        put_name(&mut want_features, b"target_features");
        put_leb(&mut want_features, 1);
        want_features.push(b'+');
        put_name(&mut want_features, b"sign-ext");
        assert_eq!(
            stripped,
            module(&[(6, globals), (7, vec![0]), (0, want_features)])
        );
        check_module(&stripped).unwrap();
    }

    #[test]
    fn feature_set_refuses_post_mvp_proposals() {
        // (func (result i32 i32) i32.const 0 i32.const 0): multi-value.
        let wasm = module(&[
            (1, vec![1, 0x60, 0, 2, 0x7f, 0x7f]),
            (3, vec![1, 0]),
            (10, vec![1, 6, 0, 0x41, 0, 0x41, 0, 0x0b]),
        ]);
        assert!(check_module(&wasm).is_err());
    }
}
