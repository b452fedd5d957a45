//! Checks a `--vary` key against the scenario's TOML before anything runs: the stream
//! section must exist, and a tier or plan named in the key must be defined.

use std::fmt;

use crate::text::did_you_mean;

/// A key that cannot name anything in this scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    pub key: String,
    pub reason: String,
}

impl std::error::Error for KeyProblem {}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--vary {}: {}", self.key, self.reason)
    }
}

/// Checks a key against the scenario's TOML before anything runs: the stream section must
/// exist, and a tier or plan named in the key must be defined. Misspelt key names are left
/// to scenario validation, which knows every allowed key and suggests the nearest one.
///
/// # Errors
/// A [`KeyProblem`] saying what the scenario has instead.
pub fn check_key(scenario_text: &str, key: &str) -> Result<(), KeyProblem> {
    let problem = |reason: String| KeyProblem { key: key.to_string(), reason };
    let Ok(doc) = scenario_text.parse::<toml_edit::DocumentMut>() else {
        return Ok(()); // the scenario's own syntax error is reported when it is loaded
    };
    let parts: Vec<&str> = key.split('.').collect();
    let root = doc.as_table();
    if let Some(&section @ ("reseller" | "affiliate")) = parts.first()
        && parts.len() > 1
        && !root.contains_key(section)
    {
        return Err(problem(format!(
            "the scenario has no [{section}] section, so there is nothing to vary there{}",
            if root.contains_key("reseller") || root.contains_key("affiliate") {
                format!(
                    "; it has [{}]",
                    ["reseller", "affiliate"]
                        .into_iter()
                        .filter(|s| root.contains_key(s))
                        .collect::<Vec<_>>()
                        .join("], [")
                )
            } else {
                String::new()
            }
        )));
    }
    for (i, collection) in parts.iter().enumerate() {
        let what = match *collection {
            "tiers" if i == 1 && parts[0] == "reseller" => "tier",
            "plans" if i == 1 && parts[0] == "affiliate" => "plan",
            _ => continue,
        };
        let Some(name) = parts.get(i + 1) else { continue };
        let names: Vec<String> = root
            .get(parts[0])
            .and_then(|s| s.as_table_like())
            .and_then(|s| s.get(collection))
            .and_then(|c| c.as_table_like())
            .map(|c| c.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default();
        if !names.iter().any(|n| n == name) {
            return Err(problem(format!(
                "the scenario has no {what} `{name}`{}; its {what}s are: {}",
                did_you_mean(name, names.iter().map(String::as_str)),
                if names.is_empty() { "(none)".to_string() } else { names.join(", ") }
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_against_the_scenario() {
        let text =
            "[reseller]\nchurn = 0.1\n[reseller.tiers.starter]\nmarkup = 0.15\n[reseller.tiers.growth]\nmarkup = 0.2\n";
        assert!(check_key(text, "reseller.churn").is_ok());
        assert!(check_key(text, "reseller.tiers.growth.markup").is_ok());
        assert!(check_key(text, "reseller.kickback.recurring").is_ok(), "absent keys with defaults are fine");
        let e = check_key(text, "reseller.tiers.grwoth.markup").unwrap_err().to_string();
        assert!(
            e.contains("no tier `grwoth`") && e.contains("did you mean `growth`") && e.contains("starter, growth"),
            "{e}"
        );
        let e = check_key(text, "affiliate.signups").unwrap_err().to_string();
        assert!(e.contains("no [affiliate] section") && e.contains("[reseller]"), "{e}");
    }
}
