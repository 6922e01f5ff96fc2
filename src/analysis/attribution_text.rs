//! The one-sentence reading of an attribution for briefings and the waterfall's caption. It must stay
//! honest: no gap is called a gap, changes that cancel out are named as such, a group larger than the
//! whole gap is not called "most of it", and a sampled estimate says so.

use super::attribution::{Attribution, Contribution};

/// Differences below this are treated as none (outcomes are shares and indices in [−1, 1]).
const ZERO: f64 = 1e-9;

impl Attribution {
    /// E.g. "Most of the gap in Cambodia's China share in 2035 (0.12 of 0.15) comes from China
    /// levers; Cambodia profile adds 0.02."
    pub fn sentence(&self, outcome_label: &str) -> String {
        let label = outcome_label;
        let c = &self.contributions;
        let scale = c
            .iter()
            .map(|x| x.value.abs())
            .fold(self.total.abs(), f64::max);
        let f = |v: f64| fmt_amount(v, scale);
        let moving: Vec<_> = c.iter().filter(|x| x.value.abs() > ZERO).collect();
        let mut out = if self.total.abs() <= ZERO {
            match moving.as_slice() {
                [] if c.is_empty() => format!(
                    "{label} is the same in A and B ({}): no input that differs can change a run.",
                    f(self.outcome_a)
                ),
                [] => format!(
                    "{label} is the same in A and B ({}): none of the changes ({}) moves it.",
                    f(self.outcome_a),
                    c.iter()
                        .map(|x| x.group.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                [first, rest @ ..] => format!(
                    "{label} ends up the same in A and B ({}) only because the changes offset each \
                     other: {} {} it by {}{}.",
                    f(self.outcome_a),
                    first.group,
                    verb(&first.group, "moves", "move"),
                    f(first.value),
                    rest.first()
                        .map(|x| format!(" and {} by {}", x.group, f(x.value)))
                        .unwrap_or_default()
                ),
            }
        } else {
            self.gap_sentence(&mid_sentence(label), &f)
        };
        if !self.exact
            && let Some(se) = self.std_error
        {
            out.pop();
            out.push_str(&format!(
                " (estimated from sampled orders; standard error up to {}).",
                fmt_amount(se, se)
            ));
        }
        out
    }

    /// The sentence when B and A differ: the group that carries the gap, up to two more that add
    /// to it (the rest summed), and every group that works against it, each with its size — so a
    /// reader never takes one group for the whole story while another pulls the other way.
    fn gap_sentence(&self, label: &str, f: &dyn Fn(f64) -> String) -> String {
        let total = self.total;
        let moving: Vec<&Contribution> = self
            .contributions
            .iter()
            .filter(|x| x.value.abs() > ZERO)
            .collect();
        if moving.is_empty() {
            return format!(
                "The gap in {label} ({}) has no input difference behind it that changes a run.",
                f(total)
            );
        }
        let along = |v: f64| v.signum() == total.signum();
        let (with, against): (Vec<&Contribution>, Vec<&Contribution>) =
            moving.iter().partition(|x| along(x.value));
        let mut out = match with.first() {
            None => format!(
                "The gap in {label} ({}) opens against every change",
                f(total)
            ),
            Some(lead) if moving.len() == 1 => {
                format!(
                    "The gap in {label} ({}) comes from {} alone",
                    f(total),
                    lead.group
                )
            }
            // Others pull the other way, so this group alone moves the outcome further than the
            // whole gap: "most of" would understate it.
            Some(lead) if lead.value.abs() > total.abs() + ZERO => format!(
                "{} alone {} {label} by {}, more than the whole gap ({})",
                lead.group,
                verb(&lead.group, "moves", "move"),
                f(lead.value),
                f(total)
            ),
            Some(lead) if lead.value.abs() >= 0.5 * total.abs() => format!(
                "Most of the gap in {label} ({} of {}) comes from {}",
                f(lead.value),
                f(total),
                lead.group
            ),
            Some(lead) => format!(
                "The largest part of the gap in {label} ({} of {}) comes from {}",
                f(lead.value),
                f(total),
                lead.group
            ),
        };
        let helpers = with.get(1..).unwrap_or_default();
        match helpers {
            [] => {}
            // Up to two more are named rather than counted: "the other 1 group" reads badly.
            [one] => out.push_str(&format!("; {}", effect(one, true, f))),
            [one, two] => out.push_str(&format!(
                "; {}; {}",
                effect(one, true, f),
                effect(two, true, f)
            )),
            [one, rest @ ..] => out.push_str(&format!(
                "; {}; the other {} groups add {} together",
                effect(one, true, f),
                rest.len(),
                f(rest.iter().map(|x| x.value).sum())
            )),
        }
        for g in &against {
            out.push_str(&format!("; {}", effect(g, false, f)));
        }
        out.push('.');
        out
    }
}

/// "China levers add 0.03" or "Cambodia profile works against it (-0.02)".
fn effect(c: &Contribution, along: bool, f: &dyn Fn(f64) -> String) -> String {
    if along {
        format!(
            "{} {} {}",
            c.group,
            verb(&c.group, "adds", "add"),
            f(c.value)
        )
    } else {
        format!(
            "{} {} against it ({})",
            c.group,
            verb(&c.group, "works", "work"),
            f(c.value)
        )
    }
}

/// The verb form that agrees with a group's label: group labels name one thing ("Cambodia
/// profile", "ASEAN / DEFA policy") or several ("China levers", "Constants", "US settings"), and
/// the plural ones end in an s.
fn verb<'a>(group: &str, singular: &'a str, plural: &'a str) -> &'a str {
    let last = group.split_whitespace().last().unwrap_or("");
    if last.ends_with('s') && !last.ends_with("ss") {
        plural
    } else {
        singular
    }
}

/// An outcome label as it reads inside a sentence: "Bloc bifurcation in 2040" becomes "bloc
/// bifurcation in 2040"; labels that start with a state's name keep it.
fn mid_sentence(label: &str) -> String {
    match label.strip_prefix("Bloc ") {
        Some(rest) => format!("bloc {rest}"),
        None => label.to_string(),
    }
}

/// A value with the decimals its scale needs: two from 0.1 up, one more for each further power of
/// ten below (at most six). Values are shown to the scale of the whole gap, except that a value
/// that would round to zero there gets its own (so −0.002 is not shown as 0.00).
fn fmt_amount(v: f64, scale: f64) -> String {
    let decimals_for = |size: f64| {
        if size >= 0.1 || size == 0.0 || !size.is_finite() {
            2
        } else {
            (2 + (-size.log10()).floor() as usize).min(6)
        }
    };
    let mut decimals = decimals_for(scale.abs());
    if v.abs() < 0.5 * 10f64.powi(-(decimals as i32)) {
        decimals = decimals_for(v.abs());
    }
    let text = format!("{v:.decimals$}");
    // "-0.000000" would claim a direction the number does not have.
    if text
        .trim_start_matches('-')
        .chars()
        .all(|ch| ch == '0' || ch == '.')
    {
        text.trim_start_matches('-').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::attribution::Contribution;

    fn attribution(total: f64, parts: &[(&str, f64)]) -> Attribution {
        Attribution {
            outcome_a: 0.4,
            outcome_b: 0.4 + total,
            total,
            contributions: parts
                .iter()
                .map(|(g, v)| Contribution {
                    group: (*g).to_string(),
                    value: *v,
                    std_error: None,
                })
                .collect(),
            exact: true,
            std_error: None,
            runs: 4,
        }
    }

    #[test]
    fn the_usual_case_names_the_main_group_and_the_next() {
        let a = attribution(0.15, &[("China levers", 0.12), ("Cambodia profile", 0.03)]);
        assert_eq!(
            a.sentence("X"),
            "Most of the gap in X (0.12 of 0.15) comes from China levers; Cambodia profile adds 0.03."
        );
    }

    #[test]
    fn offsetting_changes_are_named_as_such() {
        let a = attribution(0.0, &[("China levers", 0.1), ("US levers", -0.1)]);
        let s = a.sentence("X");
        assert!(s.contains("offset each other"), "{s}");
        let a = attribution(0.02, &[("China levers", 0.1), ("US levers", -0.08)]);
        let s = a.sentence("X");
        assert!(
            s.starts_with("China levers alone move X by 0.10, more than the whole gap (0.02)"),
            "{s}"
        );
        assert!(s.contains("US levers work against it (-0.08)"), "{s}");
        assert!(!s.contains("All of"), "{s}");
    }

    #[test]
    fn verbs_agree_with_plural_group_names_and_a_last_group_is_named() {
        let a = attribution(
            0.15,
            &[
                ("China levers", 0.10),
                ("US levers", 0.03),
                ("Cambodia profile", 0.02),
            ],
        );
        assert_eq!(
            a.sentence("X"),
            "Most of the gap in X (0.10 of 0.15) comes from China levers; US levers add 0.03; \
             Cambodia profile adds 0.02."
        );
        let a = attribution(
            0.15,
            &[
                ("China levers", 0.10),
                ("Constants", 0.03),
                ("ASEAN / DEFA policy", 0.01),
                ("Events", 0.01),
            ],
        );
        assert!(
            a.sentence("X")
                .ends_with("Constants add 0.03; the other 2 groups add 0.02 together."),
            "{}",
            a.sentence("X")
        );
    }

    #[test]
    fn every_group_working_against_the_gap_is_named_with_its_size() {
        let a = attribution(
            0.10,
            &[
                ("China levers", 0.09),
                ("US levers", -0.03),
                ("Cambodia profile", 0.02),
                ("Constants", 0.03),
                ("Events", -0.01),
            ],
        );
        let s = a.sentence("X");
        assert!(
            s.starts_with("Most of the gap in X (0.09 of 0.10) comes from China levers"),
            "{s}"
        );
        assert!(s.contains("US levers work against it (-0.03)"), "{s}");
        assert!(s.contains("Events work against it (-0.01)"), "{s}");
        assert!(s.contains("Cambodia profile adds 0.02"), "{s}");
        // One group alone is said to be alone, never "all of".
        let s = attribution(0.05, &[("Cambodia profile", 0.05)]).sentence("X");
        assert_eq!(s, "The gap in X (0.050) comes from Cambodia profile alone.");
    }

    #[test]
    fn no_gap_says_so() {
        let s = attribution(0.0, &[]).sentence("X");
        assert!(s.starts_with("X is the same in A and B (0.40)"), "{s}");
        let s = attribution(0.0, &[("Constants", 0.0)]).sentence("X");
        assert!(
            s.contains("none of the changes (Constants) moves it"),
            "{s}"
        );
    }

    #[test]
    fn small_gaps_keep_their_digits() {
        assert_eq!(fmt_amount(0.0042, 0.0042), "0.0042");
        assert_eq!(fmt_amount(-0.0021, 0.11), "-0.0021");
        assert_eq!(fmt_amount(0.03, 0.15), "0.03");
        assert_eq!(fmt_amount(0.1154, 0.1154), "0.12");
        assert_eq!(fmt_amount(-1e-12, 0.5), "0.000000");
    }
}
