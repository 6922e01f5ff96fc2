//! Claims as data: a sentence a scenario says about its results ("every state's China share is
//! higher than in the baseline by 2035"), stored with the outcome it is about, what that outcome is
//! compared with and what is expected of the difference, so the claim can be measured, shown with
//! ✓ or ✗ and its number, and tested. Measuring needs the engine and lives in
//! `analysis::claims`; this module owns the data and the arithmetic of an expectation.

use serde::{Deserialize, Serialize};

use super::edit::Edit;
use super::scenario::{Limits, Scenario};
use super::validate::Problem;

/// One claim about a scenario's results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The sentence for people, e.g. "Cambodia's China share in 2035 is at least 0.03 above the
    /// baseline".
    pub text: String,
    /// The outcome, written as on the command line (`KHM.share.CN@2035`); the state may be `*`
    /// (every state) or a comma-separated list of codes (`KHM,LAO,MMR`), and the claim must then
    /// hold for each of them.
    pub outcome: String,
    /// What the outcome is compared with; the expectation applies to the difference.
    #[serde(default)]
    pub compared_to: ComparedTo,
    pub expect: Expect,
    /// Measured after the scenario's first `step` story steps (none or 0: the scenario as saved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<usize>,
    /// Changes made before measuring, e.g. "raise Cambodia's governance to 0.5".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<Edit>,
}

/// What a claim's outcome is compared with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparedTo {
    /// Nothing: the expectation applies to the outcome's own value.
    #[default]
    Nothing,
    /// The same outcome in another scenario file, named relative to this one
    /// (`baseline_2025.ron`), as saved.
    File(String),
    /// The same outcome after the scenario's first N story steps (0: as saved).
    Step(usize),
    /// The same outcome, in the same run, at another year (`year(2025.0)`: the change since 2025).
    Year(f64),
    /// The same outcome without the claim's `with` changes.
    WithoutChanges,
}

/// What is expected of the measured number (the outcome, or its difference from the comparison).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// Above zero.
    Positive,
    /// Below zero.
    Negative,
    /// At least this value.
    AtLeast(f64),
    /// At most this value.
    AtMost(f64),
    /// Within `[low, high]`.
    Between(f64, f64),
}

impl Expect {
    /// How far `value` is inside the expectation: positive when it holds, negative by how much it
    /// misses. For a range, the distance to the nearer end.
    pub fn margin(&self, value: f64) -> f64 {
        match *self {
            Expect::Positive => value,
            Expect::Negative => -value,
            Expect::AtLeast(x) => value - x,
            Expect::AtMost(x) => x - value,
            Expect::Between(low, high) => (value - low).min(high - value),
        }
    }

    /// Whether `value` meets the expectation: a sign must be strict, a threshold or range may be
    /// met exactly. NaN never holds.
    pub fn holds(&self, value: f64) -> bool {
        let m = self.margin(value);
        match self {
            Expect::Positive | Expect::Negative => m > 0.0,
            _ => m >= 0.0,
        }
    }

    /// The numbers in the expectation, for validation.
    pub fn numbers(&self) -> Vec<f64> {
        match *self {
            Expect::Positive | Expect::Negative => Vec::new(),
            Expect::AtLeast(x) | Expect::AtMost(x) => vec![x],
            Expect::Between(low, high) => vec![low, high],
        }
    }

    /// For people: "> 0", "≥ +0.030", "between +0.020 and +0.060".
    pub fn label(&self) -> String {
        match *self {
            Expect::Positive => "> 0".into(),
            Expect::Negative => "< 0".into(),
            Expect::AtLeast(x) => format!("≥ {}", signed(x)),
            Expect::AtMost(x) => format!("≤ {}", signed(x)),
            Expect::Between(low, high) => format!("between {} and {}", signed(low), signed(high)),
        }
    }
}

/// A number with its sign and three decimals, as claims are read: "+0.030", "−0.012".
pub fn signed(x: f64) -> String {
    let text = format!("{x:+.3}");
    text.replacen('-', "−", 1)
}

/// Whether `name` may be a claim's comparison file: a plain `.ron` file name beside the scenario,
/// never a path, so a claim cannot make the app read elsewhere.
pub fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name.ends_with(".ron")
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

