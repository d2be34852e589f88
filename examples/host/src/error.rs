//! The host's refusals, in the shape of the core's error documents (code, rule, field, message_zh,
//! message_en) with an HTTP status.

use gongji_core::ErrorDoc;

/// A refusal: an HTTP status and an error document (boxed: errors travel in every `Result`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostError {
    pub status: u16,
    pub doc: Box<ErrorDoc>,
}

macro_rules! host_errors {
    ($($name:ident = ($status:expr, $code:expr, $zh:expr, $en:expr);)*) => {
        impl HostError {
            $(
                #[allow(non_snake_case)]
                pub fn $name(field: &str) -> HostError {
                    HostError::new($status, $code, field, $zh, $en)
                }
            )*
        }
    };
}

host_errors! {
    token_missing = (401, "TOKEN_MISSING", "请求未携带身份令牌", "the request carries no token");
    token_invalid = (401, "TOKEN_INVALID", "身份令牌无效或签名不符", "the token is malformed or its signature does not match");
    token_expired = (401, "TOKEN_EXPIRED", "身份令牌已过期或有效期过长", "the token has expired or lives too long");
    token_replayed = (401, "TOKEN_REPLAYED", "身份令牌已使用过（重放）", "the token was used before (a replay)");
    wrong_ledger = (403, "TOKEN_WRONG_LEDGER", "身份令牌不属于该账本", "the token is not for this ledger");
    forbidden = (403, "FORBIDDEN", "当前身份无权执行此操作", "this identity may not do this");
    command_invalid = (400, "COMMAND_INVALID", "请求格式不正确", "the request is not a valid command");
    command_id_reused = (409, "COMMAND_ID_REUSED", "命令编号已用于另一条命令", "the command id was used for another command");
    busy = (503, "LEDGER_BUSY", "账本繁忙，请稍后重试", "the ledger is busy: retry later");
    store = (500, "STORE_FAILED", "数据库错误", "the database failed");
    not_found = (404, "NOT_FOUND", "没有该地址", "no such path");
}

impl HostError {
    fn new(status: u16, code: &str, field: &str, zh: &str, en: &str) -> HostError {
        HostError {
            status,
            doc: Box::new(ErrorDoc {
                code: code.into(),
                rule: None,
                field: field.into(),
                message_zh: zh.into(),
                message_en: en.into(),
            }),
        }
    }

    /// A core refusal (422): its error document as the core wrote it.
    pub fn core(e: &gongji_core::Error) -> HostError {
        HostError {
            status: 422,
            doc: Box::new(e.to_doc()),
        }
    }

    /// With a detail appended to the English message (for bad JSON: where and why).
    pub fn detail(mut self, en: impl std::fmt::Display) -> HostError {
        self.doc.message_en = format!("{}: {en}", self.doc.message_en);
        self
    }

    pub fn body(&self) -> String {
        serde_json::to_string(&self.doc).unwrap_or_default()
    }
}

impl From<crate::store::StoreError> for HostError {
    fn from(e: crate::store::StoreError) -> HostError {
        HostError::store("").detail(e.0)
    }
}
