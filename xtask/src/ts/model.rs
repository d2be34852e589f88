//! The document types as serde sees them, read from Rust source with `syn`: structs and enums that derive
//! `Serialize`/`Deserialize`, their serde attributes and doc comments, the `codes!` table of error codes,
//! the `params!` table of policy parameters, and string constants. Attributes other than `serde`, `derive`
//! and `doc` (e.g. `cfg_attr` lines for other bindings) are ignored.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Fields, Item, Lit, LitStr, Meta, Token, Type};

/// One serde-derived type.
#[derive(Debug, Clone)]
pub struct Def {
    pub name: String,
    pub generics: Vec<String>,
    pub doc: Vec<String>,
    pub attrs: ContainerAttrs,
    pub body: Body,
    /// Where it was found, for messages.
    pub file: String,
}

#[derive(Debug, Clone)]
pub enum Body {
    Struct(Vec<Field>),
    Tuple(Vec<Type>),
    Unit,
    Enum(Vec<Variant>),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub doc: Vec<String>,
    pub ty: Type,
    pub attrs: FieldAttrs,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub name: String,
    pub doc: Vec<String>,
    pub attrs: FieldAttrs,
    pub body: Body,
}

#[derive(Debug, Clone, Default)]
pub struct ContainerAttrs {
    pub rename: Option<String>,
    pub rename_all: Option<String>,
    pub rename_all_fields: Option<String>,
    pub tag: Option<String>,
    pub content: Option<String>,
    pub untagged: bool,
    pub transparent: bool,
    /// `#[serde(default)]` on the container: every field may be left out.
    pub default: bool,
}

/// Field (and variant) attributes.
#[derive(Debug, Clone, Default)]
pub struct FieldAttrs {
    pub rename: Option<String>,
    /// `rename_all` on a struct variant: applies to its fields.
    pub rename_all: Option<String>,
    pub default: bool,
    /// The predicate of `skip_serializing_if`, e.g. `Option::is_none`.
    pub skip_serializing_if: Option<String>,
    pub skip_serializing: bool,
    pub skip_deserializing: bool,
    pub flatten: bool,
}

/// Everything the generator reads from the core's source.
#[derive(Debug, Default)]
pub struct Model {
    pub defs: BTreeMap<String, Vec<Def>>,
    /// Types whose serde is hand-written (`impl Serialize for X`), by name.
    pub hand_serde: Vec<String>,
    /// The `codes!` table of error codes: (code string, rule id), in declaration order.
    pub codes: Vec<(String, Option<String>)>,
    /// The `passes!` table of the codes of rules that passed, if the core has one.
    pub passes: Vec<(String, Option<String>)>,
    /// `const NAME: &str = "…"` items.
    pub consts: BTreeMap<String, String>,
    /// `const NAME: &[&str] = &["…", …]` items.
    pub const_lists: BTreeMap<String, Vec<String>>,
    params_invoked: bool,
    params_checked: bool,
}

impl Model {
    /// Reads every `(path, source)` given; `tests.rs` files and `#[cfg(test)]` modules are left out by the caller
    /// and here respectively.
    pub fn read(files: &[(String, String)]) -> Result<Model, String> {
        let mut model = Model::default();
        for (path, text) in files {
            let file = syn::parse_file(text).map_err(|e| format!("{path}: {e}"))?;
            model.items(path, &file.items)?;
        }
        if model.params_invoked && !model.params_checked {
            return Err("params! is used but its macro_rules! definition was not found".into());
        }
        Ok(model)
    }

