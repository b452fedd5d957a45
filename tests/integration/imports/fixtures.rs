//! Writes the simulated business as the users' files are exported: Stripe payments (two
//! header versions, failed, fully and partly refunded charges, charges in another currency,
//! charges at a month's last second, one file or two that overlap) and subscriptions; a
//! commission ledger in a plain form and in each platform's; a PayPal download in US and
//! European locales with the rows that are not payouts; a Notion page of weekly rows and a
//! European spreadsheet of a history.

use super::business::{Affiliate, Commission, Dice, Reseller, calendar, days_in};

/// Cents as `1180.00`, or `1,180.00` with thousands separators.
pub fn dollars(cents: i64, grouped: bool) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let whole = (cents.abs() / 100).to_string();
    let whole = if grouped { group(&whole, ',') } else { whole };
    format!("{sign}{whole}.{:02}", cents.abs() % 100)
}

/// Cents as `1.180,00` (European).
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", group(&(cents.abs() / 100).to_string(), '.'), cents.abs() % 100)
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn iso(m: usize, day: u32) -> String {
    let (y, mo) = calendar(m);
    format!("{y}-{mo:02}-{day:02}")
}

/// Which Stripe export to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripeVersion {
    /// `Created (UTC)`, converted amounts filled in, every charge in USD.
    Old,
    /// `Created date (UTC)`, another column order, `1,180.00`, a few charges in EUR.
    New,
}

/// One row of a payments export, before it is written in a version's columns.
struct Charge {
    id: String,
    created: String,
    amount: i64,
    refunded: i64,
    currency: &'static str,
    status: &'static str,
    customer: String,
    tier: &'static str,
}

/// The business's charges with the noise a real export has; what counts is exactly the
/// invoices (`Reseller::truth`).
fn charges(business: &Reseller, seed: u64, other_currency: bool) -> Vec<Charge> {
    let mut dice = Dice::new(seed);
    let mut out = Vec::new();
    let mut id = 0;
    let mut next = |out: &mut Vec<Charge>,
                    created: String,
                    amount: i64,
                    refunded: i64,
                    currency,
                    status,
                    c: &super::business::Customer| {
        id += 1;
        out.push(Charge {
            id: format!("ch_{id:05}"),
            created,
            amount,
            refunded,
            currency,
            status,
            customer: c.id.clone(),
            tier: c.tier,
        });
    };
    for m in 0..business.months {
        let (y, mo) = calendar(m);
        for c in business.customers.iter().filter(|c| c.active(m)) {
            let invoice = c.invoices[m];
            let day = dice.between(1, days_in(y, mo));
            let time = if day == days_in(y, mo) && dice.chance(0.5) { "23:59:59" } else { "10:15:00" };
            if dice.chance(0.15) {
                next(&mut out, format!("{} 09:00:00", iso(m, 1)), invoice, 0, "usd", "Failed", c);
            }
            if dice.chance(0.1) {
                next(&mut out, format!("{} 08:00:00", iso(m, 1)), invoice, invoice, "usd", "Refunded", c);
            }
            let extra = if dice.chance(0.1) { i64::from(dice.between(100, 5000)) } else { 0 };
            next(&mut out, format!("{} {time}", iso(m, day)), invoice + extra, extra, "usd", "Paid", c);
            if other_currency && dice.chance(0.05) {
                next(&mut out, format!("{} 12:00:00", iso(m, day)), 4_200, 0, "eur", "Paid", c);
            }
        }
    }
    out
}

