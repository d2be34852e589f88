//! TypeScript for the document types: every type reachable from the operations' input and output documents,
//! in two views where serde makes them differ. A type read as input (the "in" view) has a key optional
//! (`?:`) when serde may leave it out (`default`, or an `Option`); a type written as output (the "out" view)
//! has a key optional only when serde may skip it (`skip_serializing_if`). A type reached both ways whose
//! views differ is emitted twice: `Name` (in) and `NameOut` (out); the out view is then a subtype of the in
//! view, so an output can be passed back as an input.

use std::collections::{BTreeMap, BTreeSet};

use syn::{GenericArgument, PathArguments, Type};

use super::model::{Body, Def, Field, Model, Variant};

/// Rust types with hand-written serde as a string, and what they are in TypeScript (declared by the template).
pub const SCALARS: &[(&str, &str)] = &[
    ("Money", "Money"),
    ("Ratio", "Ratio"),
    ("Date", "DateText"),
    ("DateTime", "DateTimeText"),
    ("TimeOfDay", "TimeOfDayText"),
    ("RegionCode", "RegionCode"),
    ("PersonId", "PersonId"),
    // A rule's verdict: the code of a rule that passed (the `passes!` table) or an error code.
    ("ReasonCode", "Pass | Code"),
    // The `codes!` table, emitted as the union `Code`.
    ("Code", "Code"),
];

/// Public TypeScript names that differ from the Rust ones.
pub const RENAMES: &[(&str, &str)] = &[("PolicyBook", "PolicyBookDoc")];

