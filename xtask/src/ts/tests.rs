use super::emit::{Dir, Gen};
use super::model::Model;

/// The declarations of the types reached from `roots` in a snippet of Rust.
fn types_of(src: &str, roots: &[(&str, Dir)]) -> Result<String, String> {
    let model = Model::read(&[("lib.rs".into(), src.into())])?;
    let mut gen = Gen::new(&model);
    for (root, dir) in roots {
        gen.reach(root, *dir, 0)?;
    }
    gen.declarations(&["test".into()])
}

fn ok(src: &str, roots: &[(&str, Dir)]) -> String {
    match types_of(src, roots) {
        Ok(t) => t,
        Err(e) => panic!("generation failed: {e}"),
    }
}

#[test]
fn unit_enum_is_a_string_union_with_rename_all() {
    let src = r#"
        /// How the money moves.
        #[derive(Serialize, Deserialize)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        #[serde(rename_all = "snake_case")]
        pub enum Mode {
            /// Inside the province.
            InProvince,
            #[serde(rename = "purse")]
            Wallet,
        }
    "#;
    assert_eq!(
        ok(src, &[("Mode", Dir::In)]),
        "\n// ---- test ----\n/** How the money moves. */\nexport type Mode =\n  /** Inside the province. */\n  | 'in_province'\n  | 'purse';\n"
    );
}

#[test]
fn internally_and_adjacently_tagged_enums_are_discriminated_unions() {
    let src = r#"
        #[derive(Serialize, Deserialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        pub enum Event { Opened { person: String }, Ticked }
        #[derive(Serialize, Deserialize)]
        #[serde(tag = "type", content = "args", rename_all = "snake_case")]
        pub enum Command { Grant { relationship: String, amount: u32 }, Tick }
    "#;
    let ts = ok(src, &[("Event", Dir::Out), ("Command", Dir::In)]);
    assert!(ts.contains("export type Event =\n  | { type: 'opened'; person: string }\n  | { type: 'ticked' };\n"), "{ts}");
    assert!(
        ts.contains("export type Command =\n  | { type: 'grant'; args: { relationship: string; amount: number } }\n  | { type: 'tick' };\n"),
        "{ts}"
    );
}

#[test]
fn default_and_option_follow_serde_in_each_direction() {
    let src = r#"
        #[derive(Serialize, Deserialize)]
        pub struct Account {
            pub id: String,
            #[serde(default)]
            pub seq: u32,
            pub note: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub level: Option<u8>,
        }
        #[derive(Serialize, Deserialize)]
        pub struct Request { pub account: Account }
        #[derive(Serialize, Deserialize)]
        pub struct Response { pub account: Account }
    "#;
    let ts = ok(src, &[("Request", Dir::In), ("Response", Dir::Out)]);
    // As input: a default or an Option may be left out; null is accepted for an Option.
    assert!(
        ts.contains("export interface Account {\n  id: string;\n  seq?: number;\n  note?: string | null;\n  level?: number | null;\n}\n"),
        "{ts}"
    );
    // As output: every key is written but the skipped one, which is then never null.
    assert!(
        ts.contains("export interface AccountOut {\n  id: string;\n  seq: number;\n  note: string | null;\n  level?: number;\n}\n"),
        "{ts}"
    );
    assert!(
        ts.contains("export interface Response {\n  account: AccountOut;\n}\n"),
        "{ts}"
    );
    assert!(
        ts.contains("export interface Request {\n  account: Account;\n}\n"),
        "{ts}"
    );
}

#[test]
fn a_type_whose_views_agree_is_written_once() {
    let src = r#"
        #[derive(Serialize, Deserialize)]
        pub struct Visit { pub kind: String, #[serde(default, skip_serializing_if = "Vec::is_empty")] pub tags: Vec<String> }
        #[derive(Serialize, Deserialize)]
        pub struct Out { pub visit: Visit }
    "#;
    let ts = ok(src, &[("Visit", Dir::In), ("Out", Dir::Out)]);
    assert!(
        ts.contains("export interface Visit {\n  kind: string;\n  tags?: string[];\n}\n"),
        "{ts}"
    );
    assert!(!ts.contains("VisitOut"), "{ts}");
}

#[test]
fn rename_all_rename_transparent_and_generics() {
    let src = r#"
        #[derive(Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct Doc {
            pub given_name: String,
            #[serde(rename = "type")]
            pub kind: Id,
            pub history: Vec<Dated<Option<u32>>>,
            pub by_region: BTreeMap<String, bool>,
        }
        #[derive(Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct Id { inner: String }
        #[derive(Serialize, Deserialize)]
        pub struct Dated<T> { pub from: String, pub value: T }
    "#;
    let ts = ok(src, &[("Doc", Dir::Out)]);
    assert!(
        ts.contains("export interface Doc {\n  givenName: string;\n  type: Id;\n  history: Dated<number | null>[];\n  byRegion: Record<string, boolean>;\n}\n"),
        "{ts}"
    );
    assert!(ts.contains("export type Id = string;\n"), "{ts}");
    assert!(
        ts.contains("export interface Dated<T> {\n  from: string;\n  value: T;\n}\n"),
        "{ts}"
    );
}

#[test]
fn an_unmappable_type_fails_with_its_name() {
    let src = r#"
        #[derive(Serialize, Deserialize)]
        pub struct Request { pub at: Instant }
    "#;
    let err = types_of(src, &[("Request", Dir::In)]).unwrap_err();
    assert!(
        err.contains("`Instant`") && err.contains("Request.at"),
        "{err}"
    );

    let hand = r#"
        pub struct Percent(u8);
        impl Serialize for Percent { fn serialize() {} }
        #[derive(Serialize, Deserialize)]
        pub struct Request { pub share: Percent }
    "#;
    let err = types_of(hand, &[("Request", Dir::In)]).unwrap_err();
    assert!(
        err.contains("`Percent`") && err.contains("hand-written"),
        "{err}"
    );
}