/// A Stripe payments export of the business.
pub fn stripe_payments(business: &Reseller, seed: u64, version: StripeVersion) -> String {
    let charges = charges(business, seed, version == StripeVersion::New);
    let mut out = String::new();
    match version {
        StripeVersion::Old => {
            out.push_str("id,Description,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,Status,Statement Descriptor,Customer ID,Customer Description,Customer Email,Captured,Card ID,tier (metadata)\n");
            for c in &charges {
                let captured = if c.status == "Failed" { "false" } else { "true" };
                out.push_str(&format!(
                    "{},Subscription update,{},{},{},{},{},{},0.59,0.00,usd,Live,{},API,{},,{}@example.com,{captured},card_1,{}\n",
                    c.id, c.created, dollars(c.amount, false), dollars(c.refunded, false), c.currency,
                    dollars(c.amount, false), dollars(c.refunded, false), c.status, c.customer, c.customer, c.tier
                ));
            }
        }
        StripeVersion::New => {
            out.push_str("Created date (UTC),id,Status,Customer ID,Customer Email,Amount,Amount Refunded,Currency,plan (metadata),tier (metadata)\n");
            for c in &charges {
                out.push_str(&format!(
                    "{},{},{},{},{}@example.com,\"{}\",\"{}\",{},monthly,{}\n",
                    &c.created[..16],
                    c.id,
                    c.status,
                    c.customer,
                    c.customer,
                    dollars(c.amount, true),
                    dollars(c.refunded, true),
                    c.currency,
                    c.tier
                ));
            }
        }
    }
    out
}

/// The same export split in two files at month `at`, the second repeating the first's last row.
pub fn split(export: &str, at: usize) -> (String, String) {
    let mut lines = export.lines();
    let header = lines.next().unwrap_or_default().to_string();
    let (y, m) = calendar(at);
    let boundary = format!("{y}-{m:02}-01");
    let rows: Vec<&str> = lines.collect();
    let cut = rows
        .iter()
        .position(|r| {
            r.contains(&boundary)
                || r.split(',').any(|c| c.get(..10).is_some_and(|d| d >= boundary.as_str()) && c.starts_with("20"))
        })
        .unwrap_or(rows.len());
    let first =
        [header.clone()].into_iter().chain(rows[..cut].iter().map(|r| r.to_string())).collect::<Vec<_>>().join("\n")
            + "\n";
    let repeat = rows[..cut].last().map(|r| r.to_string());
    let second = [header]
        .into_iter()
        .chain(repeat)
        .chain(rows[cut..].iter().map(|r| r.to_string()))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    (first, second)
}

/// Stripe's subscriptions export: one subscription per customer, ended when the customer has
/// left, running otherwise.
pub fn stripe_subscriptions(business: &Reseller) -> String {
    let mut out = String::from(
        "id,Customer ID,Customer Name,Status,Created (UTC),Start (UTC),Canceled At (UTC),Ended At (UTC),Plan,Quantity,Interval\n",
    );
    for (i, c) in business.customers.iter().enumerate() {
        let first = (0..business.months).find(|&m| c.active(m)).unwrap_or(0);
        let last = (0..business.months).rev().find(|&m| c.active(m)).unwrap_or(0);
        let created = format!("{} 10:00", iso(first, 1));
        let (status, end) =
            if c.ended { ("canceled", format!("{} 11:00", iso(last, 27))) } else { ("active", String::new()) };
        out.push_str(&format!("sub_{i:04},{},,{status},{created},{created},{end},{end},{},1,month\n", c.id, c.tier));
    }
    out
}

/// Which commission ledger to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ledger {
    Plain,
    Rewardful,
    FirstPromoter,
    Dub,
    Impact,
    PartnerStack,
}

impl Ledger {
    pub const ALL: [Ledger; 6] =
        [Ledger::Plain, Ledger::Rewardful, Ledger::FirstPromoter, Ledger::Dub, Ledger::Impact, Ledger::PartnerStack];

    /// Whether the export has a paid date.
    pub fn has_paid_dates(self) -> bool {
        self != Ledger::Dub
    }
}

fn status(ledger: Ledger, c: &Commission) -> &'static str {
    match (ledger, c.status) {
        (Ledger::Rewardful, "reversed") => "voided",
        (Ledger::FirstPromoter, "voided" | "reversed") => "denied",
        (Ledger::FirstPromoter, "due") => "approved",
        (Ledger::Dub, "voided") => "canceled",
        (Ledger::Dub, "due") => "processed",
        (Ledger::Dub, "reversed") => "paid",
        (Ledger::Impact, "due" | "paid") => "approved",
        (Ledger::PartnerStack, "due") => "approved",
        (Ledger::PartnerStack, "voided") => "declined",
        (_, s) => s,
    }
}

