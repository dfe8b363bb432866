//! Test data: the bundled tender divided into lots, its bids spread over them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::BidLot;
use crate::model::Project;

/// The bundled project divided as `lots` (a `lots:` value of tender.yaml) with no recorded
/// single winner; each bid is for the lots `lots_of(bidder id)` gives, with its bundled scores
/// and the rates of each lot's price lines.
pub(crate) fn divided(lots: &str, lots_of: impl Fn(&str) -> Vec<u32>) -> Project {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let (mut p, _) = Project::read(&data, 1).unwrap();
    p.tender.lots = Some(serde_yaml::from_str(lots).unwrap());
    let declared = p.tender.lots.clone().unwrap();
    for b in &mut p.bids {
        let rates = std::mem::take(&mut b.rates);
        let quality = std::mem::take(&mut b.quality);
        for n in lots_of(&b.id) {
            let lines = declared.lot(n).and_then(|l| l.price_lines.clone());
            let rates: BTreeMap<_, _> = rates
                .iter()
                .filter(|(id, _)| lines.as_ref().is_none_or(|ls| ls.contains(id)))
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            let part = BidLot {
                rates,
                quality: quality.clone(),
                ..BidLot::default()
            };
            b.lots.insert(n, part);
        }
    }
    p.decision.as_mut().unwrap().winner = None;
    p
}
