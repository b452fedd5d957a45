//! `init`'s answers as people type them, on the command line or at a prompt: dollars
//! (`$50`, `1,200`), averages a month (`2`, `1.5`), hours (`4`, `6.5 h`), fractions (`15%`,
//! `0.15`), counts (`12`, or `starter=8,growth=3`), tiers (`starter=15%,50` with an optional
//! typical spend) and plans (`pro=19.99`). "about 2" (or `~2`) is accepted wherever a number
//! is asked. Each parser says what it expected, in the words of its question.

use super::answers::{PlanAnswer, Rate, TierAnswer};

/// Customers or subscribers today: a total, or a count per tier or plan name.
#[derive(Debug, Clone, PartialEq)]
pub enum Counts {
    Total(u32),
    ByName(Vec<(String, u32)>),
}

/// The text without a leading "about", "around", "roughly" or `~`: a person's estimate
/// is still a number.
pub fn without_about(text: &str) -> &str {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    for word in ["about ", "around ", "roughly ", "approximately ", "approx. ", "approx ", "~"] {
        if lower.starts_with(word) {
            return t[word.len()..].trim_start();
        }
    }
    t
}

/// A number zero or more, with `suffixes` allowed after it and `$`, `,` and `_` ignored.
fn non_negative(text: &str, suffixes: &[&str]) -> Option<f64> {
    let mut t = without_about(text).trim_start_matches('$').trim().to_string();
    for suffix in suffixes {
        if let Some(rest) = t.to_ascii_lowercase().strip_suffix(suffix) {
            t = t[..rest.len()].trim_end().to_string();
            break;
        }
    }
    let cleaned: String = t.chars().filter(|c| *c != ',' && *c != '_').collect();
    cleaned.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
}

/// `50`, `$50`, `1,200`, `19.99`, `about 50`: dollars, zero or more.
///
/// # Errors
/// A message naming the text.
pub fn amount(text: &str) -> Result<f64, String> {
    non_negative(text, &[" dollars", " usd"])
        .ok_or_else(|| format!("`{text}` is not an amount: write dollars such as 50 or 19.99 (\"about 50\" works too)"))
}

/// `2`, `1.5`, `about 2`, `2 a month`: an average count a month (new customers, signups).
///
/// # Errors
/// A message naming the text.
fn per_month_of(text: &str) -> Result<f64, String> {
    non_negative(text, &[" a month", "/month", " per month", "/mo"]).ok_or_else(|| {
        format!("`{text}` is not a number a month: write an average such as 2 or 1.5 (\"about 2\" works too)")
    })
}

/// `4`, `6.5`, `4 h`, `about 4 hours`: hours a month.
///
/// # Errors
/// A message naming the text.
fn hours_of(text: &str) -> Result<f64, String> {
    non_negative(text, &[" hours", " hour", " hrs", " h", "h"]).ok_or_else(|| {
        format!("`{text}` is not a number of hours: write hours a month such as 4 or 6.5 (\"about 4\" works too)")
    })
}

/// `12`, `about 12`: a whole number of customers or subscribers.
///
/// # Errors
/// A message naming the text.
pub fn whole(text: &str) -> Result<u32, String> {
    without_about(text)
        .parse::<u32>()
        .map_err(|_| format!("`{text}` is not a whole number: write a count such as 12 (\"about 12\" works too)"))
}

/// An answer read by `read` and at most `max`, which `what` names ("dollars", "hours a month").
fn at_most(text: &str, read: fn(&str) -> Result<f64, String>, max: f64, what: &str) -> Result<f64, String> {
    let v = read(text)?;
    if v <= max {
        Ok(v)
    } else {
        let shown = if max >= 1e9 { format!("1e{}", max.log10().round()) } else { crate::text::number::compact(max) };
        Err(format!("`{text}` is more than a scenario allows: write {what} from 0 to {shown}"))
    }
}

/// Dollars from 0 to 1e9 (a minimum invoice, a spend, a price, a payout threshold).
///
/// # Errors
/// A message naming the text and the range.
pub fn money(text: &str) -> Result<f64, String> {
    at_most(text, amount, MAX_MONEY, "dollars")
}

/// Hours a month, from 0 to 744 (a 31-day month).
///
/// # Errors
/// A message naming the text and the range.
pub fn hours(text: &str) -> Result<f64, String> {
    at_most(text, hours_of, 744.0, "hours a month")
}

/// New customers or signups a month, from 0 to 1e9.
///
/// # Errors
/// A message naming the text and the range.
pub fn per_month(text: &str) -> Result<f64, String> {
    at_most(text, per_month_of, 1e9, "a number a month")
}

/// A typical customer's platform spend a month: above 0 and at most 4e8 dollars (the
/// scenario spreads a tier's spend up to 2.5 times the typical one, and money stops at 1e9).
///
/// # Errors
/// A message naming the text and the range.
pub fn spend(text: &str) -> Result<f64, String> {
    let v = at_most(text, amount, MAX_MONEY / 2.5, "a typical spend in dollars a month")?;
    if v > 0.0 { Ok(v) } else { Err(format!("`{text}`: the typical spend must be above 0")) }
}

