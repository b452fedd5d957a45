//! The command line's limits: how many worker threads it starts, and the values of
//! `--max-population`, `--max-memory` and `--max-time`, the bounds a run's estimated cost
//! must stay within (`summarize::admission`).

/// Most worker threads `--threads` accepts.
pub const MAX_THREADS: usize = 256;

/// `--max-population`: a positive number (`1e6`, `2500000`).
pub fn parse_population(text: &str) -> Result<f64, String> {
    match text.trim().replace(['_', ','], "").parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 1.0 => Ok(v),
        _ => Err(format!("`{text}` is not a population; use a number of customers such as 1e6 or 5000000")),
    }
}

/// `--max-memory`: bytes with an optional unit (`8GB`, `512MB`, `2GiB`, `1e10`).
pub fn parse_memory(text: &str) -> Result<f64, String> {
    let t = text.trim().to_ascii_lowercase();
    let units = [
        ("tib", 1_099_511_627_776.0),
        ("gib", 1_073_741_824.0),
        ("mib", 1_048_576.0),
        ("kib", 1024.0),
        ("tb", 1e12),
        ("gb", 1e9),
        ("mb", 1e6),
        ("kb", 1e3),
        ("t", 1e12),
        ("g", 1e9),
        ("m", 1e6),
        ("k", 1e3),
        ("b", 1.0),
    ];
    let (number, scale) = units.iter().find_map(|(u, s)| t.strip_suffix(u).map(|n| (n, *s))).unwrap_or((&t, 1.0));
    match number.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && (v * scale).is_finite() => Ok(v * scale),
        _ => Err(format!("`{text}` is not a size; use e.g. 8GB, 512MB or 16GiB")),
    }
}

/// `--max-time`: a duration (`90s`, `30m`, `4h`, `2d`, or plain seconds).
pub fn parse_duration(text: &str) -> Result<f64, String> {
    let t = text.trim().to_ascii_lowercase();
    let units = [("d", 86_400.0), ("h", 3600.0), ("min", 60.0), ("m", 60.0), ("s", 1.0)];
    let (number, scale) = units.iter().find_map(|(u, s)| t.strip_suffix(u).map(|n| (n, *s))).unwrap_or((&t, 1.0));
    match number.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v * scale),
        _ => Err(format!("`{text}` is not a duration; use e.g. 90s, 30m or 4h")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_read_as_people_write_them() {
        assert_eq!(parse_memory("8GB"), Ok(8e9));
        assert_eq!(parse_memory("512 MB"), Ok(512e6));
        assert_eq!(parse_memory("2GiB"), Ok(2.0 * 1_073_741_824.0));
        assert_eq!(parse_duration("90m"), Ok(5400.0));
        assert_eq!(parse_duration("4h"), Ok(14_400.0));
        assert_eq!(parse_duration("45"), Ok(45.0));
        assert_eq!(parse_population("2,500,000"), Ok(2.5e6));
        for bad in ["nan", "inf", "-1", "0", "x", ""] {
            assert!(
                parse_memory(bad).is_err() && parse_duration(bad).is_err() && parse_population(bad).is_err(),
                "{bad}"
            );
        }
    }
}
