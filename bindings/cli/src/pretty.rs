//! `--pretty`: indents a compact JSON document without parsing it, so keys keep the core's order and
//! every string and number is written exactly as the core wrote it.

/// Two spaces a level, `": "` after a key, one element a line; empty `{}` and `[]` stay on one line.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n("  ", depth));
}

#[cfg(test)]
mod tests {
    use super::indent;

    #[test]
    fn indents_and_keeps_strings_verbatim() {
        let doc = r#"{"a":"x, {y}: \"z\"","b":[1,{}],"c":[],"d":{"e":"1.00"}}"#;
        let want = "{\n  \"a\": \"x, {y}: \\\"z\\\"\",\n  \"b\": [\n    1,\n    {}\n  ],\n  \"c\": [],\n  \"d\": {\n    \"e\": \"1.00\"\n  }\n}";
        assert_eq!(indent(doc), want);
    }

    #[test]
    fn the_indented_text_is_the_same_document() {
        let doc = r#"{"k":"v\\","n":[true,null,"长\u0001"]}"#;
        let a: serde_json::Value = serde_json::from_str(doc).unwrap();
        let b: serde_json::Value = serde_json::from_str(&indent(doc)).unwrap();
        assert_eq!(a, b);
    }
}