#[test]
fn unsupported_serde_attributes_fail() {
    let src = r#"
        #[derive(Serialize, Deserialize)]
        pub struct Request { #[serde(with = "secs")] pub at: u64 }
    "#;
    let err = types_of(src, &[("Request", Dir::In)]).unwrap_err();
    assert!(err.contains("serde(with)"), "{err}");
}

#[test]
fn scalars_map_to_the_template_brands() {
    let src = r#"
        #[derive(Serialize, Deserialize)]
        pub struct Bill { pub amount: Money, pub ratio: Ratio, pub date: Date, pub at: Option<DateTime>, pub region: RegionCode }
    "#;
    let ts = ok(src, &[("Bill", Dir::Out)]);
    assert!(
        ts.contains("  amount: Money;\n  ratio: Ratio;\n  date: DateText;\n  at: DateTimeText | null;\n  region: RegionCode;\n"),
        "{ts}"
    );
}

#[test]
fn codes_table_gives_codes_and_rules() {
    let src = r#"
        macro_rules! codes { ($($t:tt)*) => {}; }
        codes! {
            // ---- malformed input ----
            InvalidJson = "INVALID_JSON", None, "JSON 格式错误", "malformed JSON";
            SamePerson = "SAME_PERSON", Some("E-4"), "不能是同一人", "must be different persons";
        }
    "#;
    let model = Model::read(&[("error.rs".into(), src.into())]).unwrap();
    assert_eq!(
        model.codes,
        vec![
            ("INVALID_JSON".to_string(), None),
            ("SAME_PERSON".to_string(), Some("E-4".to_string()))
        ]
    );
}

#[test]
fn the_core_generates_and_matches_the_committed_file() {
    let root = crate::util::root();
    let text = super::generate_from(&root.join("core/src")).unwrap();
    // The operations' documents are all there, the error codes a union, the rule fixes in place.
    for needle in [
        "export interface SettleRequest {",
        "export type Code =\n  | 'INVALID_JSON'\n",
        "export interface WalletStateOut {",
        "  schema: 'gongji-wallet/1';",
        "export type Operation = 'check_eligibility' | 'apply'",
        "readonly code: Code;",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }
    let committed = std::fs::read_to_string(root.join("pkg/index.d.ts")).unwrap();
    assert!(
        committed == text,
        "pkg/index.d.ts is stale: run `cargo xtask types`"
    );
}

#[test]
fn external_untagged_newtype_and_flatten() {
    let src = r#"
        #[derive(Serialize, Deserialize)]
        pub enum Shape { Dot, Circle { r: u32 }, Label(String) }
        #[derive(Serialize, Deserialize)]
        #[serde(untagged)]
        pub enum Either { Number(u32), Text(String) }
        #[derive(Serialize, Deserialize)]
        #[serde(tag = "kind")]
        pub enum Wrapped { Inner(Base) }
        #[derive(Serialize, Deserialize)]
        pub struct Base { pub id: String }
        #[derive(Serialize, Deserialize)]
        pub struct Extended { pub extra: bool, #[serde(flatten)] pub base: Base, #[serde(skip)] pub cache: Instant }
    "#;
    let ts = ok(
        src,
        &[
            ("Shape", Dir::Out),
            ("Either", Dir::Out),
            ("Wrapped", Dir::Out),
            ("Extended", Dir::Out),
        ],
    );
    assert!(ts.contains("export type Shape =\n  | 'Dot'\n  | { Circle: { r: number } }\n  | { Label: string };\n"), "{ts}");
    assert!(
        ts.contains("export type Either =\n  | number\n  | string;\n"),
        "{ts}"
    );
    assert!(
        ts.contains("export type Wrapped =\n  | { kind: 'Inner' } & Base;\n"),
        "{ts}"
    );
    // A skipped field is not there (its type need not map); a flattened one joins by intersection.
    assert!(
        ts.contains("export type Extended = {\n  extra: boolean;\n} & Base;\n"),
        "{ts}"
    );
}

#[test]
fn params_table_becomes_dated_timelines_and_its_template_is_checked() {
    let template = r#"
        macro_rules! params {
            ($( $(#[$doc:meta])* $name:ident : $ty:ty, )*) => {
                #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
                #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
                #[serde(deny_unknown_fields)]
                pub struct Params {
                    $( $(#[$doc])* #[serde(default, skip_serializing_if = "Option::is_none")]
                       #[cfg_attr(feature = "uniffi", uniffi(default = None))]
                       pub $name: Option<Vec<Dated<$ty>>>, )*
                }
            };
        }
        params! {
            /// E-5: the region has the wallet.
            wallet_enabled: bool,
            cap: Option<u32>,
        }
        #[derive(Serialize, Deserialize)]
        pub struct Dated<T> { pub from: String, pub value: T }
    "#;
    let ts = ok(template, &[("Params", Dir::In)]);
    assert!(
        ts.contains("  /** E-5: the region has the wallet. */\n  wallet_enabled?: Dated<boolean>[] | null;\n  cap?: Dated<number | null>[] | null;\n"),
        "{ts}"
    );
    // Another template (here: the fields are no longer optional) stops the generator.
    let changed = template.replace(
        r#"#[serde(default, skip_serializing_if = "Option::is_none")]"#,
        "",
    );
    let err = types_of(&changed, &[("Params", Dir::In)]).unwrap_err();
    assert!(err.contains("macro_rules! params"), "{err}");
}