/// The problems of a scenario's claims that need no engine: texts, limits, numbers, file names,
/// story positions and years. Whether each outcome names something the scenario has is checked by
/// `analysis::claim_problems`.
pub(super) fn check_claims(s: &Scenario, problems: &mut Vec<Problem>) {
    if s.claims.len() > Limits::MAX_CLAIMS {
        problems.push(Problem::error(
            "claims",
            format!(
                "has {} claims: at most {} allowed",
                s.claims.len(),
                Limits::MAX_CLAIMS
            ),
        ));
        return;
    }
    let steps = s.story.len();
    let (y0, y1) = (s.time.start_year, s.time.end_year);
    for (n, claim) in s.claims.iter().enumerate() {
        // What the author must fix is an error; what an edit of the scenario can cause (a shorter
        // story, a moved run) only leaves the claim unmeasured, and must never block that edit.
        let mut found = Vec::new();
        let mut note = |error: bool, field: &str, message: String| {
            found.push((error, field.to_string(), message));
        };
        if claim.text.trim().is_empty() {
            note(
                true,
                "text",
                "is empty: a claim says in words what it expects".into(),
            );
        }
        if claim.text.len() > Limits::MAX_TEXT_LEN || claim.outcome.len() > Limits::MAX_TEXT_LEN {
            note(
                true,
                "text",
                format!("is too long: at most {} bytes", Limits::MAX_TEXT_LEN),
            );
        }
        if claim.expect.numbers().iter().any(|x| !x.is_finite()) {
            note(true, "expect", "must hold finite numbers".into());
        }
        if let Expect::Between(low, high) = claim.expect
            && low > high
        {
            note(
                true,
                "expect",
                format!("= between({low}, {high}): the low end must not exceed the high end"),
            );
        }
        if let Some(k) = claim.step
            && k > steps
        {
            note(false, "step", format!("= {k}: the story has {steps} steps"));
        }
        if claim.with.len() > Limits::MAX_CLAIM_CHANGES {
            note(
                true,
                "with",
                format!(
                    "has {} changes: at most {} allowed",
                    claim.with.len(),
                    Limits::MAX_CLAIM_CHANGES
                ),
            );
        }
        match &claim.compared_to {
            ComparedTo::File(name) if !is_plain_file_name(name) => note(
                true,
                "compared_to",
                format!(
                    "= file({name:?}): must be a .ron file name beside this scenario, without folders"
                ),
            ),
            ComparedTo::Step(k) if *k > steps => note(
                false,
                "compared_to",
                format!("= step({k}): the story has {steps} steps"),
            ),
            ComparedTo::Year(y) if !y.is_finite() => note(
                true,
                "compared_to",
                format!("= year({y}): must be a finite year"),
            ),
            ComparedTo::Year(y) if *y < y0 - 1e-9 || *y > y1 + 1e-9 => note(
                false,
                "compared_to",
                format!("= year({y}): outside the run, {y0}–{y1}, so the claim cannot be measured"),
            ),
            ComparedTo::WithoutChanges if claim.with.is_empty() => note(
                true,
                "compared_to",
                "= without_changes, but the claim makes no changes (`with` is empty)".into(),
            ),
            _ => {}
        }
        for (error, field, message) in found {
            let path = format!("claims[{n}].{field}");
            problems.push(if error {
                Problem::error(path, message)
            } else {
                Problem::warning(path, message)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_measure_how_far_inside_the_expectation_a_value_is() {
        assert_eq!(Expect::Positive.margin(0.05), 0.05);
        assert!(!Expect::Positive.holds(0.0));
        assert!(Expect::Negative.holds(-0.01));
        assert!((Expect::AtLeast(0.03).margin(0.05) - 0.02).abs() < 1e-12);
        assert!(Expect::AtLeast(0.03).holds(0.03));
        assert!(!Expect::AtMost(0.03).holds(0.031));
        let range = Expect::Between(0.02, 0.10);
        assert!((range.margin(0.08) - 0.02).abs() < 1e-12);
        assert!((range.margin(0.01) + 0.01).abs() < 1e-12);
        assert!(!range.holds(f64::NAN));
    }

    #[test]
    fn labels_read_as_a_person_writes_them() {
        assert_eq!(Expect::AtLeast(0.03).label(), "≥ +0.030");
        assert_eq!(Expect::AtMost(-0.012).label(), "≤ −0.012");
        assert_eq!(
            Expect::Between(-0.02, 0.02).label(),
            "between −0.020 and +0.020"
        );
    }

    #[test]
    fn only_plain_ron_file_names_may_be_compared_with() {
        assert!(is_plain_file_name("baseline_2025.ron"));
        for bad in [
            "../x.ron",
            "/etc/x.ron",
            "a/b.ron",
            "x.txt",
            ".ron",
            "C:x.ron",
            "",
        ] {
            assert!(!is_plain_file_name(bad), "{bad}");
        }
    }
}
