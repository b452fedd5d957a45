//! `sidecast init --from DIR`: a scenario drafted from an import's folder. Two files: the
//! projection from today (the customers or subscribers active in the data's last month, per
//! tier or plan, with their tenure; `start_month` the month after; `first_month` the data's
//! first) and its companion from month 1 with the same priors, for `calibrate` with the
//! imported history. Arrivals and churn are priors centred on what the data say and wide
//! enough to be honest ([`priors`]); spends are the customers' amounts; what an export cannot
//! say (markups, hours, payout thresholds) is a default with a comment saying so.

mod affiliate;
mod data;
pub mod priors;
mod reseller;

pub use data::{Draft, Folder};

use super::error::{ImportError, Problem};
use data::read;

/// The scenario files for the folder `folder` names, to be written as `projection` and
/// `calibration` (the names go in their comments).
///
/// # Errors
/// A problem naming the file that cannot be read, or a source with nothing to draft from.
pub fn draft(folder: &Folder, projection: &str, calibration: &str) -> Result<Draft, ImportError> {
    let mut data = read(folder)?;
    data.names = (projection.to_string(), calibration.to_string());
    if data.people.is_empty() && data.summary.source != "paypal" {
        let file = if data.summary.source == "stripe" { "customers.csv" } else { "referrals.csv" };
        return Err(ImportError::one(Problem::file(
            &format!("{}/{file}", folder.name),
            "no customers or referrals to draft from: run sidecast import again into this folder".into(),
        )));
    }
    match data.summary.source.as_str() {
        "stripe" => Ok(reseller::draft(&data)),
        "commissions" => Ok(affiliate::draft(&data)),
        other => Err(ImportError::one(Problem::file(
            &format!("{}/import.json", folder.name),
            format!(
                "a `{other}` import holds payouts only, nothing a scenario's customers or referrals can be drafted from: import your payments (sidecast import stripe) or your commission ledger (sidecast import commissions) and draft from that folder"
            ),
        ))),
    }
}