    fn items(&mut self, path: &str, items: &[Item]) -> Result<(), String> {
        for item in items {
            match item {
                Item::Struct(s) if derives_serde(&s.attrs) => {
                    let body = match &s.fields {
                        Fields::Named(named) => Body::Struct(
                            named
                                .named
                                .iter()
                                .map(|f| field(f.ident.as_ref().map(|i| i.to_string()), f))
                                .collect::<Result<_, _>>()
                                .map_err(|e| format!("{}: {e}", s.ident))?,
                        ),
                        Fields::Unnamed(u) => {
                            Body::Tuple(u.unnamed.iter().map(|f| f.ty.clone()).collect())
                        }
                        Fields::Unit => Body::Unit,
                    };
                    self.add(path, &s.ident, &s.generics, &s.attrs, body)?;
                }
                Item::Enum(e) if derives_serde(&e.attrs) => {
                    let mut variants = Vec::new();
                    for v in &e.variants {
                        let body = match &v.fields {
                            Fields::Named(named) => Body::Struct(
                                named
                                    .named
                                    .iter()
                                    .map(|f| field(f.ident.as_ref().map(|i| i.to_string()), f))
                                    .collect::<Result<_, _>>()
                                    .map_err(|err| format!("{}::{}: {err}", e.ident, v.ident))?,
                            ),
                            Fields::Unnamed(u) => {
                                Body::Tuple(u.unnamed.iter().map(|f| f.ty.clone()).collect())
                            }
                            Fields::Unit => Body::Unit,
                        };
                        variants.push(Variant {
                            name: v.ident.to_string(),
                            doc: doc(&v.attrs),
                            attrs: field_attrs(&v.attrs)
                                .map_err(|err| format!("{}::{}: {err}", e.ident, v.ident))?,
                            body,
                        });
                    }
                    self.add(path, &e.ident, &e.generics, &e.attrs, Body::Enum(variants))?;
                }
                Item::Impl(i) => {
                    let serde_impl = i.trait_.as_ref().and_then(|(_, p, _)| p.segments.last());
                    if serde_impl
                        .is_some_and(|s| s.ident == "Serialize" || s.ident == "Deserialize")
                    {
                        if let Type::Path(p) = &*i.self_ty {
                            if let Some(last) = p.path.segments.last() {
                                self.hand_serde.push(last.ident.to_string());
                            }
                        }
                    }
                }
                Item::Mod(m) if !is_cfg_test(&m.attrs) => {
                    if let Some((_, inner)) = &m.content {
                        self.items(path, inner)?;
                    }
                }
                Item::Const(c) => match &*c.expr {
                    Expr::Lit(l) => {
                        if let Lit::Str(s) = &l.lit {
                            self.consts.insert(c.ident.to_string(), s.value());
                        }
                    }
                    Expr::Reference(r) => {
                        if let Expr::Array(a) = &*r.expr {
                            let strings: Vec<String> = a
                                .elems
                                .iter()
                                .filter_map(|e| match e {
                                    Expr::Lit(syn::ExprLit {
                                        lit: Lit::Str(s), ..
                                    }) => Some(s.value()),
                                    _ => None,
                                })
                                .collect();
                            if strings.len() == a.elems.len() {
                                self.const_lists.insert(c.ident.to_string(), strings);
                            }
                        }
                    }
                    _ => {}
                },
                Item::Macro(m) if m.mac.path.is_ident("codes") => {
                    self.codes = code_table(m.mac.tokens.clone())
                        .map_err(|e| format!("{path}: the codes! table: {e}"))?;
                }
                Item::Macro(m) if m.mac.path.is_ident("passes") => {
                    self.passes = code_table(m.mac.tokens.clone())
                        .map_err(|e| format!("{path}: the passes! table: {e}"))?;
                }
                Item::Macro(m) if m.mac.path.is_ident("params") => {
                    let fields = params_table(m.mac.tokens.clone())
                        .map_err(|e| format!("{path}: the params! table: {e}"))?;
                    self.params_invoked = true;
                    let def = Def {
                        name: "Params".into(),
                        generics: Vec::new(),
                        doc: vec![
                            "Parameters of one level (national or a region). Each is a dated timeline; absent means \"inherit\"."
                                .into(),
                        ],
                        attrs: ContainerAttrs::default(),
                        body: Body::Struct(fields),
                        file: path.to_string(),
                    };
                    self.defs.entry(def.name.clone()).or_default().push(def);
                }
                Item::Macro(m) if m.mac.path.is_ident("macro_rules") => {
                    let name = m.ident.as_ref().map(|i| i.to_string());
                    if name.as_deref() == Some("params") {
                        check_params_template(&m.mac.tokens)
                            .map_err(|e| format!("{path}: macro_rules! params: {e}"))?;
                        self.params_checked = true;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn add(
        &mut self,
        path: &str,
        ident: &syn::Ident,
        generics: &syn::Generics,
        attrs: &[Attribute],
        body: Body,
    ) -> Result<(), String> {
        let def = Def {
            name: ident.to_string(),
            generics: generics
                .type_params()
                .map(|p| p.ident.to_string())
                .collect(),
            doc: doc(attrs),
            attrs: container_attrs(attrs).map_err(|e| format!("{ident}: {e}"))?,
            body,
            file: path.to_string(),
        };
        self.defs.entry(def.name.clone()).or_default().push(def);
        Ok(())
    }
}

fn field(name: Option<String>, f: &syn::Field) -> Result<Field, String> {
    let name = name.ok_or("a named field without a name")?;
    Ok(Field {
        doc: doc(&f.attrs),
        attrs: field_attrs(&f.attrs).map_err(|e| format!("field {name}: {e}"))?,
        ty: f.ty.clone(),
        name: name.trim_start_matches("r#").to_string(),
    })
}

fn is_cfg_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta
                .require_list()
                .is_ok_and(|l| l.tokens.to_string().split_whitespace().any(|t| t == "test"))
    })
}

/// `#[derive(…, Serialize | Deserialize, …)]`, with or without the `serde::` path.
fn derives_serde(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            a.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
                .is_ok_and(|paths| {
                    paths.iter().any(|p| {
                        p.segments
                            .last()
                            .is_some_and(|s| s.ident == "Serialize" || s.ident == "Deserialize")
                    })
                })
        })
}

