//! A request's query as the page's API reads it: `set=KEY=VALUE` pairs (the `--set` of
//! `run`, percent-encoded), and the page's id for runs that supersede each other
//! (`client`). Any other parameter, a malformed escape or text that is not UTF-8 is
//! refused with a message saying what is allowed.

use crate::app::live::MAX_SETS;

/// What a run request asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunParams {
    /// Each `set`, decoded: `reseller.churn=0.15`.
    pub sets: Vec<String>,
    /// The page's id (letters, digits and `-`, at most 64).
    pub client: Option<String>,
}

/// Reads `set=...&set=...` (and `client=...` when `with_client`).
///
/// # Errors
/// The message for a 400 answer.
pub fn run_params(query: &str, with_client: bool) -> Result<RunParams, String> {
    let mut params = RunParams::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(value).map_err(|e| format!("error: the value of `{}`: {e}", shown(name)))?;
        match decode(name).as_deref() {
            Ok("set") if params.sets.len() == MAX_SETS => {
                return Err(format!("error: more than {MAX_SETS} set values in one request"));
            }
            Ok("set") => params.sets.push(value),
            Ok("client") if with_client => {
                let plain = |c: char| c.is_ascii_alphanumeric() || c == '-';
                if value.is_empty() || value.len() > 64 || !value.chars().all(plain) {
                    return Err("error: `client` is the page's id: 1 to 64 letters, digits and `-`".into());
                }
                params.client = Some(value);
            }
            _ => {
                let allowed = if with_client { "`set=KEY=VALUE` and `client`" } else { "`set=KEY=VALUE`" };
                return Err(format!(
                    "error: unknown parameter `{}`; this address takes {allowed}, e.g. ?set=reseller.churn%3D0.15",
                    shown(name)
                ));
            }
        }
    }
    Ok(params)
}

/// A parameter's name as a message may show it: short, without control characters.
fn shown(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// Percent-decoding (and `+` as a space, as forms send it) into UTF-8 text.
///
/// # Errors
/// A malformed escape or bytes that are not UTF-8.
pub fn decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                let byte =
                    hex.and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or("a `%` not followed by two hex digits")?;
                out.push(byte);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| "not UTF-8 text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_decoded_and_nothing_else_is_taken() {
        let p = run_params("set=reseller.churn%3D0.15&set=reseller.arrivals=2", false).unwrap();
        assert_eq!(p.sets, ["reseller.churn=0.15", "reseller.arrivals=2"]);
        let p = run_params("set=reseller.churn%3D%7B+beta+%3D+%5B2%2C+18%5D+%7D&client=ab-1", true).unwrap();
        assert_eq!((p.sets[0].as_str(), p.client.as_deref()), ("reseller.churn={ beta = [2, 18] }", Some("ab-1")));
        assert_eq!(run_params("", false).unwrap(), RunParams::default());
        for (query, expected) in [
            ("sets=a=1", "unknown parameter `sets`"),
            ("client=x", "unknown parameter `client`"),
            ("set=%zz", "two hex digits"),
            ("set=%ff", "not UTF-8"),
            ("set=%", "two hex digits"),
        ] {
            assert!(run_params(query, false).unwrap_err().contains(expected), "{query}");
        }
        assert!(run_params("client=a/b", true).unwrap_err().contains("the page's id"));
        let many = vec!["set=a=1"; MAX_SETS + 1].join("&");
        assert!(run_params(&many, false).unwrap_err().contains("more than 64"));
    }
}