/// Fields whose TypeScript type is narrower than their Rust type says: (type, field, TypeScript).
/// `const:NAME` is the string constant `NAME` of the core as a literal type. Each entry must match a field.
pub const REFINEMENTS: &[(&str, &str, &str)] = &[
    ("WalletState", "schema", "const:WALLET_SCHEMA"),
    ("Settlement", "schema", "const:SETTLEMENT_SCHEMA"),
    ("SettlementSummary", "schema", "const:SUMMARY_SCHEMA"),
    ("PolicyBook", "schema", "const:POLICY_SCHEMA"),
    // `ErrorDoc.code` is a `Code`'s string form.
    ("ErrorDoc", "code", "Code"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dir {
    In,
    Out,
}

pub struct Gen<'m> {
    model: &'m Model,
    /// (type, view) in the order first reached, with the section (operation) that reached it.
    order: Vec<(String, Dir, usize)>,
    reached: BTreeSet<(String, Dir)>,
    differs: BTreeMap<String, bool>,
    /// TypeScript names the output uses that the template must declare.
    pub scalars_used: BTreeSet<String>,
    refinements_used: BTreeSet<(String, String)>,
}

impl<'m> Gen<'m> {
    pub fn new(model: &'m Model) -> Gen<'m> {
        Gen {
            model,
            order: Vec::new(),
            reached: BTreeSet::new(),
            differs: BTreeMap::new(),
            scalars_used: BTreeSet::new(),
            refinements_used: BTreeSet::new(),
        }
    }

    fn def(&self, name: &str) -> Result<&'m Def, String> {
        match self.model.defs.get(name).map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some(many) if many.len() > 1 => Err(format!(
                "the Rust type `{name}` is defined more than once ({}): cannot tell which one",
                many.iter().map(|d| d.file.as_str()).collect::<Vec<_>>().join(", ")
            )),
            _ if self.model.hand_serde.iter().any(|h| h == name) => Err(format!(
                "cannot map the Rust type `{name}` to TypeScript: its serde is hand-written; add it to SCALARS"
            )),
            _ => Err(format!(
                "cannot map the Rust type `{name}` to TypeScript: no serde-derived definition found"
            )),
        }
    }

    /// Marks `root` and everything it refers to as reached in `dir`, depth first.
    pub fn reach(&mut self, root: &str, dir: Dir, section: usize) -> Result<(), String> {
        if !self.reached.insert((root.to_string(), dir)) {
            return Ok(());
        }
        let def = self.def(root)?;
        self.order.push((root.to_string(), dir, section));
        for (ty, at) in def_types(def, dir) {
            let mut refs = Vec::new();
            collect_refs(ty, &def.generics, &mut refs);
            for r in refs {
                if !SCALARS.iter().any(|(s, _)| *s == r) && !is_builtin(&r) {
                    self.reach(&r, dir, section)
                        .map_err(|e| format!("{e} (in `{root}.{at}`)"))?;
                }
            }
        }
        Ok(())
    }

    fn has_in(&self, name: &str) -> bool {
        self.reached.contains(&(name.to_string(), Dir::In))
    }

    /// Whether the out view of `name` differs from its in view (itself or through a type it uses).
    fn view_differs(&mut self, name: &str) -> Result<bool, String> {
        if let Some(d) = self.differs.get(name) {
            return Ok(*d);
        }
        self.differs.insert(name.to_string(), false); // cycle guard
        let def = self.def(name)?;
        let own =
            self.render_body(def, Dir::In, true, 0)? != self.render_body(def, Dir::Out, true, 0)?;
        let mut refs = Vec::new();
        for dir in [Dir::In, Dir::Out] {
            for (ty, _) in def_types(def, dir) {
                collect_refs(ty, &def.generics, &mut refs);
            }
        }
        let mut any = own;
        for r in refs {
            if self.model.defs.contains_key(&r) && self.view_differs(&r)? {
                any = true;
            }
        }
        self.differs.insert(name.to_string(), any);
        Ok(any)
    }

    /// The TypeScript name of a Rust type in a view.
    pub fn name(&mut self, rust: &str, dir: Dir) -> Result<String, String> {
        let base = RENAMES
            .iter()
            .find(|(r, _)| *r == rust)
            .map_or(rust, |(_, ts)| *ts)
            .to_string();
        if dir == Dir::Out && self.has_in(rust) && self.view_differs(rust)? {
            Ok(format!("{base}Out"))
        } else {
            Ok(base)
        }
    }

    /// Every reached type's declaration, in the order reached, with a comment line per section.
    pub fn declarations(&mut self, sections: &[String]) -> Result<String, String> {
        let mut out = String::new();
        let mut emitted = BTreeSet::new();
        let mut section = usize::MAX;
        for (rust, dir, sec) in self.order.clone() {
            let name = self.name(&rust, dir)?;
            if !emitted.insert(name.clone()) {
                continue;
            }
            if sec != section {
                section = sec;
                out.push_str(&format!("\n// ---- {} ----\n", sections[sec]));
            }
            // A type reached only as output is written in its out view under its plain name.
            let dir = if self.has_in(&rust) { dir } else { Dir::Out };
            let def = self.def(&rust)?;
            out.push_str(&self.declaration(def, &name, dir)?);
        }
        for (ty, field, _) in REFINEMENTS {
            let reached = self.reached.iter().any(|(n, _)| n == ty);
            if reached
                && !self
                    .refinements_used
                    .contains(&(ty.to_string(), field.to_string()))
            {
                return Err(format!(
                    "the refinement of `{ty}.{field}` matches no field: update REFINEMENTS"
                ));
            }
        }
        Ok(out)
    }

    fn declaration(&mut self, def: &Def, name: &str, dir: Dir) -> Result<String, String> {
        let mut out = jsdoc(&def.doc, 0);
        let generics = if def.generics.is_empty() {
            String::new()
        } else {
            format!("<{}>", def.generics.join(", "))
        };
        let plain_struct = matches!(&def.body, Body::Struct(fields) if !def.attrs.transparent && !fields.iter().any(|f| f.attrs.flatten));
        if plain_struct {
            let body = self.render_body(def, dir, false, 0)?;
            out.push_str(&format!("export interface {name}{generics} {body}\n"));
        } else {
            let body = self.render_body(def, dir, false, 0)?;
            out.push_str(&format!("export type {name}{generics} ={body};\n"));
        }
        Ok(out)
    }

    /// The body of a declaration: `{ … }` for a struct, ` A | B` (or a multi-line union) for the rest.
    /// `naive`: refer to other types by their Rust names (to compare the two views).
    fn render_body(
        &mut self,
        def: &Def,
        dir: Dir,
        naive: bool,
        indent: usize,
    ) -> Result<String, String> {
        let ctx = Ctx { def, dir, naive };
        match &def.body {
            Body::Struct(fields) if def.attrs.transparent => {
                let f = fields
                    .iter()
                    .find(|f| !skipped(f, dir))
                    .ok_or_else(|| format!("`{}` is transparent but has no field", def.name))?;
                Ok(format!(" {}", self.ty(&ctx, &f.ty)?))
            }
            Body::Struct(fields) => {
                let rename_all = def.attrs.rename_all.as_deref();
                let (object, flattened) =
                    self.object(&ctx, fields, rename_all, &[], indent, true)?;
                if flattened.is_empty() {
                    Ok(object)
                } else {
                    Ok(format!(" {object} & {}", flattened.join(" & ")))
                }
            }
            Body::Tuple(types) => Ok(format!(" {}", self.tuple(&ctx, types)?)),
            Body::Unit => Ok(" null".into()),
            Body::Enum(variants) => self.union(&ctx, variants),
        }
    }

    fn tuple(&mut self, ctx: &Ctx, types: &[Type]) -> Result<String, String> {
        match types {
            [one] => self.ty(ctx, one),
            many => Ok(format!(
                "[{}]",
                many.iter()
                    .map(|t| self.ty(ctx, t))
                    .collect::<Result<Vec<_>, _>>()?
                    .join(", ")
            )),
        }
    }

    /// An object type from fields (plus leading `extra` keys, e.g. a tag), and the flattened types.
    /// Multi-line when `block` or when a field has a doc comment.
    fn object(
        &mut self,
        ctx: &Ctx,
        fields: &[Field],
        rename_all: Option<&str>,
        extra: &[(String, String)],
        indent: usize,
        block: bool,
    ) -> Result<(String, Vec<String>), String> {
        let mut rows: Vec<(Vec<String>, String)> = extra
            .iter()
            .map(|(k, v)| (Vec::new(), format!("{}: {v}", key(k))))
            .collect();
        let mut flattened = Vec::new();
        for f in fields {
            if skipped(f, ctx.dir) {
                continue;
            }
            let refined = REFINEMENTS
                .iter()
                .find(|(t, n, _)| *t == ctx.def.name && *n == f.name)
                .map(|(_, _, ts)| *ts);
            let ty = match refined {
                Some(ts) => {
                    self.refinements_used
                        .insert((ctx.def.name.clone(), f.name.clone()));
                    match ts.strip_prefix("const:") {
                        Some(c) => {
                            let value = self.model.consts.get(c).ok_or_else(|| {
                                format!(
                                    "the constant `{c}` (refining `{}.{}`) is not in the core",
                                    ctx.def.name, f.name
                                )
                            })?;
                            quote(value)
                        }
                        None => {
                            self.scalars_used.insert(ts.to_string());
                            ts.to_string()
                        }
                    }
                }
                None => {
                    let ty = match (ctx.dir, f.attrs.skip_serializing_if.as_deref()) {
                        (Dir::Out, Some("Option::is_none")) => option_inner(&f.ty).unwrap_or(&f.ty),
                        _ => &f.ty,
                    };
                    self.ty(ctx, ty)
                        .map_err(|e| format!("{e} (in `{}.{}`)", ctx.def.name, f.name))?
                }
            };
            if f.attrs.flatten {
                flattened.push(ty);
                continue;
            }
            let optional = match ctx.dir {
                Dir::In => {
                    f.attrs.default || ctx.def.attrs.default || option_inner(&f.ty).is_some()
                }
                Dir::Out => f.attrs.skip_serializing_if.is_some(),
            };
            let name = match &f.attrs.rename {
                Some(r) => r.clone(),
                None => rename_field(&f.name, rename_all)?,
            };
            rows.push((
                f.doc.clone(),
                format!("{}{}: {ty}", key(&name), if optional { "?" } else { "" }),
            ));
        }
        let multi = block
            || rows
                .iter()
                .any(|(doc, row)| !doc.is_empty() || row.contains('\n'));
        if rows.is_empty() {
            return Ok(("{}".into(), flattened));
        }
        if !multi {
            let inner: Vec<&str> = rows.iter().map(|(_, r)| r.as_str()).collect();
            return Ok((format!("{{ {} }}", inner.join("; ")), flattened));
        }
        let pad = " ".repeat(indent + 2);
        let mut s = String::from("{\n");
        for (doc, row) in rows {
            s.push_str(&jsdoc(&doc, indent + 2));
            s.push_str(&format!("{pad}{row};\n"));
        }
        s.push_str(&" ".repeat(indent));
        s.push('}');
        Ok((s, flattened))
    }

    /// An enum as a union, one member a line.
    fn union(&mut self, ctx: &Ctx, variants: &[Variant]) -> Result<String, String> {
        let attrs = &ctx.def.attrs;
        let mut members = Vec::new();
        for v in variants {
            let excluded = match ctx.dir {
                Dir::In => v.attrs.skip_deserializing,
                Dir::Out => v.attrs.skip_serializing,
            };
            if excluded {
                continue;
            }
            let tag_value = match &v.attrs.rename {
                Some(r) => r.clone(),
                None => rename_variant(&v.name, attrs.rename_all.as_deref())?,
            };
            let fields_rename = v
                .attrs
                .rename_all
                .as_deref()
                .or(attrs.rename_all_fields.as_deref());
            let lit = quote(&tag_value);
            let member = match (&attrs.tag, &attrs.content, attrs.untagged) {
                (_, _, true) => match &v.body {
                    Body::Unit => "null".to_string(),
                    Body::Tuple(t) => self.tuple(ctx, t)?,
                    Body::Struct(f) => self.object(ctx, f, fields_rename, &[], 4, false)?.0,
                    Body::Enum(_) => unreachable!("a variant is not an enum"),
                },
                (None, _, false) => match &v.body {
                    Body::Unit => lit,
                    Body::Tuple(t) => format!("{{ {}: {} }}", key(&tag_value), self.tuple(ctx, t)?),
                    Body::Struct(f) => {
                        let (o, _) = self.object(ctx, f, fields_rename, &[], 6, false)?;
                        format!("{{ {}: {o} }}", key(&tag_value))
                    }
                    Body::Enum(_) => unreachable!("a variant is not an enum"),
                },
                (Some(tag), None, false) => {
                    let tag_row = [(tag.clone(), lit.clone())];
                    match &v.body {
                        Body::Unit => self.object(ctx, &[], None, &tag_row, 4, false)?.0,
                        Body::Struct(f) => self.object(ctx, f, fields_rename, &tag_row, 4, false)?.0,
                        Body::Tuple(t) if t.len() == 1 => {
                            format!("{{ {}: {lit} }} & {}", key(tag), self.tuple(ctx, t)?)
                        }
                        _ => {
                            return Err(format!(
                                "`{}::{}`: an internally tagged variant must be a unit, struct or newtype",
                                ctx.def.name, v.name
                            ))
                        }
                    }
                }
                (Some(tag), Some(content), false) => {
                    let mut rows = vec![(tag.clone(), lit.clone())];
                    match &v.body {
                        Body::Unit => {}
                        Body::Tuple(t) => rows.push((content.clone(), self.tuple(ctx, t)?)),
                        Body::Struct(f) => {
                            let (o, _) = self.object(ctx, f, fields_rename, &[], 6, false)?;
                            rows.push((content.clone(), o));
                        }
                        Body::Enum(_) => unreachable!("a variant is not an enum"),
                    }
                    self.object(ctx, &[], None, &rows, 4, false)?.0
                }
            };
            members.push((v.doc.clone(), member));
        }
        if members.is_empty() {
            return Ok(" never".into());
        }
        let mut s = String::from("\n");
        for (doc, member) in members {
            s.push_str(&jsdoc(&doc, 2));
            s.push_str(&format!("  | {member}\n"));
        }
        s.pop();
        Ok(s)
    }

    /// A Rust type in TypeScript.
    fn ty(&mut self, ctx: &Ctx, ty: &Type) -> Result<String, String> {
        match ty {
            Type::Path(p) if p.qself.is_none() => {
                let last = p.path.segments.last().ok_or("an empty path")?;
                let name = last.ident.to_string();
                let args: Vec<&Type> = match &last.arguments {
                    PathArguments::AngleBracketed(a) => a
                        .args
                        .iter()
                        .filter_map(|g| match g {
                            GenericArgument::Type(t) => Some(t),
                            _ => None,
                        })
                        .collect(),
                    PathArguments::None => Vec::new(),
                    PathArguments::Parenthesized(_) => {
                        return Err(format!("cannot map the Rust type `{name}(…)`"))
                    }
                };
                let arg = |i: usize| {
                    args.get(i)
                        .copied()
                        .ok_or_else(|| format!("`{name}` without its type argument"))
                };
                if ctx.def.generics.contains(&name) && args.is_empty() {
                    return Ok(name);
                }
                match name.as_str() {
                    "Option" => Ok(format!("{} | null", self.ty(ctx, arg(0)?)?)),
                    "Vec" | "VecDeque" | "BTreeSet" | "HashSet" | "IndexSet" => {
                        Ok(array(&self.ty(ctx, arg(0)?)?))
                    }
                    "BTreeMap" | "HashMap" | "IndexMap" => Ok(format!(
                        "Record<{}, {}>",
                        self.ty(ctx, arg(0)?)?,
                        self.ty(ctx, arg(1)?)?
                    )),
                    "Box" | "Rc" | "Arc" | "Cow" => self.ty(ctx, arg(0)?),
                    "String" | "str" | "char" => Ok("string".into()),
                    "bool" => Ok("boolean".into()),
                    n if is_number(n) => Ok("number".into()),
                    n => {
                        if let Some((_, ts)) = SCALARS.iter().find(|(r, _)| *r == n) {
                            if ts.contains("Pass") && self.model.passes.is_empty() {
                                return Err(format!(
                                    "`{n}` is `Pass | Code`, but no passes! table was found"
                                ));
                            }
                            self.scalars_used.insert(ts.to_string());
                            return Ok(ts.to_string());
                        }
                        let def = self.def(n)?;
                        if def.generics.len() != args.len() {
                            return Err(format!(
                                "`{n}` takes {} type arguments",
                                def.generics.len()
                            ));
                        }
                        let ts = if ctx.naive {
                            n.to_string()
                        } else {
                            self.name(n, ctx.dir)?
                        };
                        if args.is_empty() {
                            Ok(ts)
                        } else {
                            let a = args
                                .iter()
                                .map(|t| self.ty(ctx, t))
                                .collect::<Result<Vec<_>, _>>()?;
                            Ok(format!("{ts}<{}>", a.join(", ")))
                        }
                    }
                }
            }
            Type::Reference(r) => self.ty(ctx, &r.elem),
            Type::Paren(p) => self.ty(ctx, &p.elem),
            Type::Group(g) => self.ty(ctx, &g.elem),
            Type::Array(a) => Ok(array(&self.ty(ctx, &a.elem)?)),
            Type::Slice(s) => Ok(array(&self.ty(ctx, &s.elem)?)),
            Type::Tuple(t) if t.elems.is_empty() => Ok("null".into()),
            Type::Tuple(t) => {
                let types: Vec<Type> = t.elems.iter().cloned().collect();
                Ok(format!(
                    "[{}]",
                    types
                        .iter()
                        .map(|e| self.ty(ctx, e))
                        .collect::<Result<Vec<_>, _>>()?
                        .join(", ")
                ))
            }
            other => Err(format!(
                "cannot map the Rust type `{}` to TypeScript",
                quote::ToTokens::to_token_stream(other)
            )),
        }
    }
}