/// Doc comment lines, one leading space removed.
pub fn doc(attrs: &[Attribute]) -> Vec<String> {
    let mut lines = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let Meta::NameValue(nv) = &a.meta {
            if let Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) = &nv.value
            {
                for line in s.value().lines() {
                    lines.push(
                        line.strip_prefix(' ')
                            .unwrap_or(line)
                            .trim_end()
                            .to_string(),
                    );
                }
            }
        }
    }
    lines
}

/// Each `name` or `name = "value"` inside every `#[serde(…)]`.
fn serde_items(attrs: &[Attribute]) -> Result<Vec<(String, Option<String>)>, String> {
    let mut out = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let metas = a
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .map_err(|e| format!("#[serde(…)]: {e}"))?;
        for m in metas {
            let key = m
                .path()
                .get_ident()
                .map(|i| i.to_string())
                .ok_or("#[serde(…)] with a path key")?;
            let value = match &m {
                Meta::Path(_) => None,
                Meta::NameValue(nv) => match &nv.value {
                    Expr::Lit(syn::ExprLit {
                        lit: Lit::Str(s), ..
                    }) => Some(s.value()),
                    _ => return Err(format!("serde({key} = …) is not a string")),
                },
                Meta::List(_) => {
                    return Err(format!(
                        "serde({key}(…)) with separate serialize/deserialize forms is not supported"
                    ))
                }
            };
            out.push((key, value));
        }
    }
    Ok(out)
}

/// Attributes that do not change the JSON shape a TypeScript type describes.
const NEUTRAL: &[&str] = &[
    "deny_unknown_fields",
    "bound",
    "crate",
    "expecting",
    "alias",
    "borrow",
    // A type read through a mirror (`codec::tagged`) derives its serde forms as inherent functions.
    "remote",
];

fn container_attrs(attrs: &[Attribute]) -> Result<ContainerAttrs, String> {
    let mut c = ContainerAttrs::default();
    for (key, value) in serde_items(attrs)? {
        match key.as_str() {
            "rename" => c.rename = value,
            "rename_all" => c.rename_all = value,
            "rename_all_fields" => c.rename_all_fields = value,
            "tag" => c.tag = value,
            "content" => c.content = value,
            "untagged" => c.untagged = true,
            "transparent" => c.transparent = true,
            "default" => c.default = true,
            k if NEUTRAL.contains(&k) => {}
            k => {
                return Err(format!(
                    "serde({k}) is not supported by the TypeScript generator"
                ))
            }
        }
    }
    Ok(c)
}

fn field_attrs(attrs: &[Attribute]) -> Result<FieldAttrs, String> {
    let mut f = FieldAttrs::default();
    for (key, value) in serde_items(attrs)? {
        match key.as_str() {
            "rename" => f.rename = value,
            "rename_all" => f.rename_all = value,
            "default" => f.default = true,
            "skip_serializing_if" => f.skip_serializing_if = value,
            "skip_serializing" => f.skip_serializing = true,
            "skip_deserializing" => f.skip_deserializing = true,
            "skip" => {
                f.skip_serializing = true;
                f.skip_deserializing = true;
            }
            "flatten" => f.flatten = true,
            k if NEUTRAL.contains(&k) => {}
            k => {
                return Err(format!(
                    "serde({k}) is not supported by the TypeScript generator"
                ))
            }
        }
    }
    Ok(f)
}