/// A commission ledger of the affiliate business in `ledger`'s columns.
pub fn ledger(business: &Affiliate, ledger: Ledger) -> String {
    let date = |(m, d): (usize, u32)| iso(m, d);
    let named = |(m, d): (usize, u32)| {
        let (y, mo) = calendar(m);
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        format!("\"{} {d}, {y}\"", names[mo as usize - 1])
    };
    let mut out = String::from(match ledger {
        Ledger::Plain => "date,referral,amount,status,paid_at,reversed_at,plan,programme\n",
        Ledger::Rewardful => "Created at,Customer email,Amount,Currency,State,Due at,Paid at,Voided at,Campaign\n",
        Ledger::FirstPromoter => {
            "Promoter email,Customer email,Sale amount,Amount,Status,Is paid,Paid at,Status updated at,Plan,Created at\n"
        }
        Ledger::Dub => "Date,Customer,Partner,Type,Amount,Commission,Status\n",
        Ledger::Impact => {
            "Action Id,Action Date,Customer Id,Sale Amount,Payout,Status,Locking Date,Payout Date,Reversal Date\n"
        }
        Ledger::PartnerStack => "customer_key,created_at,reward,status,paid_at,status_updated_at,description\n",
    });
    for c in &business.commissions {
        let when = (c.month, c.day);
        let paid = c.paid.map(date).unwrap_or_default();
        let reversed = c.reversed.map(date).unwrap_or_default();
        let amount = dollars(c.cents, false);
        let s = status(ledger, c);
        let row = match ledger {
            Ledger::Plain => {
                format!("{},{},{amount},{},{paid},{reversed},{},newsletter", date(when), c.referral, c.status, c.plan)
            }
            Ledger::Rewardful => {
                format!("{}T10:00:00Z,{},{amount},USD,{s},,{paid},{reversed},Friends", date(when), c.referral)
            }
            Ledger::FirstPromoter => {
                let is_paid = if c.paid.is_some() { "true" } else { "false" };
                format!(
                    "me@example.com,{},{},{amount},{s},{is_paid},{paid},{reversed},{},{}",
                    c.referral,
                    dollars(c.cents * 10, false),
                    c.plan,
                    date(when)
                )
            }
            Ledger::Dub => {
                // Dub has no paid date: a reversal after payment is a clawback, a negative
                // commission in its own month.
                let clawback = c.reversed.map_or(String::new(), |r| {
                    format!("\n{},{},me,custom,\"0.00\",\"-${amount}\",paid", named(r), c.referral)
                });
                format!(
                    "{},{},me,sale,\"{}\",\"${amount}\",{s}{clawback}",
                    named(when),
                    c.referral,
                    dollars(c.cents * 10, true)
                )
            }
            Ledger::Impact => format!(
                "A{},{},{},{},{amount},{s},{},{paid},{reversed}",
                c.id,
                date(when),
                c.referral,
                dollars(c.cents * 10, false),
                date(when)
            ),
            Ledger::PartnerStack => {
                format!("{},{},{amount},{s},{paid},{reversed},{} plan", c.referral, date(when), c.plan)
            }
        };
        out.push_str(&row);
        out.push('\n');
    }
    out
}

/// Which PayPal locale to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    /// `01/31/2026`, `1,250.00`.
    Us,
    /// `31.01.2026`, `1.250,00`.
    European,
}

