//! `init`'s answers as people type them, on the command line or at a prompt: amounts
//! (`$50`, `1,200`), fractions (`15%`, `0.15`), counts (`12`, or `starter=8,growth=3`),
//! tiers (`starter=15%,50` with an optional typical spend) and plans (`pro=19.99`). Each
//! parser says what it expected.

use super::answers::{PlanAnswer, Rate, TierAnswer};

/// Customers or subscribers today: a total, or a count per tier or plan name.
#[derive(Debug, Clone, PartialEq)]
pub enum Counts {
    Total(u32),
    ByName(Vec<(String, u32)>),
}

/// `50`, `$50`, `1,200`, `19.99`: dollars, zero or more.
///
/// # Errors
/// A message naming the text.
pub fn amount(text: &str) -> Result<f64, String> {
    let cleaned: String = text.trim().trim_start_matches('$').chars().filter(|c| *c != ',' && *c != '_').collect();
    match cleaned.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("`{text}` is not an amount: write dollars such as 50 or 19.99")),
    }
}

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
    let t = text.trim();
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
    let t = text.trim();
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
    let minimum = amount(min).map_err(bad)?;
    let spend = match parts.get(2) {
        Some(s) => amount(s).map_err(bad)?,
        None => (2.0 * minimum).max(100.0),
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
    Ok(PlanAnswer { name: name(plan_name).map_err(bad)?, price: amount(price).map_err(bad)?, subscribers: 0 })
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
