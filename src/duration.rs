//! Periods written in settings and front matter: `14d`, `6w`, `3mo`, `1y`, `12h`.

use chrono::TimeDelta;

/// Parses a period; `None` when it is not one. A month is 30 days and a year 365 days: these
/// periods say when to look at an article again, not calendar arithmetic.
pub(crate) fn parse(text: &str) -> Option<TimeDelta> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let n: i64 = number.parse().ok()?;
    let days = match unit.trim() {
        "h" => return TimeDelta::try_hours(n),
        "d" => n,
        "w" => n.checked_mul(7)?,
        "mo" | "month" | "months" => n.checked_mul(30)?,
        "y" | "year" | "years" => n.checked_mul(365)?,
        _ => return None,
    };
    TimeDelta::try_days(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(parse("14d"), TimeDelta::try_days(14));
        assert_eq!(parse("6w"), TimeDelta::try_days(42));
        assert_eq!(parse("1y"), TimeDelta::try_days(365));
        assert_eq!(parse("3mo"), TimeDelta::try_days(90));
        assert_eq!(parse("12h"), TimeDelta::try_hours(12));
        for bad in ["", "d", "14", "14 days", "-3d", "1.5d"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