struct Ctx<'a> {
    def: &'a Def,
    dir: Dir,
    naive: bool,
}

fn skipped(f: &Field, dir: Dir) -> bool {
    match dir {
        Dir::In => f.attrs.skip_deserializing,
        Dir::Out => f.attrs.skip_serializing,
    }
}

/// The field and variant types of a definition present in a view, each with where it is (`field`,
/// `Variant.field`, `Variant`).
fn def_types(def: &Def, dir: Dir) -> Vec<(&Type, String)> {
    fn fields<'a>(fields: &'a [Field], dir: Dir, prefix: &str) -> Vec<(&'a Type, String)> {
        fields
            .iter()
            .filter(|f| !skipped(f, dir))
            .map(|f| (&f.ty, format!("{prefix}{}", f.name)))
            .collect()
    }
    let mut out = Vec::new();
    match &def.body {
        Body::Struct(f) => out.extend(fields(f, dir, "")),
        Body::Tuple(t) => out.extend(t.iter().map(|t| (t, "0".to_string()))),
        Body::Unit => {}
        Body::Enum(variants) => {
            for v in variants {
                match &v.body {
                    Body::Struct(f) => out.extend(fields(f, dir, &format!("{}.", v.name))),
                    Body::Tuple(t) => out.extend(t.iter().map(|t| (t, v.name.clone()))),
                    _ => {}
                }
            }
        }
    }
    out
}

