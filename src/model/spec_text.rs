//! Shared pieces of the small text languages that name outcomes and knobs on the command line:
//! the parse error, code look-ups that explain what is known, and number formatting that round-trips.

use super::Scenario;

/// Why an outcome or knob text could not be read. The message says what is allowed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("cannot read {text:?}: {message}")]
pub struct SpecError {
    /// The text as given.
    pub text: String,
    /// What is wrong and what would be accepted.
    pub message: String,
}

impl SpecError {
    pub(crate) fn new(text: &str, message: impl Into<String>) -> Self {
        Self {
            text: text.to_string(),
            message: message.into(),
        }
    }
}

/// Index of the state with this code: the exact code first, then a unique case-insensitive match
/// (so `khm` works, but never picks between two codes that differ only by case).
pub(crate) fn state_index(s: &Scenario, code: &str) -> Option<usize> {
    find_code(s.states.iter().map(|x| x.code.as_str()), code)
}

/// Index of the power with this code (same matching as [`state_index`]).
pub(crate) fn power_index(s: &Scenario, code: &str) -> Option<usize> {
    find_code(s.powers.iter().map(|x| x.code.as_str()), code)
}

/// Index of the pole with this code: a power code, or `Aut` for the autonomy pole (last).
pub(crate) fn pole_index(s: &Scenario, code: &str) -> Option<usize> {
    find_code(s.pole_codes().iter().map(String::as_str), code)
}

fn find_code<'a>(codes: impl Iterator<Item = &'a str> + Clone, code: &str) -> Option<usize> {
    if let Some(i) = codes.clone().position(|c| c == code) {
        return Some(i);
    }
    let mut hits = codes
        .enumerate()
        .filter(|(_, c)| c.eq_ignore_ascii_case(code));
    match (hits.next(), hits.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// `BRN, KHM, …` for messages.
pub(crate) fn state_codes(s: &Scenario) -> String {
    s.states
        .iter()
        .map(|x| x.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `US, CN, EU` for messages.
pub(crate) fn power_codes(s: &Scenario) -> String {
    s.powers
        .iter()
        .map(|x| x.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number as the shortest text that reads back to the same value (`2035`, `0.1`).
pub(crate) fn fmt_number(v: f64) -> String {
    format!("{v}")
}

/// Parses a finite number, or explains.
pub(crate) fn parse_number(text: &str, what: &str, whole: &str) -> Result<f64, SpecError> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(SpecError::new(
            whole,
            format!("{what} {text:?} is not a finite number"),
        )),
    }
}

/// Splits `name[3][4]` into `("name", [“3”, “4”])`; `None` when brackets do not pair up.
pub(crate) fn split_indices(text: &str) -> Option<(&str, Vec<&str>)> {
    let Some(open) = text.find('[') else {
        return Some((text, Vec::new()));
    };
    let (name, mut rest) = text.split_at(open);
    let mut indices = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let close = inner.find(']')?;
        indices.push(inner[..close].trim());
        rest = &inner[close + 1..];
    }
    Some((name, indices))
}

/// Removes the ` (CODE)` annotations of validation paths, so `states[1] (KHM).governance` reads as
/// `states[1].governance`.
pub(crate) fn strip_annotations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_split_and_refuse_unpaired_brackets() {
        assert_eq!(split_indices("decay"), Some(("decay", vec![])));
        assert_eq!(
            split_indices("lever_sector[2][4]"),
            Some(("lever_sector", vec!["2", "4"]))
        );
        assert_eq!(split_indices("decay[1"), None);
        assert_eq!(split_indices("decay[1]x"), None);
    }

    #[test]
    fn annotations_are_removed() {
        assert_eq!(
            strip_annotations("states[1] (KHM).governance"),
            "states[1].governance"
        );
    }
}
