//! `init`'s questions on a terminal (dialoguer on stderr): which streams, then each tier's
//! markup, minimum, typical platform spend (the biggest driver of revenue) and customers,
//! each plan's price and subscribers, commission, churn, arrivals or signups, hours and a
//! goal. "about 2" is accepted wherever a number is asked. Every question shows its default
//! (the flags' value, else the users' own numbers) and accepts Enter; an answer that does
//! not parse is refused on the spot with what was expected, so the file written always
//! loads.
//!
//! Only called when stdin and stderr are terminals: nothing here can wait on a pipe.

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, Select};

use crate::app::Error;
use crate::scenario::write::template::parse::{fraction, goal, hours, markup, money, per_month, spend, whole};
use crate::scenario::write::template::{AffiliateAnswers, Answers, Rate, ResellerAnswers, number};

/// A prompt that could not run: Ctrl-C, or the terminal went away.
fn failed(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(io) = &e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        Error::Interrupted
    } else {
        Error::Usage(format!("init: the questions stopped ({e}); nothing was written"))
    }
}

/// Asks one question until the answer parses.
fn ask<T>(question: &str, default: String, parse: impl Fn(&str) -> Result<T, String>) -> Result<T, Error> {
    let text: String = Input::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .default(default)
        .validate_with(|s: &String| parse(s).map(|_| ()))
        .interact_text()
        .map_err(failed)?;
    parse(&text).map_err(Error::Usage)
}

/// Which streams: the reseller, the affiliate or both.
pub fn streams() -> Result<(bool, bool), Error> {
    let items =
        ["reselling AI API access (customers on markup tiers)", "affiliate programmes (referred subscribers)", "both"];
    let choice = Select::with_theme(&ColorfulTheme::default())
        .with_prompt("What do you want to project?")
        .items(items)
        .default(0)
        .interact()
        .map_err(failed)?;
    Ok((choice != 1, choice != 0))
}

/// Asks about every answer, the current values as defaults.
pub fn refine(answers: &mut Answers) -> Result<(), Error> {
    if let Some(r) = answers.reseller.as_mut() {
        reseller(r)?;
    }
    if let Some(a) = answers.affiliate.as_mut() {
        affiliate(a)?;
    }
    answers.hours = ask("Hours a month you spend on it", number(answers.hours), hours)?;
    answers.goal =
        ask("A monthly net profit you hope for, 12 months in, dollars (0 for none)", number(answers.goal), goal)?;
    Ok(())
}

fn percent(v: f64) -> String {
    format!("{}%", number(v * 100.0))
}

fn churn(text: &str) -> Result<Rate, String> {
    Rate::parse(text)
}

fn reseller(r: &mut ResellerAnswers) -> Result<(), Error> {
    for t in &mut r.tiers {
        t.markup = ask(&format!("Tier {}: your markup on the platform's price", t.name), percent(t.markup), markup)?;
        t.minimum = ask(&format!("Tier {}: minimum monthly invoice, dollars", t.name), number(t.minimum), money)?;
        t.spend = ask(
            &format!(
                "Tier {}: a typical customer's platform spend a month, dollars (what your markup applies to)",
                t.name
            ),
            number(t.spend),
            spend,
        )?;
        t.customers = ask(&format!("Tier {}: customers today", t.name), t.customers.to_string(), whole)?;
    }
    r.churn = ask("Customers who leave each month: about X% or a range such as 5-15%", r.churn.words(), churn)?;
    r.arrivals = ask("New customers a month, on average", number(r.arrivals), per_month)?;
    Ok(())
}

fn affiliate(a: &mut AffiliateAnswers) -> Result<(), Error> {
    for p in &mut a.plans {
        let positive = |s: &str| money(s).and_then(|v| if v > 0.0 { Ok(v) } else { Err("a price above 0".into()) });
        p.price = ask(&format!("Plan {}: price a month, dollars", p.name), number(p.price), positive)?;
        p.subscribers = ask(&format!("Plan {}: referred subscribers today", p.name), p.subscribers.to_string(), whole)?;
    }
    a.first_order = ask("Commission on a first payment", percent(a.first_order), fraction)?;
    a.recurring = ask("Commission on every renewal", percent(a.recurring), fraction)?;
    a.payout_threshold = ask("Payout threshold, dollars", number(a.payout_threshold), money)?;
    a.churn = ask("Subscribers who leave each month: about X% or a range such as 5-15%", a.churn.words(), churn)?;
    a.signups = ask("New referred signups a month, on average", number(a.signups), per_month)?;
    Ok(())
}