/// The names of the path types a type mentions (outermost first), generic parameters left out.
fn collect_refs(ty: &Type, generics: &[String], out: &mut Vec<String>) {
    match ty {
        Type::Path(p) => {
            if let Some(last) = p.path.segments.last() {
                let name = last.ident.to_string();
                if !generics.contains(&name) && !out.contains(&name) {
                    out.push(name);
                }
                if let PathArguments::AngleBracketed(a) = &last.arguments {
                    for g in &a.args {
                        if let GenericArgument::Type(t) = g {
                            collect_refs(t, generics, out);
                        }
                    }
                }
            }
        }
        Type::Reference(r) => collect_refs(&r.elem, generics, out),
        Type::Paren(p) => collect_refs(&p.elem, generics, out),
        Type::Group(g) => collect_refs(&g.elem, generics, out),
        Type::Array(a) => collect_refs(&a.elem, generics, out),
        Type::Slice(s) => collect_refs(&s.elem, generics, out),
        Type::Tuple(t) => t.elems.iter().for_each(|e| collect_refs(e, generics, out)),
        _ => {}
    }
}

fn is_number(n: &str) -> bool {
    matches!(
        n,
        "u8" | "u16"
            | "u32"
            | "u64"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "isize"
            | "f32"
            | "f64"
    )
}

