//! Words for people: one phrase for every input of a scenario ("Cambodia's governance", "China's
//! infrastructure finance in Cambodia, Laos and Myanmar (2026–2045)") and years as people write them
//! ("2032", "Jul 2032"). The round log, Compare, the tornado, live levers, attribution and the
//! briefing all name inputs through here, so an official never reads a field path.

use super::{
    AseanField, ConstantId, ConstantShape, Knob, LeverEntry, LeverKind, SECTOR_COUNT, Scenario,
    Sector, Targets,
};

/// "the" before names that take it in running English ("the United States", "the Philippines").
fn article(name: &str) -> &'static str {
    const PLURAL_OR_TITLED: [&str; 8] = [
        "States",
        "Union",
        "Philippines",
        "Kingdom",
        "Republic",
        "Emirates",
        "Netherlands",
        "Islands",
    ];
    if PLURAL_OR_TITLED.iter().any(|w| name.ends_with(w)) {
        "the "
    } else {
        ""
    }
}

/// A country or bloc name as it runs in a sentence: "the United States", "Cambodia".
pub fn in_sentence(name: &str) -> String {
    format!("{}{name}", article(name))
}

/// "Cambodia's", "the United States'", "the Philippines'".
pub fn possessive(name: &str) -> String {
    let apostrophe = if name.ends_with('s') { "'" } else { "'s" };
    format!("{}{name}{apostrophe}", article(name))
}

/// A label as it runs inside a sentence: "Governance" → "governance", but "GDP" and "DEFA
/// commitment" keep their capitals.
pub fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

