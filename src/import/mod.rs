//! The users' own exports in (docs/model.md §15): a Stripe payments export (and its
//! subscriptions export), an affiliate commission ledger (a plain one, or Rewardful's,
//! FirstPromoter's, Dub's, Impact's or PartnerStack's), a PayPal activity download. Each is
//! recognised by its header, whatever the version calls its columns, and turned into the files
//! the rest of sidecast reads: `history.csv` (as `run --actuals` and `calibrate --actuals`
//! read it), `cohorts.csv` (as `fit retention --cohorts` reads it), one row per customer or
//! referral, and `import.json`, the [`Summary`] of what was read, left out and assumed.
//!
//! Pure: texts and options in, file texts and a summary out ([`import`]); reading and writing
//! files is the caller's. A scenario drafted from an import's folder is [`draft`]'s.

pub mod activity;
pub mod draft;
pub mod error;
pub mod ledger;
pub mod ledger_fields;
pub mod options;
pub mod paypal;
pub mod people;
pub mod run;
pub mod stripe;
mod stripe_rows;
pub mod stripe_subscriptions;
pub mod summary;
pub mod table;
pub mod values;
pub mod write;

pub use error::{ImportError, Problem};
pub use options::{Imported, Input, Options, Source, TierBand, Units};
pub use run::import;
pub use summary::Summary;
