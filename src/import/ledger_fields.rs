//! What commission ledgers call their columns and statuses. The names come from the
//! platforms' documentation (Rewardful's commission fields `created_at, amount, state
//! (pending, due, paid, voided), due_at, paid_at, voided_at`; FirstPromoter's `created_at,
//! amount, status (pending, approved, denied), is_paid, sale_amount`; Dub's commissions table
//! `Date, Customer, Partner, Type, Amount (the sale), Commission, Status (pending, processed,
//! paid, refunded, fraud, canceled, duplicate)`; Impact's actions `Action Date, Payout,
//! Status (pending, approved, reversed)`; PartnerStack's rewards `created_at, amount,
//! customer_key`). The exact CSV headers of their dashboard exports are not all documented,
//! so each field also answers to the plain ledger's name and to `--column FIELD=HEADER`.

use super::table::{Field, Table, key};

pub const DATE: Field = Field {
    name: "date",
    aliases: &[
        "date",
        "commission_date",
        "action_date",
        "event_date",
        "conversion_date",
        "sale_date",
        "transaction_date",
        "created_at",
        "created",
        "created_date",
        "earned_at",
        "earned_on",
    ],
};
pub const REFERRAL: Field = Field {
    name: "referral",
    aliases: &[
        "referral",
        "referral_id",
        "referral_email",
        "customer_id",
        "customer",
        "customer_email",
        "customer_key",
        "customer_name",
        "referred_customer",
        "stripe_customer_id",
        "subscriber",
        "lead",
        "lead_email",
    ],
};
pub const AMOUNT: Field = Field {
    name: "amount",
    aliases: &["commission", "commission_amount", "earnings", "payout", "reward", "reward_amount", "amount"],
};
pub const STATUS: Field = Field { name: "status", aliases: &["status", "state", "commission_status"] };
pub const PAID_AT: Field = Field {
    name: "paid_at",
    aliases: &["paid_at", "paid_date", "date_paid", "paid_on", "payout_date", "payment_date"],
};
pub const IS_PAID: Field = Field { name: "is_paid", aliases: &["is_paid", "paid"] };
pub const REVERSED_AT: Field = Field {
    name: "reversed_at",
    aliases: &[
        "reversed_at",
        "voided_at",
        "denied_at",
        "refunded_at",
        "canceled_at",
        "cancelled_at",
        "reversal_date",
        "status_updated_at",
    ],
};
pub const PLAN: Field =
    Field { name: "plan", aliases: &["plan", "plan_name", "product", "product_name", "plan_metadata"] };
pub const PROGRAMME: Field = Field {
    name: "programme",
    aliases: &["programme", "program", "program_name", "campaign", "campaign_name", "brand", "advertiser"],
};
pub const CURRENCY: Field = Field { name: "currency", aliases: &["currency"] };
/// Every field of a ledger.
pub const ALL: [Field; 12] =
    [DATE, REFERRAL, AMOUNT, STATUS, PAID_AT, IS_PAID, REVERSED_AT, PLAN, PROGRAMME, CURRENCY, TYPE, UNIT];

/// FirstPromoter's reward unit: `cash`, or a reward that is not money (points, credits,
/// free months, discounts).
pub const UNIT: Field = Field { name: "unit", aliases: &["unit", "reward_unit"] };
pub const TYPE: Field = Field { name: "type", aliases: &["type", "commission_type", "action_type"] };

/// Statuses of commissions that are earned.
const EARNED: [&str; 16] = [
    "",
    "pending",
    "approved",
    "due",
    "processed",
    "processing",
    "locked",
    "cleared",
    "completed",
    "complete",
    "confirmed",
    "eligible",
    "unpaid",
    "accepted",
    "earned",
    "payable",
];
/// Statuses of commissions that are not (voided, denied, reversed, ...).
const VOID: [&str; 14] = [
    "void",
    "voided",
    "denied",
    "declined",
    "rejected",
    "reversed",
    "refunded",
    "canceled",
    "cancelled",
    "fraud",
    "duplicate",
    "chargeback",
    "returned",
    "reversal",
];

/// What a commission's status makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Earned,
    Paid,
    /// Voided, denied, reversed, ...: not earned unless it had been paid.
    Void,
}

/// The class of a status (lower case).
///
/// # Errors
/// The message for an unknown status, listing the known ones.
pub fn classify(status: &str, _kind: &str) -> Result<Class, String> {
    match status {
        "paid" | "paid out" | "settled" => Ok(Class::Paid),
        s if EARNED.contains(&s) => Ok(Class::Earned),
        s if VOID.contains(&s) => Ok(Class::Void),
        s => Err(format!(
            "`{s}` is not a commission status sidecast knows; earned: {}, paid; not earned: {}",
            EARNED[1..].join(", "),
            VOID.join(", ")
        )),
    }
}

/// Whether a yes/no cell says yes.
pub fn truthy(cell: &str) -> bool {
    matches!(cell, "true" | "yes" | "y" | "1" | "paid")
}

/// Whether a header names the sale's amount rather than the commission's.
pub fn key_is_sale(header: &str) -> bool {
    matches!(key(header).as_str(), "sale_amount" | "sale" | "order_amount" | "revenue")
}

/// Which export the header looks like, for the summary.
pub fn recognise(table: &Table) -> &'static str {
    if table.has_any(&["partner"]) && table.has_any(&["commission"]) {
        "Dub commissions export"
    } else if table.has_any(&["due_at", "voided_at", "due_date"]) {
        "Rewardful commissions export"
    } else if table.has_any(&["is_paid", "promoter", "promoter_email"]) {
        "FirstPromoter commissions export"
    } else if table.has_any(&["action_date", "action_id", "locking_date"]) {
        "Impact actions export"
    } else if table.has_any(&["customer_key", "reward", "reward_amount"]) {
        "PartnerStack rewards export"
    } else {
        "commission ledger"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_earned_paid_or_void() {
        assert_eq!(classify("due", ""), Ok(Class::Earned));
        assert_eq!(classify("processed", ""), Ok(Class::Earned));
        assert_eq!(classify("paid", ""), Ok(Class::Paid));
        assert_eq!(classify("reversed", ""), Ok(Class::Void));
        assert_eq!(classify("fraud", ""), Ok(Class::Void));
        assert!(classify("maybe", "").unwrap_err().contains("`maybe` is not a commission status"));
        assert!(key_is_sale("Sale Amount") && !key_is_sale("Commission"));
    }
}
