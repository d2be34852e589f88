//! Settlement (S-1..S-10): placeholder types until the settlement rules land.

use serde::{Deserialize, Serialize};

use crate::error::{Code, Error};
use crate::policy::PolicyBook;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettleRequest {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settlement {}

pub fn settle(_book: &PolicyBook, _req: &SettleRequest) -> Result<Settlement, Error> {
    Err(Error::new(Code::UnknownOperation, "op"))
}

pub fn reverse(_book: &PolicyBook, _s: &Settlement) -> Result<Settlement, Error> {
    Err(Error::new(Code::UnknownOperation, "op"))
}
