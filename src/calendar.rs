//! The Solar Hijri (Persian) calendar, in which Persian readers expect dates.
//!
//! The arithmetic 33-year-cycle rule: it agrees with the astronomical calendar for the years in
//! which articles are written (1343–1473 SH, 1964–2094 CE).

/// Gregorian `(year, month, day)` → Solar Hijri `(year, month, day)`.
pub(crate) fn gregorian_to_persian(year: i32, month: u32, day: u32) -> (i32, u32, u32) {
    const DAYS_BEFORE_MONTH: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let (gy, gm, gd) = (i64::from(year), month.clamp(1, 12) as usize, i64::from(day));
    // Leap days are counted up to the end of February, so March onwards counts this year's.
    let leap_year = if gm > 2 { gy + 1 } else { gy };
    let mut days = 355_666 + 365 * gy + (leap_year + 3) / 4 - (leap_year + 99) / 100
        + (leap_year + 399) / 400
        + gd
        + DAYS_BEFORE_MONTH[gm - 1];
    let mut py = -1595 + 33 * (days / 12_053);
    days %= 12_053;
    py += 4 * (days / 1461);
    days %= 1461;
    if days > 365 {
        py += (days - 1) / 365;
        days = (days - 1) % 365;
    }
    // The first six months have 31 days, the next five 30, the last 29 or 30.
    let (pm, pd) =
        if days < 186 { (1 + days / 31, 1 + days % 31) } else { (7 + (days - 186) / 30, 1 + (days - 186) % 30) };
    (py as i32, pm as u32, pd as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        // Nowruz of several years, and the last day of a leap year.
        for (gregorian, persian) in [
            ((2024, 3, 20), (1403, 1, 1)),
            ((2025, 3, 21), (1404, 1, 1)),
            ((2026, 3, 21), (1405, 1, 1)),
            ((2025, 3, 20), (1403, 12, 30)),
            ((2026, 11, 22), (1405, 9, 1)),
            ((2000, 1, 1), (1378, 10, 11)),
            ((1979, 2, 11), (1357, 11, 22)),
        ] {
            assert_eq!(gregorian_to_persian(gregorian.0, gregorian.1, gregorian.2), persian, "{gregorian:?}");
        }
    }
}
