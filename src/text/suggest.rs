//! "Did you mean" suggestions for mistyped names (keys, tiers, plans, metrics, columns): the
//! known name most similar to what was typed, by Jaro-Winkler similarity above 0.8.

/// The known name closest to `given`, if any is close enough.
pub fn nearest<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(given, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// " (did you mean `x`?)" when a known name is close, else "".
pub fn did_you_mean<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    nearest(given, known).map_or_else(String::new, |k| format!(" (did you mean `{k}`?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(did_you_mean("chrun", ["churn", "arrivals"]), " (did you mean `churn`?)");
        assert_eq!(did_you_mean("xyz", ["churn", "arrivals"]), "");
        assert_eq!(nearest("grwoth", ["starter", "growth"]), Some("growth"));
        assert_eq!(nearest("a", []), None);
    }
}
