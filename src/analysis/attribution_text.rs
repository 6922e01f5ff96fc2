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

    /// The sentence when B and A differ.
    fn gap_sentence(&self, label: &str, f: &dyn Fn(f64) -> String) -> String {
        let total = self.total;
        let c = &self.contributions;
        let Some(top) = c.first() else {
            return format!(
                "The gap in {label} ({}) has no input difference behind it that changes a run.",
                f(total)
            );
        };
        let along = |v: f64| v.signum() == total.signum();
        let mut out = if c.len() == 1
            || ((top.value - total).abs() <= ZERO && c[1..].iter().all(|x| x.value.abs() <= ZERO))
        {
            format!(
                "All of the gap in {label} ({}) comes from {}",
                f(total),
                top.group
            )
        } else if !along(top.value) {
            format!(
                "The gap in {label} ({}) opens despite {}, which {} the other way ({})",
                f(total),
                top.group,
                verb(&top.group, "pulls", "pull"),
                f(top.value)
            )
        } else if top.value.abs() > total.abs() + ZERO {
            // Other changes pull the other way, so this group alone moves the outcome further than
            // the whole gap: "most of" would understate it.
            format!(
                "All of the gap in {label} ({}) comes from {}, which alone {} it by {}",
                f(total),
                top.group,
                verb(&top.group, "moves", "move"),
                f(top.value)
            )
        } else if top.value.abs() >= 0.5 * total.abs() {
            format!(
                "Most of the gap in {label} ({} of {}) comes from {}",
                f(top.value),
                f(total),
                top.group
            )
        } else {
            format!(
                "The largest part of the gap in {label} ({} of {}) comes from {}",
                f(top.value),
                f(total),
                top.group
            )
        };
        if let Some(second) = c.get(1).filter(|x| x.value.abs() > ZERO) {
            out.push_str(&format!("; {}", effect(second, along(second.value), f)));
            let rest: Vec<_> = c[2..].iter().filter(|x| x.value.abs() > ZERO).collect();
            match rest.as_slice() {
                [] => {}
                // One more group is named rather than counted: "the other 1 group" reads badly.
                [only] => out.push_str(&format!("; {}", effect(only, along(only.value), f))),
                _ => out.push_str(&format!(
                    "; the other {} groups add {} together",
                    rest.len(),
                    f(rest.iter().map(|x| x.value).sum())
                )),
            }
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
            s.starts_with(
                "All of the gap in X (0.02) comes from China levers, which alone move it by 0.10"
            ),
            "{s}"
        );
        assert!(s.contains("US levers work against it (-0.08)"), "{s}");
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
