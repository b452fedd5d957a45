//! Chart drawings made light enough to inline in a page. The chart module writes every text
//! as glyph outlines (so no font is needed), one `<path>` per text in absolute coordinates
//! with one decimal: about nine tenths of a page's bytes. Here each such path is rewritten
//! with the same points in relative coordinates counted in tenths of a pixel (whole
//! numbers, drawn through `transform="scale(.1)"`), which draws the identical shape in
//! about 45% of the bytes. A path in any other form (other commands, finer decimals, its
//! own transform) is kept exactly as it was.

use std::fmt::Write;

/// `svg` with every outline path written compactly (see the module's doc).
pub fn compact_paths(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() / 2);
    let mut rest = svg;
    while let Some(start) = rest.find("<path d=\"") {
        let data_start = start + "<path d=\"".len();
        let Some(data_len) = rest[data_start..].find('"') else { break };
        let data = &rest[data_start..data_start + data_len];
        let tag_end = rest[data_start + data_len..].find('>').map_or(rest.len(), |i| data_start + data_len + i);
        let attributes = &rest[data_start + data_len..tag_end];
        out.push_str(&rest[..start]);
        match relative(data).filter(|_| !attributes.contains("transform=")) {
            Some(compact) => {
                let _ = write!(out, "<path transform=\"scale(.1)\" d=\"{compact}\"");
            }
            None => {
                let _ = write!(out, "<path d=\"{data}\"");
            }
        }
        rest = &rest[data_start + data_len + 1..];
    }
    out.push_str(rest);
    out
}

/// One command of an outline: its letter and its points in tenths of a pixel.
struct Command {
    letter: char,
    numbers: Vec<i64>,
}

/// The commands of absolute path data made of `M`, `L`, `Q`, `C` and `Z` with numbers of
/// at most one decimal; `None` for anything else.
fn parse(data: &str) -> Option<Vec<Command>> {
    let mut commands: Vec<Command> = Vec::new();
    let mut chars = data.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            'M' | 'L' | 'Q' | 'C' | 'Z' => {
                commands.push(Command { letter: c, numbers: Vec::new() });
                chars.next();
            }
            ' ' | ',' => {
                chars.next();
            }
            '-' | '0'..='9' | '.' => {
                let mut end = i;
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_ascii_digit() || d == '.' || (j == i && d == '-') {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                commands.last_mut()?.numbers.push(tenths(&data[i..end])?);
            }
            _ => return None,
        }
    }
    let arity = |letter| match letter {
        'M' | 'L' => 2,
        'Q' => 4,
        'C' => 6,
        _ => 0,
    };
    commands.iter().all(|c| c.numbers.len() == arity(c.letter)).then_some(commands)
}