fn is_builtin(n: &str) -> bool {
    is_number(n)
        || matches!(
            n,
            "Option"
                | "Vec"
                | "VecDeque"
                | "BTreeSet"
                | "HashSet"
                | "IndexSet"
                | "BTreeMap"
                | "HashMap"
                | "IndexMap"
                | "Box"
                | "Rc"
                | "Arc"
                | "Cow"
                | "String"
                | "str"
                | "char"
                | "bool"
        )
}

fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    match &last.arguments {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

fn array(inner: &str) -> String {
    // Parenthesised when a union or an intersection is at the top level.
    let mut depth = 0i32;
    let mut top_level_operator = false;
    for c in inner.chars() {
        match c {
            '<' | '(' | '[' | '{' => depth += 1,
            '>' | ')' | ']' | '}' => depth -= 1,
            '|' | '&' if depth == 0 => top_level_operator = true,
            _ => {}
        }
    }
    if top_level_operator {
        format!("({inner})[]")
    } else {
        format!("{inner}[]")
    }
}

/// A string literal type.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// An object key, quoted unless it is an identifier.
fn key(name: &str) -> String {
    let ident = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        name.to_string()
    } else {
        quote(name)
    }
}

/// A doc comment as JSDoc at `indent`, or nothing.
pub fn jsdoc(lines: &[String], indent: usize) -> String {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| plain_links(&l.replace("*/", "*\\/")))
        .collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let lines = &lines[first..=last];
    let pad = " ".repeat(indent);
    if let [one] = lines {
        return format!("{pad}/** {one} */\n");
    }
    let mut s = format!("{pad}/**\n");
    for l in lines {
        if l.is_empty() {
            s.push_str(&format!("{pad} *\n"));
        } else {
            s.push_str(&format!("{pad} * {l}\n"));
        }
    }
    s.push_str(&format!("{pad} */\n"));
    s
}

