//! A history's header as spreadsheets write it: any case, spaces or hyphens for
//! underscores, a unit in parentheses (`Revenue ($)`, `Gross profit`, `Hours worked`), a
//! few common names for a column (`Cost of goods`, `Active customers`). The month comes from
//! `month` (numbers or dates) or a date column (`Date`, `Week`, `Period`). A column sidecast
//! computes itself (`$/hour`, `Margin`, `Cumulative ...`) and a column of text (a title,
//! notes) are ignored, each with a note; a name close to a known one is refused with "did you
//! mean", and an unknown column of numbers is refused.

use super::error::{KNOWN, Problem};
use super::model::Column;
use crate::text::did_you_mean;

/// Names of a date column, normalised.
const DATE_NAMES: [&str; 8] = ["date", "day", "week", "week_of", "week_ending", "week_start", "period", "as_of"];

/// Other names of a value column, normalised.
const ALIASES: [(&str, Column); 9] = [
    ("cost_of_goods", Column::Cogs),
    ("cost_of_goods_sold", Column::Cogs),
    ("hours_worked", Column::Hours),
    ("active_customers", Column::Customers),
    ("commission_earned", Column::Commission),
    ("referred_subscribers", Column::Subscribers),
    ("new_signups", Column::NewSubscribers),
    ("payouts", Column::CommissionPaid),
    ("commission_paid_out", Column::CommissionPaid),
];

/// What one header cell is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    /// `month`: month numbers, or dates.
    Month,
    /// A date column (`date`, `week`, ...).
    Date,
    Value(Column),
    /// Left out, with the note's reason.
    Ignored(String),
    /// Not known: ignored if its cells are text, refused if they are numbers.
    Unknown,
}

/// The header's cells, each with its role, and the columns that give the month.
#[derive(Debug, Clone)]
pub(super) struct Header {
    /// The header's line number.
    pub line: u64,
    pub names: Vec<String>,
    pub roles: Vec<Role>,
    /// The column the months come from.
    pub time: usize,
    /// A date column beside `month` (as `sidecast import` writes), if any.
    pub dates: Option<usize>,
}

/// `Gross profit ($)` → `gross_profit`.
pub(super) fn normalise(name: &str) -> String {
    let without_units = match (name.find('('), name.rfind(')')) {
        (Some(open), Some(close)) if open < close => format!("{}{}", &name[..open], &name[close + 1..]),
        _ => name.to_string(),
    };
    let words: Vec<String> = without_units
        .split(|c: char| !c.is_alphanumeric() && c != '$')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("_")
}

fn role(name: &str) -> Role {
    let key = normalise(name);
    if key == "month" {
        return Role::Month;
    }
    if DATE_NAMES.contains(&key.as_str()) {
        return Role::Date;
    }
    if let Some(column) = Column::ALL.into_iter().find(|c| c.name() == key) {
        return Role::Value(column);
    }
    if let Some((_, column)) = ALIASES.iter().find(|(alias, _)| *alias == key) {
        return Role::Value(*column);
    }
    let hourly = key.contains("hour") && (key.contains("rate") || key.contains("per") || name.contains('/'));
    if hourly || key.contains("margin") || ["cumulative", "total", "running"].iter().any(|p| key.starts_with(p)) {
        return Role::Ignored(format!(
            "ignored column `{name}`: sidecast computes it from the other columns (the hourly rate is \
             (gross profit + commission) / hours)"
        ));
    }
    Role::Unknown
}

/// Reads the header; `line` is its line number. With a month column, the header and its
/// problems (a name close to a known one, a repeated column), each such column left out,
/// so that the rows' problems are found too and reported with them.
///
/// # Errors
/// Every problem with it when it has no month column.
pub(super) fn header(cells: &[String], line: u64) -> Result<(Header, Vec<Problem>), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut roles: Vec<Role> = Vec::with_capacity(cells.len());
    let known: Vec<&str> = std::iter::once("month").chain(Column::ALL.iter().map(|c| c.name())).collect();
    for name in cells {
        let mut role = role(name);
        if role == Role::Unknown {
            let suggestion = did_you_mean(&normalise(name), known.iter().copied());
            if !suggestion.is_empty() {
                problems
                    .push(Problem::line(line, format!("unknown column `{name}`{suggestion}; known columns: {KNOWN}")));
                role = Role::Ignored(String::new());
            }
        }
        if !matches!(role, Role::Unknown | Role::Ignored(_) | Role::Date) && roles.contains(&role) {
            problems.push(Problem::line(line, format!("column `{}` appears twice", normalise(name))));
            role = Role::Ignored(String::new());
        }
        roles.push(role);
    }
    let month = roles.iter().position(|r| *r == Role::Month);
    let first_date = roles.iter().position(|r| *r == Role::Date);
    let Some(time) = month.or(first_date) else {
        problems.push(Problem::line(
            line,
            format!("no `month` column; the header must name `month` (or `date`) and any of the columns {KNOWN}"),
        ));
        return Err(problems);
    };
    let dates = month.and(first_date);
    for (i, role) in roles.iter_mut().enumerate() {
        if *role == Role::Date && i != time && Some(i) != dates {
            *role = Role::Ignored(format!("ignored column `{}`: the months come from `{}`", cells[i], cells[time]));
        }
    }
    Ok((Header { line, names: cells.to_vec(), roles, time, dates }, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_as_spreadsheets_write_them() {
        assert_eq!(normalise("Gross profit ($)"), "gross_profit");
        assert_eq!(normalise(" New-Customers "), "new_customers");
        assert_eq!(role("COGS"), Role::Value(Column::Cogs));
        assert_eq!(role("Cost of goods sold"), Role::Value(Column::Cogs));
        assert_eq!(role("Week of"), Role::Date);
        assert!(matches!(role("$/hour"), Role::Ignored(_)));
        assert!(matches!(role("Effective hourly rate"), Role::Ignored(_)));
        assert_eq!(role("Name"), Role::Unknown);
    }

    #[test]
    fn the_month_comes_from_month_or_a_date_column() {
        let (h, _) = header(&names(&["Name", "Date", "Revenue"]), 1).unwrap();
        assert_eq!((h.time, h.dates), (1, None));
        let (h, _) = header(&names(&["month", "date", "revenue"]), 1).unwrap();
        assert_eq!((h.time, h.dates), (0, Some(1)));
        let (h, _) = header(&names(&["date", "week", "revenue"]), 1).unwrap();
        assert!(matches!(&h.roles[1], Role::Ignored(n) if n.contains("the months come from `date`")));
        let problems = header(&names(&["revnue", "hours", "Hours"]), 1).unwrap_err();
        let text: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(text[0].contains("did you mean `revenue`"), "{text:?}");
        assert!(text[1].contains("`hours` appears twice"), "{text:?}");
        assert!(text[2].starts_with("no `month` column"), "{text:?}");
        // With a month, the header's problems come with the header, the columns left out.
        let (h, problems) = header(&names(&["month", "revnue", "hours", "Hours"]), 1).unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            matches!((&h.roles[1], &h.roles[3]), (Role::Ignored(a), Role::Ignored(b)) if a.is_empty() && b.is_empty())
        );
    }
}