/// A number written with at most one decimal, in tenths (`12.5` → 125); `None` otherwise.
fn tenths(text: &str) -> Option<i64> {
    let (negative, digits) = text.strip_prefix('-').map_or((false, text), |d| (true, d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if fraction.len() > 1 || (whole.is_empty() && fraction.is_empty()) || whole.len() > 12 {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let fraction: i64 = if fraction.is_empty() { 0 } else { fraction.parse().ok()? };
    let value = whole * 10 + fraction;
    Some(if negative { -value } else { value })
}

/// The same path in relative commands of whole tenths: `m`, `l`, `q`, `c`, `z`, a command
/// letter left out where it repeats (after `m`, an `l` is implied).
fn relative(data: &str) -> Option<String> {
    let commands = parse(data)?;
    let mut out = String::with_capacity(data.len() / 2);
    let (mut current, mut start) = ((0i64, 0i64), (0i64, 0i64));
    let mut previous = None;
    for command in &commands {
        if command.letter == 'Z' {
            out.push('z');
            current = start;
            previous = Some('z');
            continue;
        }
        let letter = command.letter.to_ascii_lowercase();
        // After `m` further pairs are lines; any other letter repeats itself.
        let implied = previous == Some(letter) && letter != 'm';
        if !implied {
            out.push(letter);
        }
        for (k, pair) in command.numbers.chunks(2).enumerate() {
            let (dx, dy) = (pair[0] - current.0, pair[1] - current.1);
            let first = k == 0 && !implied;
            push_number(&mut out, dx, first);
            push_number(&mut out, dy, false);
        }
        let n = command.numbers.len();
        current = (command.numbers[n - 2], command.numbers[n - 1]);
        if letter == 'm' {
            start = current;
        }
        previous = Some(if letter == 'm' { 'l' } else { letter });
    }
    Some(out)
}

/// A whole number after a command letter (`first`) or after another number: a space only
/// where a minus sign does not already separate them.
fn push_number(out: &mut String, n: i64, first: bool) {
    if !first && n >= 0 {
        out.push(' ');
    }
    let _ = write!(out, "{n}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The absolute points a relative path of tenths visits, in pixels, for comparison.
    fn absolute_points(data: &str) -> Vec<(f64, f64)> {
        // Commands with their numbers.
        let mut commands: Vec<(char, Vec<i64>)> = Vec::new();
        let mut token = String::new();
        for c in data.chars().chain([' ']) {
            if c.is_ascii_digit() || (c == '-' && token.is_empty()) {
                token.push(c);
                continue;
            }
            if !token.is_empty() {
                commands.last_mut().unwrap().1.push(token.parse().unwrap());
                token.clear();
            }
            if c == '-' {
                token.push(c);
            } else if c.is_ascii_alphabetic() {
                commands.push((c, Vec::new()));
            }
        }
        let mut points = Vec::new();
        let (mut x, mut y, mut start) = (0i64, 0i64, (0i64, 0i64));
        for (letter, numbers) in commands {
            if letter == 'z' {
                (x, y) = start;
                continue;
            }
            let arity = match letter {
                'q' => 4,
                'c' => 6,
                _ => 2,
            };
            for (i, chunk) in numbers.chunks(arity).enumerate() {
                for pair in chunk.chunks(2) {
                    points.push(((x + pair[0]) as f64 / 10.0, (y + pair[1]) as f64 / 10.0));
                }
                x += chunk[arity - 2];
                y += chunk[arity - 1];
                if letter == 'm' && i == 0 {
                    start = (x, y);
                }
            }
        }
        points
    }

    #[test]
    fn outlines_keep_every_point_and_lose_half_their_bytes() {
        let data = "M10.5 20.0L12.5 20.0L12.5 -3.2Q14.0 5.0 16.0 7.5C1.0 2.0 3.0 4.0 5.0 6.0ZM100.0 100.0L101.0 100.0Z";
        let compact = relative(data).unwrap();
        assert_eq!(compact, "m105 200 20 0 0-232q15 82 35 107c-150-55-130-35-110-15zm895 800 10 0z");
        let expected = [
            (10.5, 20.0),
            (12.5, 20.0),
            (12.5, -3.2),
            (14.0, 5.0),
            (16.0, 7.5),
            (1.0, 2.0),
            (3.0, 4.0),
            (5.0, 6.0),
            (100.0, 100.0),
            (101.0, 100.0),
        ];
        assert_eq!(absolute_points(&compact), expected);
    }

    #[test]
    fn only_outline_paths_change() {
        let svg = "<svg><polyline points=\"1,2 3,4\"/><path d=\"M1.5 2.5L3 4Z\" fill=\"#000\" role=\"img\" \
                   aria-label=\"a\"/><path d=\"M1.25 2L3 4Z\"/><path d=\"M1 2A3 4 0 0 1 5 6\"/>\
                   <path d=\"M1 2L3 4\" transform=\"rotate(90)\"/></svg>";
        let out = compact_paths(svg);
        assert!(out.contains("<path transform=\"scale(.1)\" d=\"m15 25 15 15z\" fill=\"#000\" role=\"img\""), "{out}");
        assert!(out.contains("<path d=\"M1.25 2L3 4Z\"/>"), "two decimals are kept as written: {out}");
        assert!(out.contains("<path d=\"M1 2A3 4 0 0 1 5 6\"/>"), "arcs are kept as written");
        assert!(out.contains("<path d=\"M1 2L3 4\" transform=\"rotate(90)\"/>"), "a path's own transform is kept");
        assert!(out.starts_with("<svg><polyline points=\"1,2 3,4\"/>") && out.ends_with("</svg>"));
    }

    #[test]
    fn numbers_are_read_in_tenths_or_refused() {
        assert_eq!(tenths("12.5"), Some(125));
        assert_eq!(tenths("-0.3"), Some(-3));
        assert_eq!(tenths("7"), Some(70));
        assert_eq!(tenths(".5"), Some(5));
        assert_eq!(tenths("1.25"), None);
        assert_eq!(tenths("-"), None);
        assert_eq!(tenths("1e5"), None);
    }
}
