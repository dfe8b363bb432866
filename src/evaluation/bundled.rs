//! The bundled tender's files, read for the evaluation's unit tests (only the files they need:
//! the whole project's validation is tested elsewhere).

use std::path::PathBuf;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::model::award::AwardRules;
use crate::model::bids::{Bid, load_bids};
use crate::model::load;
use crate::model::tender::Tender;

pub(crate) fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub(crate) fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

pub(crate) fn tender() -> Tender {
    load::read_yaml(&data().join("tender.yaml")).unwrap()
}

pub(crate) fn award() -> AwardRules {
    crate::model::load_award(&data(), &tender()).unwrap()
}

pub(crate) fn bids() -> Vec<Bid> {
    load_bids(&data(), 1).unwrap()
}
