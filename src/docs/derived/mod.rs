//! The values the templates print that are computed from the model rather than typed in the
//! data: `tender_derived` and `award_derived` in the invitation's and the price form's context.

mod award;
mod lots;
mod lots_award;
mod tender;

pub use award::{AwardDerived, PriceMethodView};
pub use lots::LotsView;
pub use lots_award::LotsAwardView;
pub use tender::TenderDerived;
pub(crate) use tender::procedure_name;