/// A PayPal activity download holding the business's payouts (and its fee, 2% + 0.30), a
/// reversed payout, and rows that are not payouts: a conversion, a memo hold, money sent, a
/// pending payment.
pub fn paypal(business: &Affiliate, locale: Locale) -> (String, Vec<i64>, Vec<i64>) {
    let n = business.months;
    let (mut paid, mut fees) = (vec![0i64; n], vec![0i64; n]);
    let money = |c: i64| match locale {
        Locale::Us => dollars(c, true),
        Locale::European => euros(c),
    };
    let date = |m: usize, d: u32| {
        let (y, mo) = calendar(m);
        match locale {
            Locale::Us => format!("{mo:02}/{d:02}/{y}"),
            Locale::European => format!("{d:02}.{mo:02}.{y}"),
        }
    };
    let mut out = String::from(
        "\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"From Email Address\",\"Transaction ID\",\"Balance Impact\"\n",
    );
    let mut row = |d: String, name: &str, kind: &str, status: &str, gross: i64, fee: i64, impact: &str| {
        out.push_str(&format!(
            "\"{d}\",\"10:00:00\",\"PST\",\"{name}\",\"{kind}\",\"{status}\",\"USD\",\"{}\",\"{}\",\"{}\",\"payouts@platform.example\",\"TX\",\"{impact}\"\n",
            money(gross), money(fee), money(gross + fee)
        ));
    };
    for (m, gross) in business.payouts() {
        let fee = -(gross * 2 / 100 + 30);
        row(date(m, 15), "AI Platform Inc.", "Mass Pay Payment", "Completed", gross, fee, "Credit");
        paid[m] += gross;
        fees[m] -= fee;
        row(date(m, 16), "", "General Currency Conversion", "Completed", 1_000, 0, "Credit");
        row(date(m, 17), "", "Hold on Balance", "Completed", 2_000, 0, "Memo");
        row(date(m, 18), "Coffee Shop", "General Payment", "Completed", -550, 0, "Debit");
    }
    if let Some(&(m, gross)) = business.payouts().first() {
        row(date(m, 20), "AI Platform Inc.", "Payment Reversal", "Completed", -gross / 10, 0, "Debit");
        paid[m] -= gross / 10;
        row(date(m, 21), "AI Platform Inc.", "Mass Pay Payment", "Pending", 999, 0, "Credit");
    }
    (out, paid, fees)
}

/// A Notion database export of a history: a title column, `January 9, 2026` dates, `$`
/// amounts, a byte-order mark, rows newest first, each month's money and hours split over
/// four or five weekly rows and the customer count on each row (the last one the month's).
pub fn notion_weekly(months: &[(i64, i64, i64, Option<u64>)]) -> String {
    let names = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut rows = Vec::new();
    for (m, &(revenue, cogs, hours, customers)) in months.iter().enumerate() {
        let (y, mo) = calendar(m);
        let fridays: Vec<u32> = (1..=days_in(y, mo)).filter(|d| d % 7 == 2).collect();
        let n = fridays.len() as i64;
        for (i, &day) in fridays.iter().enumerate() {
            let share = |total: i64| if i as i64 == n - 1 { total - (total / n) * (n - 1) } else { total / n };
            let count = customers.map_or(String::new(), |c| {
                if i as i64 == n - 1 { c.to_string() } else { c.saturating_sub(1).to_string() }
            });
            rows.push(format!(
                "Week {} of {},\"{} {day}, {y}\",\"${}\",\"${}\",{},{count}",
                i + 1,
                names[mo as usize - 1],
                names[mo as usize - 1],
                dollars(share(revenue), true),
                dollars(share(cogs), true),
                dollars(share(hours), false)
            ));
        }
    }
    rows.reverse();
    format!("\u{feff}Name,Date,Revenue,COGS,Hours,Customers\n{}\n", rows.join("\n"))
}

/// A European spreadsheet of a history: `;`, `1.180,00 €`, dates `31.01.2026`.
pub fn european(months: &[(i64, i64, i64, Option<u64>)]) -> String {
    let mut out = String::from("Month;Revenue;Cost of goods;Gross profit;Hours;Customers\n");
    for (m, &(revenue, cogs, hours, customers)) in months.iter().enumerate() {
        let (y, mo) = calendar(m);
        out.push_str(&format!(
            "{:02}.{mo:02}.{y};{} €;{} €;{} €;{};{}\n",
            days_in(y, mo),
            euros(revenue),
            euros(cogs),
            euros(revenue - cogs),
            euros(hours),
            customers.map_or(String::new(), |c| c.to_string())
        ));
    }
    out
}