/// A table of codes (`codes!`, `passes!`): `/// doc` + `Variant = "CODE", rule, …;` lines, where the rule
/// is `None`, `Some("E-1")` or `"E-1"`. Only the code string and the rule are read.
pub fn code_table(tokens: TokenStream) -> Result<Vec<(String, Option<String>)>, String> {
    let parser = |input: ParseStream| {
        let mut out = Vec::new();
        while !input.is_empty() {
            input.call(Attribute::parse_outer)?;
            input.parse::<syn::Ident>()?;
            input.parse::<Token![=]>()?;
            let code: LitStr = input.parse()?;
            let mut rule = None;
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
                rule = match input.parse::<Expr>()? {
                    Expr::Lit(syn::ExprLit {
                        lit: Lit::Str(s), ..
                    }) => Some(s.value()),
                    Expr::Call(c) => match c.args.first() {
                        Some(Expr::Lit(syn::ExprLit {
                            lit: Lit::Str(s), ..
                        })) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                };
            }
            // The rest of the line (texts) up to `;`.
            while !input.is_empty() && !input.peek(Token![;]) {
                input.parse::<proc_macro2::TokenTree>()?;
            }
            if !input.is_empty() {
                input.parse::<Token![;]>()?;
            }
            out.push((code.value(), rule));
        }
        Ok(out)
    };
    let codes = parser.parse2(tokens).map_err(|e| e.to_string())?;
    if codes.is_empty() {
        return Err("no codes".into());
    }
    Ok(codes)
}

/// The `params!` table: `/// doc` + `name: Type,` lines, each becoming the field
/// `#[serde(default, skip_serializing_if = "Option::is_none")] name: Option<Vec<Dated<Type>>>`
/// (checked against the macro's template by [`check_params_template`]).
pub fn params_table(tokens: TokenStream) -> Result<Vec<Field>, String> {
    let parser = |input: ParseStream| {
        let mut out = Vec::new();
        while !input.is_empty() {
            let attrs = input.call(Attribute::parse_outer)?;
            let name: syn::Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            let ty: Type = input.parse()?;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
            out.push((attrs, name, ty));
        }
        Ok(out)
    };
    let rows = parser.parse2(tokens).map_err(|e| e.to_string())?;
    rows.into_iter()
        .map(|(attrs, name, ty)| {
            let ty: Type = syn::parse_quote!(Option<Vec<Dated<#ty>>>);
            Ok(Field {
                name: name.to_string(),
                doc: doc(&attrs),
                ty,
                attrs: FieldAttrs {
                    default: true,
                    skip_serializing_if: Some("Option::is_none".into()),
                    ..FieldAttrs::default()
                },
            })
        })
        .collect()
}

/// The field template of `macro_rules! params` that [`params_table`] assumes.
const PARAMS_TEMPLATE: &str = "pubstructParams{$($(#[$doc])*#[serde(default,skip_serializing_if=\"Option::is_none\")]pub$name:Option<Vec<Dated<$ty>>>,)*}";

fn check_params_template(tokens: &TokenStream) -> Result<(), String> {
    let text = without_cfg_attr(tokens.clone());
    if text.contains(PARAMS_TEMPLATE) {
        Ok(())
    } else {
        Err("its `Params` template is not the one xtask/src/ts reads (update params_table)".into())
    }
}

/// The tokens as text without blanks, `#[cfg_attr(…)]` attributes left out (they serve other bindings).
fn without_cfg_attr(tokens: TokenStream) -> String {
    use proc_macro2::{Delimiter, TokenTree};
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < trees.len() {
        if let (TokenTree::Punct(p), Some(TokenTree::Group(g))) = (&trees[i], trees.get(i + 1)) {
            let is_cfg_attr = g.delimiter() == Delimiter::Bracket
                && g.stream()
                    .into_iter()
                    .next()
                    .is_some_and(|t| t.to_string() == "cfg_attr");
            if p.as_char() == '#' && is_cfg_attr {
                i += 2;
                continue;
            }
        }
        match &trees[i] {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                out.push_str(&without_cfg_attr(g.stream()));
                out.push_str(close);
            }
            t => out.push_str(&t.to_string()),
        }
        i += 1;
    }
    out
}
