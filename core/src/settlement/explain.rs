//! The explanation of a settlement (E-10 for S-rules): one step per rule applied, with its arithmetic.

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use super::notice::Notice;
use crate::error::Code;
use crate::text::Text;

/// One step of the arithmetic, in zh-CN and en (e.g. `"(1200.00 − 300.00) × 0.60 = 540.00"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The rule applied (`"S-2"`).
    pub rule: String,
    /// The output field this step computes, if any (`"hifp_pay"`).
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
    /// A stable code when the step restricts a payment (`"NOT_DESIGNATED"`, `"PREMIUM_NOT_FULL"`).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub zh: String,
    pub en: String,
}

/// Collects the steps in the order they happen; when off (`"explain": false`), collects no steps. The
/// notices (S-13) are collected either way.
#[derive(Debug, Default)]
pub(crate) struct Trace {
    pub steps: Vec<Step>,
    pub notices: Vec<Notice>,
    off: bool,
}

/// Adds a step to a [`Trace`]; the text (from the catalogue) and the field are built only when the
/// trace is on.
macro_rules! step {
    ($t:expr, $rule:expr, $field:expr, $text:expr $(,)?) => {
        if $t.on() {
            $t.step($rule, $field, $text)
        }
    };
}

/// Adds a restriction to a [`Trace`], lazily as [`step!`].
macro_rules! restrict {
    ($t:expr, $code:expr, $field:expr, $text:expr $(,)?) => {
        if $t.on() {
            $t.restriction($code, $field, $text)
        }
    };
}

pub(crate) use {restrict, step};

impl Trace {
    /// A trace that collects (`on`) or not, with room for `steps` steps (a settlement: one per line
    /// and the bill's own, so the list is not grown step by step).
    pub fn new(on: bool, steps: usize) -> Trace {
        Trace {
            steps: if on {
                Vec::with_capacity(steps)
            } else {
                Vec::new()
            },
            notices: Vec::new(),
            off: !on,
        }
    }

    /// Whether steps are collected; callers build texts only then (see [`step!`]).
    #[inline]
    pub fn on(&self) -> bool {
        !self.off
    }

    /// A step; `field` as a `String` is moved in, not copied.
    pub fn step(&mut self, rule: &str, field: impl Into<String>, t: Text) {
        self.steps.push(Step {
            rule: rule.into(),
            field: field.into(),
            code: None,
            zh: t.zh,
            en: t.en,
        });
    }

    /// S-13: records a notice, whether or not the trace is on. The first one makes room for eight (a
    /// bill with several 全自费 or non-medical lines gives one per line), so the list grows once.
    pub fn notice(&mut self, n: Notice) {
        if self.notices.capacity() == 0 {
            self.notices.reserve_exact(8);
        }
        self.notices.push(n);
    }

    /// A step that explains why money could not pay, with the code a host can match on.
    pub fn restriction(&mut self, code: Code, field: impl Into<String>, t: Text) {
        self.steps.push(Step {
            rule: code.rule().unwrap_or("").into(),
            field: field.into(),
            code: Some(code.as_str().into()),
            zh: t.zh,
            en: t.en,
        });
    }
}
