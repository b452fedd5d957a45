//! Stripe's subscriptions export (`--subscriptions`): `Customer ID`, `Status`,
//! `Created (UTC)` or `Start (UTC)`, `Canceled At (UTC)`, `Ended At (UTC)`, ... A customer all
//! of whose subscriptions have ended has left, even if it paid in the export's last month; a
//! customer with a subscription still running has not, even if its charges stopped, and is
//! a customer in every month from its first charge (an annual plan pays once a year). Their
//! end dates decide churn (docs/model.md §15); otherwise charges decide who was active when.

use std::collections::HashMap;

use super::activity::Person;
use super::error::{ImportError, Problems};
use super::options::{Input, Options};
use super::summary::Assumptions;
use super::table::{Field, Table, require};
use super::values::{date, date_order, word};

const CUSTOMER: Field = Field { name: "customer", aliases: &["customer_id", "customer"] };
const STATUS: Field = Field { name: "status", aliases: &["status"] };
const ENDED: Field = Field { name: "ended_at", aliases: &["ended_at", "ended", "end_date"] };
const CANCELED: Field =
    Field { name: "canceled_at", aliases: &["canceled_at", "cancelled_at", "canceled", "cancelled"] };

/// Every field of the subscriptions export.
pub const FIELDS: [Field; 4] = [CUSTOMER, STATUS, ENDED, CANCELED];

/// Statuses of a subscription that still runs.
const RUNNING: [&str; 6] = ["active", "trialing", "past_due", "unpaid", "incomplete", "paused"];

/// Marks each customer of `people` as ended or not from the subscriptions export.
///
/// # Errors
/// Every problem with the export (a missing column, an unreadable date).
pub fn apply(
    input: &Input,
    options: &Options,
    people: &mut [Person],
    assumptions: &mut Assumptions,
) -> Result<(), ImportError> {
    let table = Table::read(input).map_err(ImportError::many)?;
    let mut problems = Problems::default();
    let mut missing = table.ambiguous(&FIELDS, &options.columns);
    let found = require(&table, &[CUSTOMER, STATUS], &options.columns, "a Stripe subscriptions export", &mut missing);
    missing.into_iter().for_each(|p| problems.push(p));
    problems.check()?;
    let (customer, status) = (found[0].unwrap_or(0), found[1]);
    let ended = table.find(&ENDED, &options.columns);
    let canceled = table.find(&CANCELED, &options.columns);
    let end_columns: Vec<usize> = [ended, canceled].into_iter().flatten().collect();
    let order = date_order(&table, &end_columns, options.date_order, &mut problems, assumptions);
    // Whether each customer has a subscription still running.
    let mut running: HashMap<String, bool> = HashMap::new();
    for row in &table.rows {
        let id = table.cell(row, customer).trim().to_string();
        if id.is_empty() {
            continue;
        }
        let end = end_columns.iter().find_map(|&c| date(&table, row, c, order, true, &mut problems));
        let live = RUNNING.contains(&word(&table, row, status).as_str()) || end.is_none();
        *running.entry(id).or_insert(false) |= live;
    }
    problems.check()?;
    let mut unknown = 0;
    for person in people.iter_mut() {
        match running.get(&person.id) {
            Some(&live) => person.ended = Some(!live),
            None => unknown += 1,
        }
    }
    let matched = people.len() - unknown;
    assumptions.add(
        "churn",
        format!(
            "{}: a customer whose subscriptions have all ended has churned (in its last charged month), one with a subscription running has not and counts as a customer in every month from its first charge, charged or not ({matched} of {} customers matched)",
            table.file,
            people.len()
        ),
    );
    if unknown > 0 {
        assumptions.add(
            "churn",
            format!(
                "{unknown} customers have no subscription in {}: their churn is judged from their charges",
                table.file
            ),
        );
    }
    Ok(())
}
