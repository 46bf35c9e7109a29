//! "Now": `--now`, else `SOURCE_DATE_EPOCH` (the reproducible-builds convention), else the clock,
//! so the same inputs give the same site and the same verdicts.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use crate::error::Error;

/// `--now` if given, else `SOURCE_DATE_EPOCH` from the environment, else the clock.
pub fn from_env(flag: Option<&str>) -> Result<DateTime<FixedOffset>, Error> {
    resolve(flag, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

pub fn resolve(flag: Option<&str>, source_date_epoch: Option<&str>) -> Result<DateTime<FixedOffset>, Error> {
    if let Some(text) = flag {
        return parse(text).ok_or_else(|| {
            Error::usage(
                format!("`--now {text}` is not a date"),
                "give an RFC 3339 time such as 2026-03-01T12:00:00Z, or a day such as 2026-03-01",
            )
        });
    }
    if let Some(epoch) = source_date_epoch.filter(|s| !s.trim().is_empty()) {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            Error::usage(
                format!("SOURCE_DATE_EPOCH={epoch} is not a number of seconds"),
                "set it to a Unix time such as 1767225600, or unset it",
            )
        })?;
        return Utc
            .timestamp_opt(seconds, 0)
            .single()
            .map(|t| t.fixed_offset())
            .ok_or_else(|| Error::usage(format!("SOURCE_DATE_EPOCH={epoch} is out of range"), "unset it"));
    }
    Ok(Utc::now().fixed_offset())
}

fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text.trim()).ok().or_else(|| {
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc().fixed_offset())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_epoch_beats_clock() {
        let t = resolve(Some("2026-03-01T10:00:00+03:30"), Some("0")).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-01T10:00:00+03:30");
        let t = resolve(None, Some("1767225600")).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-01-01T00:00:00+00:00");
        assert_eq!(resolve(Some("2026-03-01"), None).unwrap().to_rfc3339(), "2026-03-01T00:00:00+00:00");
        assert!(resolve(Some("yesterday"), None).is_err());
        assert!(resolve(None, Some("soon")).is_err());
    }
}