/// The phrase with a capital first letter, to open a sentence or a list row.
pub fn capitalised(phrase: &str) -> String {
    let mut chars = phrase.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "A", "A and B", "A, B and C".
pub fn list_phrase(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The name of the state with `code`, or the code when the scenario has no such state.
pub fn state_name(s: &Scenario, code: &str) -> String {
    s.states
        .iter()
        .find(|x| x.code == code)
        .map_or_else(|| code.to_string(), |x| x.name.clone())
}

/// The name of the power with `code`, or the code when the scenario has no such power.
pub fn power_name(s: &Scenario, code: &str) -> String {
    s.powers
        .iter()
        .find(|p| p.code == code)
        .map_or_else(|| code.to_string(), |p| p.name.clone())
}

/// The states a lever reaches: "every member state", "Cambodia, Laos and Myanmar", or a count when
/// the list would be too long to read aloud.
pub fn targets_phrase(s: &Scenario, targets: &Targets) -> String {
    match targets {
        Targets::All => "every member state".to_string(),
        Targets::States(codes) if codes.len() <= 4 => {
            let names: Vec<String> = codes
                .iter()
                .map(|c| in_sentence(&state_name(s, c)))
                .collect();
            list_phrase(&names)
        }
        Targets::States(codes) => format!("{} member states", codes.len()),
    }
}

/// The preposition a lever kind takes before its targets.
fn preposition(kind: LeverKind) -> &'static str {
    match kind {
        LeverKind::TradePressure | LeverKind::ExportControls => "on",
        LeverKind::RegulatoryExport => "to",
        _ => "in",
    }
}

/// "China's infrastructure finance in Cambodia, Laos and Myanmar (2026–2045)".
pub fn lever_phrase(s: &Scenario, entry: &LeverEntry) -> String {
    format!(
        "{} {} {} {} ({}–{})",
        possessive(&power_name(s, &entry.power)),
        lower_first(entry.kind.label()),
        preposition(entry.kind),
        targets_phrase(s, &entry.targets),
        year_text(entry.start_year, 1),
        year_text(entry.end_year, 1)
    )
}

/// The phrase for one input, to run inside a sentence: "Cambodia's governance", "ASEAN's hard
/// law", "China's capability", "the decay of cloud dependency", or for a lever entry its phrase and
/// board number, "China's trade pressure on every member state (2026–2045), lever #3".
pub fn knob_phrase(s: &Scenario, knob: &Knob) -> String {
    match *knob {
        Knob::State { state, field } => {
            let name = s
                .states
                .get(state)
                .map_or_else(|| format!("state #{}", state + 1), |x| x.name.clone());
            format!("{} {}", possessive(&name), lower_first(field.meta().label))
        }
        Knob::LeverIntensity { entry } => match s.levers.get(entry) {
            Some(e) => format!("{}, lever #{}", lever_phrase(s, e), entry + 1),
            None => format!("lever #{}", entry + 1),
        },
        Knob::Asean(field) => asean_phrase(field),
        Knob::Capability { power } => format!("{} capability", power_possessive(s, power)),
        Knob::Conditionality { power } => {
            format!("{} conditionality", power_possessive(s, power))
        }
        Knob::Constant { id, index } => constant_phrase(id, index),
    }
}

/// The label of one input for a list row or an axis: [`knob_phrase`] with a capital.
pub fn knob_label(s: &Scenario, knob: &Knob) -> String {
    capitalised(&knob_phrase(s, knob))
}

fn power_possessive(s: &Scenario, power: usize) -> String {
    s.powers.get(power).map_or_else(
        || format!("power #{}'s", power + 1),
        |p| possessive(&p.name),
    )
}

/// "ASEAN's hard law", "the DEFA entry-into-force year".
pub fn asean_phrase(field: AseanField) -> String {
    match field {
        AseanField::DefaInForceYear => "the year DEFA enters into force".to_string(),
        other => format!("ASEAN's {}", lower_first(other.meta().label)),
    }
}

/// "the lock-in constant", "the decay of cloud dependency", "the lever-to-sector weight of
/// infrastructure finance on hardware".
pub fn constant_phrase(id: ConstantId, index: usize) -> String {
    let label = lower_first(id.label());
    let sector = |i: usize| Sector::ALL.get(i).map(|s| lower_first(s.label()));
    let lever = |i: usize| LeverKind::ALL.get(i).map(|k| lower_first(k.label()));
    let element = match id.shape() {
        ConstantShape::Scalar => None,
        ConstantShape::PerSector => sector(index).map(|s| format!(" for {s}")),
        ConstantShape::PerLever => lever(index).map(|k| format!(" of {k}")),
        ConstantShape::LeverBySector => lever(index / SECTOR_COUNT)
            .zip(sector(index % SECTOR_COUNT))
            .map(|(k, s)| format!(" of {k} on {s}")),
    };
    format!(
        "the {label} constant{} ({})",
        element.unwrap_or_default(),
        id.symbol()
    )
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A model time as people write it, on the run's own grid: "2032" for yearly steps, "Jul 2032"
/// for monthly, "Q3 2032" for quarterly, "H2 2032" for half-yearly. Float noise (2032.6000000000017)
/// never shows: the time is rounded to the nearest step first.
pub fn year_text(t: f64, steps_per_year: u32) -> String {
    if !t.is_finite() {
        return "—".to_string();
    }
    let n = steps_per_year.max(1);
    let step = (t * f64::from(n)).round();
    let year = (step / f64::from(n)).floor();
    let within = (step - year * f64::from(n)) as usize;
    match n {
        1 => format!("{year}"),
        2 => format!("H{} {year}", within + 1),
        4 => format!("Q{} {year}", within + 1),
        12 => format!("{} {year}", MONTHS[within.min(11)]),
        _ => format!("{:.2}", step / f64::from(n)),
    }
}

/// A time whose run grid is not known here (an outcome's year, a lever's window): a whole year as
/// "2035", a month as "Jul 2032", anything else to two decimals.
pub fn year_label(t: f64) -> String {
    let months = t * 12.0;
    if (t - t.round()).abs() < 1e-6 {
        year_text(t, 1)
    } else if (months - months.round()).abs() < 1e-6 {
        year_text(t, 12)
    } else {
        format!("{t:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_run_in_sentences() {
        assert_eq!(possessive("Cambodia"), "Cambodia's");
        assert_eq!(possessive("United States"), "the United States'");
        assert_eq!(possessive("Philippines"), "the Philippines'");
        assert_eq!(possessive("European Union"), "the European Union's");
        assert_eq!(lower_first("Governance"), "governance");
        assert_eq!(lower_first("GDP"), "GDP");
        assert_eq!(lower_first("DEFA commitment"), "DEFA commitment");
        assert_eq!(
            list_phrase(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
        assert_eq!(capitalised("the lock-in constant"), "The lock-in constant");
    }

    #[test]
    fn years_are_whole_steps_of_the_run() {
        assert_eq!(year_text(2032.6000000000017, 1), "2033");
        assert_eq!(year_text(2032.0, 1), "2032");
        assert_eq!(year_text(2032.5000000001, 12), "Jul 2032");
        assert_eq!(year_text(2032.0, 12), "Jan 2032");
        assert_eq!(year_text(2032.99, 12), "Jan 2033");
        assert_eq!(year_text(2032.75, 4), "Q4 2032");
        assert_eq!(year_text(2032.5, 2), "H2 2032");
        assert_eq!(year_label(2035.0000000000002), "2035");
        assert_eq!(year_label(2032.0 + 6.0 / 12.0), "Jul 2032");
        assert_eq!(year_label(2032.6000000000017), "2032.60");
    }
}