/// A monthly net profit to aim for, from 0 to 1e15 dollars.
///
/// # Errors
/// A message naming the text and the range.
pub fn goal(text: &str) -> Result<f64, String> {
    at_most(text, amount, 1e15, "dollars")
}

/// Largest amount of money a scenario takes.
const MAX_MONEY: f64 = 1e9;

/// `15%` or `0.15`: a fraction from 0 to 1 (a commission rate).
///
/// # Errors
/// A message naming the text.
pub fn fraction(text: &str) -> Result<f64, String> {
    match Rate::parse(text) {
        Ok(Rate::About(v)) => Ok(v),
        _ => Err(format!("`{text}` is not a rate: write 15% or 0.15")),
    }
}

/// `15%` or `0.15`: a markup, from 0 up to 1000%.
///
/// # Errors
/// A message naming the text.
pub fn markup(text: &str) -> Result<f64, String> {
    let t = without_about(text);
    let value = match t.strip_suffix('%') {
        Some(n) => n.trim().parse::<f64>().map(|v| v / 100.0),
        None => t.parse::<f64>(),
    };
    match value {
        Ok(v) if v.is_finite() && (0.0..=10.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}` is not a markup: write 15% or 0.15 (up to 1000%)")),
    }
}

/// `12` (a total), or `starter=8,growth=3` (by name).
///
/// # Errors
/// A message naming the text.
pub fn counts(text: &str) -> Result<Counts, String> {
    let bad = || format!("`{text}` is not a count: write a whole number such as 12, or by name: starter=8,growth=3");
    let t = without_about(text);
    if !t.contains('=') {
        return t.parse::<u32>().map(Counts::Total).map_err(|_| bad());
    }
    let mut out = Vec::new();
    for item in t.split(',') {
        let (name, n) = item.split_once('=').ok_or_else(bad)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(bad());
        }
        out.push((name.to_string(), n.trim().parse::<u32>().map_err(|_| bad())?));
    }
    Ok(Counts::ByName(out))
}

/// A name for a tier or plan: letters, digits, `_` and `-`, up to 40 characters.
///
/// # Errors
/// A message naming the text.
pub fn name(text: &str) -> Result<String, String> {
    let t = text.trim();
    let ok = !t.is_empty() && t.len() <= 40 && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok { Ok(t.to_string()) } else { Err(format!("`{text}` is not a name: use letters, digits, _ and -")) }
}

/// `starter=15%,50` or `starter=15%,50,120`: a tier's markup, minimum invoice and typical
/// monthly platform spend (default: twice the minimum, at least $100).
///
/// # Errors
/// A message naming the text.
pub fn tier(text: &str) -> Result<TierAnswer, String> {
    let bad = |why: String| format!("`{text}`: {why}; write NAME=MARKUP,MINIMUM[,SPEND], e.g. starter=15%,50,120");
    let (tier_name, rest) = text.split_once('=').ok_or_else(|| bad("no `=`".into()))?;
    let parts: Vec<&str> = rest.split(',').collect();
    let (Some(m), Some(min)) = (parts.first(), parts.get(1)) else { return Err(bad("a markup and a minimum".into())) };
    if parts.len() > 3 {
        return Err(bad("too many values".into()));
    }
    let minimum = money(min).map_err(|e| bad(format!("the minimum invoice {e}")))?;
    // The scenario spreads a tier's spend up to 2.5 times the typical one.
    let spend = match parts.get(2) {
        Some(s) => spend(s).map_err(bad)?,
        None => (2.0 * minimum).clamp(100.0, MAX_MONEY / 2.5),
    };
    if spend <= 0.0 {
        return Err(bad("the typical spend must be above 0".into()));
    }
    Ok(TierAnswer {
        name: name(tier_name).map_err(bad)?,
        markup: markup(m).map_err(bad)?,
        minimum,
        spend,
        customers: 0,
    })
}

/// `pro=19.99`: a plan and its monthly price.
///
/// # Errors
/// A message naming the text.
pub fn plan(text: &str) -> Result<PlanAnswer, String> {
    let bad = |why: String| format!("`{text}`: {why}; write NAME=PRICE, e.g. pro=19.99");
    let (plan_name, price) = text.split_once('=').ok_or_else(|| bad("no `=`".into()))?;
    let price = money(price).map_err(|e| bad(format!("the price {e}")))?;
    Ok(PlanAnswer { name: name(plan_name).map_err(bad)?, price, subscribers: 0 })
}

/// Puts `counts` on the named things (`names`), a total split like `weights`.
///
/// # Errors
/// A name that is not one of `names`, with the names allowed.
pub fn place(counts: &Counts, names: &[&str], weights: &[u32]) -> Result<Vec<u32>, String> {
    match counts {
        Counts::Total(total) => Ok(super::answers::split(*total, weights)),
        Counts::ByName(items) => {
            let mut out = vec![0; names.len()];
            for (n, c) in items {
                let i = names
                    .iter()
                    .position(|x| x == n)
                    .ok_or_else(|| format!("`{n}` is not one of {}", names.join(", ")))?;
                out[i] = *c;
            }
            Ok(out)
        }
    }
}