/// Rust intra-doc links (`` [`Error`] ``) as plain code spans.
fn plain_links(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("[`") {
        let Some(close) = rest[at + 2..].find("`]") else {
            break;
        };
        let end = at + 2 + close + 2;
        if rest[end..].starts_with('(') || rest[end..].starts_with('[') {
            out.push_str(&rest[..end]);
        } else {
            out.push_str(&rest[..at]);
            out.push_str(&rest[at + 1..end - 1]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// serde's `rename_all` on a variant name (PascalCase).
pub fn rename_variant(name: &str, rule: Option<&str>) -> Result<String, String> {
    let snake = || {
        let mut s = String::new();
        for (i, c) in name.char_indices() {
            if c.is_uppercase() && i > 0 {
                s.push('_');
            }
            s.push(c.to_ascii_lowercase());
        }
        s
    };
    Ok(match rule {
        None | Some("PascalCase") => name.to_string(),
        Some("lowercase") => name.to_ascii_lowercase(),
        Some("UPPERCASE") => name.to_ascii_uppercase(),
        Some("camelCase") => {
            let mut c = name.chars();
            c.next()
                .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
                .unwrap_or_default()
        }
        Some("snake_case") => snake(),
        Some("SCREAMING_SNAKE_CASE") => snake().to_ascii_uppercase(),
        Some("kebab-case") => snake().replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => snake().to_ascii_uppercase().replace('_', "-"),
        Some(other) => return Err(format!("unknown rename_all rule \"{other}\"")),
    })
}

/// serde's `rename_all` on a field name (snake_case).
pub fn rename_field(name: &str, rule: Option<&str>) -> Result<String, String> {
    let pascal = || {
        name.split('_')
            .map(|part| {
                let mut c = part.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect::<String>()
    };
    Ok(match rule {
        None | Some("snake_case") | Some("lowercase") => name.to_string(),
        Some("UPPERCASE") | Some("SCREAMING_SNAKE_CASE") => name.to_ascii_uppercase(),
        Some("PascalCase") => pascal(),
        Some("camelCase") => {
            let p = pascal();
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
                .unwrap_or_default()
        }
        Some("kebab-case") => name.replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => name.to_ascii_uppercase().replace('_', "-"),
        Some(other) => return Err(format!("unknown rename_all rule \"{other}\"")),
    })
}
