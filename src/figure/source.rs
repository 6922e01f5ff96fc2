//! The line under every exported figure that says where it comes from — the app and model, the
//! scenario and its file, the run's years, the date — so a figure pasted into a note carries its
//! provenance.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::Scenario;
use crate::model::naming::year_label;

/// Today's date as `YYYY-MM-DD` (UTC), from the system clock.
pub fn today_iso() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    civil_date(days)
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) from the system clock: when a round was played or a change logged.
pub fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
    format!(
        "{} {h:02}:{m:02}:{s:02}",
        civil_date((secs / 86_400) as i64)
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil-from-days).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The source line: the app, the scenario and its file name (never a local path), the run's years,
/// the date, and what the inputs rest on.
pub fn figure_source(s: &Scenario, file_name: Option<&str>) -> String {
    let file = file_name.map_or(String::new(), |n| format!(" ({n})"));
    format!(
        "ASEAN Digital Futures, model v1.1 · scenario “{}”{file} · run {}–{} · exported {} · \
         inputs: the sourced 2025 baseline and stated assumptions; a comparison of scenarios, not a forecast",
        s.name,
        year_label(s.time.start_year),
        year_label(s.time.end_year),
        today_iso()
    )
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn day_counts_become_calendar_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_789), "2026-12-02");
    }
}
