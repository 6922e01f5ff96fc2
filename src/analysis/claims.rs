//! Measuring claims: each [`Claim`] of a scenario is run through the engine (the scenario after its
//! story steps and changes, and whatever it is compared with) and judged against its expectation, so
//! the app, the command line, the briefing and the test suite all show the same ✓ or ✗ and number.
//! Comparison files are read by the caller (`io::claim_references`) and handed in, so this module
//! stays free of file access.

use std::collections::BTreeMap;

use crate::engine::{self, Run};
use crate::model::{
    Claim, ComparedTo, Edit, Problem, Scenario, Severity, SpecError, apply_step, signed,
};

use super::outcome::{Outcome, evaluate};

/// The scenarios claims are compared with, by the file name the claims give; an entry that could
/// not be read holds why.
pub type ClaimReferences = BTreeMap<String, Result<Scenario, String>>;

/// The verdict on one claim.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Holds,
    Fails,
    /// It could not be measured: a comparison file is missing, a change does not apply …
    Unmeasured(String),
}

/// One claim, measured.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimCheck {
    /// Position in the scenario's claims.
    pub index: usize,
    pub text: String,
    pub verdict: Verdict,
    /// The number the expectation applies to; for a claim over several states, that of the state
    /// nearest to failing. NaN when unmeasured.
    pub measured: f64,
    /// How far inside the expectation the number is (negative: by how much it misses).
    pub margin: f64,
    /// The state `measured` belongs to, when the claim covers several.
    pub nearest_state: Option<String>,
    /// What is measured, for people: "Cambodia's China share in 2035, against baseline_2025.ron".
    pub measures: String,
    /// The expectation, for people: "≥ +0.030".
    pub expect: String,
    /// The story position the claim is measured at (0: as saved).
    pub step: usize,
}

impl ClaimCheck {
    pub fn holds(&self) -> bool {
        self.verdict == Verdict::Holds
    }

    /// ✓, ✗ or ? (unmeasured), for text (the window draws its marks, its font has no such glyphs).
    pub fn mark(&self) -> &'static str {
        match self.verdict {
            Verdict::Holds => "✓",
            Verdict::Fails => "✗",
            Verdict::Unmeasured(_) => "?",
        }
    }

    /// The measured number with where it comes from: "+0.048 (least: Singapore); expected ≥ +0.030".
    pub fn result_text(&self) -> String {
        match &self.verdict {
            Verdict::Unmeasured(why) => format!("not measured: {why}"),
            _ => {
                let nearest = self
                    .nearest_state
                    .as_ref()
                    .map_or(String::new(), |s| format!(" (nearest to failing: {s})"));
                format!(
                    "{}{nearest}; expected {}",
                    signed(self.measured),
                    self.expect
                )
            }
        }
    }
}

/// The outcomes a claim reads, one per state when its state is `*` (every state) or a list of
/// codes (`KHM,LAO,MMR.share.CN@2035`).
pub fn claim_outcomes(s: &Scenario, claim: &Claim) -> Result<Vec<Outcome>, SpecError> {
    outcome_texts(s, &claim.outcome)?
        .iter()
        .map(|text| Outcome::parse(s, text))
        .collect()
}

/// The outcome texts of a claim's outcome, with a group of states written out one by one.
fn outcome_texts(s: &Scenario, outcome: &str) -> Result<Vec<String>, SpecError> {
    let text = outcome.trim();
    let Some((states, rest)) = text.split_once('.') else {
        return Ok(vec![text.to_string()]);
    };
    let states = states.trim();
    if states == "*" {
        return Ok(s
            .states
            .iter()
            .map(|st| format!("{}.{rest}", st.code))
            .collect());
    }
    if !states.contains(',') {
        return Ok(vec![text.to_string()]);
    }
    let codes: Vec<&str> = states.split(',').map(str::trim).collect();
    if codes.iter().any(|c| c.is_empty()) {
        return Err(SpecError {
            text: outcome.to_string(),
            message: "a list of states has an empty entry; write codes separated by commas, \
                      e.g. KHM,LAO,MMR.share.CN@2035"
                .into(),
        });
    }
    Ok(codes.iter().map(|c| format!("{c}.{rest}")).collect())
}

/// Warnings for claims whose outcomes do not name what the scenario has: such a claim is shown as
/// unmeasured, and never blocks an edit (removing a state) or a save.
pub fn claim_problems(s: &Scenario) -> Vec<Problem> {
    s.claims
        .iter()
        .enumerate()
        .filter_map(|(n, claim)| {
            claim_outcomes(s, claim).err().map(|e| Problem {
                severity: Severity::Warning,
                path: format!("claims[{n}].outcome"),
                message: format!("= {:?}: {}", claim.outcome, e.message),
                line: None,
            })
        })
        .collect()
}

/// The file names a scenario's claims compare with, each once.
pub fn claim_reference_names(s: &Scenario) -> Vec<String> {
    let mut names: Vec<String> = s
        .claims
        .iter()
        .filter_map(|c| match &c.compared_to {
            ComparedTo::File(name) => Some(name.clone()),
            _ => None,
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Runs of the scenario after each story position, made once and shared by the claims.
struct StoryRuns<'a> {
    scenario: &'a Scenario,
    runs: BTreeMap<usize, Result<(Scenario, Run), String>>,
}

impl StoryRuns<'_> {
    /// Makes the run after `step` story steps, once.
    fn make(&mut self, step: usize) {
        let scenario = self.scenario;
        self.runs.entry(step).or_insert_with(|| {
            let s = after_steps(scenario, step)?;
            let run = engine::run(&s).map_err(|e| e.to_string())?;
            Ok((s, run))
        });
    }

    /// The run after `step` story steps, made by [`StoryRuns::make`].
    fn at(&self, step: usize) -> Result<&(Scenario, Run), String> {
        match self.runs.get(&step) {
            Some(made) => made.as_ref().map_err(Clone::clone),
            None => Err(format!("story position {step} was not run")),
        }
    }
}

/// The scenario with its first `steps` story steps applied.
fn after_steps(s: &Scenario, steps: usize) -> Result<Scenario, String> {
    if steps > s.story.len() {
        return Err(format!(
            "it names story step {steps}, but the story has {} steps",
            s.story.len()
        ));
    }
    let mut out = s.clone();
    for step in s.story.iter().take(steps) {
        apply_step(&mut out, step).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Runs of the comparison files, kept between measurements while the files are the same: a
/// drag re-measures the claims every frame, and the baseline they compare with does not change.
#[derive(Default)]
pub struct ClaimRuns {
    files: BTreeMap<String, Result<Run, String>>,
}

/// Measures every claim of `s`. `references` holds the comparison files the claims name.
pub fn check_claims(s: &Scenario, references: &ClaimReferences) -> Vec<ClaimCheck> {
    check_claims_reusing(s, references, &mut ClaimRuns::default(), None)
}

/// [`check_claims`], reusing the comparison files' runs in `runs` (made there when missing; the
/// caller clears it when the references change) and `s`'s own run when the caller has it.
pub fn check_claims_reusing(
    s: &Scenario,
    references: &ClaimReferences,
    runs: &mut ClaimRuns,
    own_run: Option<&Run>,
) -> Vec<ClaimCheck> {
    let mut story = StoryRuns {
        scenario: s,
        runs: BTreeMap::new(),
    };
    if let Some(run) = own_run {
        story.runs.insert(0, Ok((s.clone(), run.clone())));
    }
    let files = &mut runs.files;
    s.claims
        .iter()
        .enumerate()
        .map(|(index, claim)| {
            let step = claim.step.unwrap_or(0);
            let mut check = ClaimCheck {
                index,
                text: claim.text.clone(),
                verdict: Verdict::Fails,
                measured: f64::NAN,
                margin: f64::NAN,
                nearest_state: None,
                measures: measures_label(s, claim),
                expect: claim.expect.label(),
                step,
            };
            match measure(claim, step, &mut story, files, references) {
                Ok(values) => judge(&mut check, claim, &values),
                Err(why) => check.verdict = Verdict::Unmeasured(why),
            }
            check
        })
        .collect()
}

/// One measured number per state (or one for a bloc outcome), with the state's name.
type Measured = Vec<(Option<String>, f64)>;

fn measure(
    claim: &Claim,
    step: usize,
    story: &mut StoryRuns<'_>,
    files: &mut BTreeMap<String, Result<Run, String>>,
    references: &ClaimReferences,
) -> Result<Measured, String> {
    story.make(step);
    if let ComparedTo::Step(k) = claim.compared_to {
        story.make(k);
    }
    let story = &*story;
    let base = story.at(step)?;
    let changed;
    let (subject, subject_run) = if claim.with.is_empty() {
        (&base.0, &base.1)
    } else {
        let mut s = base.0.clone();
        Edit::Batch(claim.with.clone())
            .apply(&mut s)
            .map_err(|e| format!("its changes do not apply: {e}"))?;
        let run = engine::run(&s).map_err(|e| e.to_string())?;
        changed = (s, run);
        (&changed.0, &changed.1)
    };
    let texts = outcome_texts(subject, &claim.outcome).map_err(|e| e.message)?;
    let mut values = Vec::with_capacity(texts.len());
    for text in &texts {
        let outcome = Outcome::parse(subject, text).map_err(|e| e.message)?;
        let value = evaluate(subject_run, &outcome);
        let reference = match &claim.compared_to {
            ComparedTo::Nothing => 0.0,
            ComparedTo::Year(year) => {
                let (y0, y1) = (subject.time.start_year, subject.time.end_year);
                if *year < y0 - 1e-9 || *year > y1 + 1e-9 {
                    return Err(format!("{year} is outside the run, {y0}–{y1}"));
                }
                evaluate(subject_run, &Outcome::new(outcome.kind, *year))
            }
            ComparedTo::WithoutChanges => evaluate(&story.at(step)?.1, &outcome),
            ComparedTo::Step(k) => {
                let (s, run) = story.at(*k)?;
                evaluate(run, &Outcome::parse(s, text).map_err(|e| e.message)?)
            }
            ComparedTo::File(name) => {
                let Some(other) = references.get(name) else {
                    return Err(format!("{name} was not read"));
                };
                let other = other.as_ref().map_err(|e| format!("{name}: {e}"))?;
                let run = files
                    .entry(name.clone())
                    .or_insert_with(|| engine::run(other).map_err(|e| e.to_string()))
                    .as_ref()
                    .map_err(|e| format!("{name}: {e}"))?;
                let there =
                    Outcome::parse(other, text).map_err(|e| format!("{name}: {}", e.message))?;
                evaluate(run, &there)
            }
        };
        let state = outcome
            .kind
            .state()
            .and_then(|i| subject.states.get(i))
            .map(|st| st.name.clone());
        values.push((state, value - reference));
    }
    Ok(values)
}

/// Sets the verdict from the measured numbers: the claim holds when every one meets the
/// expectation; the number shown is the one nearest to failing.
fn judge(check: &mut ClaimCheck, claim: &Claim, values: &Measured) {
    let nearest = values.iter().min_by(|a, b| {
        claim
            .expect
            .margin(a.1)
            .total_cmp(&claim.expect.margin(b.1))
    });
    let Some((state, value)) = nearest else {
        check.verdict = Verdict::Unmeasured("the outcome names no state".into());
        return;
    };
    if !value.is_finite() {
        check.verdict = Verdict::Unmeasured("the outcome is not a number in this run".into());
        return;
    }
    check.measured = *value;
    check.margin = claim.expect.margin(*value);
    check.nearest_state = if values.len() > 1 {
        state.clone()
    } else {
        None
    };
    check.verdict = if values.iter().all(|(_, v)| claim.expect.holds(*v)) {
        Verdict::Holds
    } else {
        Verdict::Fails
    };
}

/// What a claim measures, for people.
fn measures_label(s: &Scenario, claim: &Claim) -> String {
    let what = match claim_outcomes(s, claim) {
        Ok(outcomes) if outcomes.len() > 1 => outcomes.first().map_or_else(
            || claim.outcome.clone(),
            |o| {
                let one = o.label(s);
                let state = o
                    .kind
                    .state()
                    .and_then(|i| s.states.get(i))
                    .map_or("", |st| st.name.as_str());
                format!(
                    "{} ({} states)",
                    one.replacen(state, "Each state", 1),
                    outcomes.len()
                )
            },
        ),
        Ok(outcomes) => outcomes
            .first()
            .map_or_else(|| claim.outcome.clone(), |o| o.label(s)),
        Err(_) => claim.outcome.clone(),
    };
    let against = match &claim.compared_to {
        ComparedTo::Nothing => String::new(),
        ComparedTo::File(name) => format!(", against {name}"),
        ComparedTo::Step(0) => ", against the scenario before its story".into(),
        ComparedTo::Step(k) => format!(", against story step {k}"),
        ComparedTo::Year(y) => format!(", change since {}", crate::model::naming::year_label(*y)),
        ComparedTo::WithoutChanges => ", against the same without the claim's changes".into(),
    };
    let with = if claim.with.is_empty() {
        String::new()
    } else {
        let changes: Vec<String> = claim
            .with
            .iter()
            .map(|e| match e {
                Edit::Set { value, .. } => {
                    format!(
                        "{} = {}",
                        e.describe(s),
                        crate::model::spec_text::fmt_number(*value)
                    )
                }
                _ => e.describe(s),
            })
            .collect();
        format!(" — with {}", changes.join(", "))
    };
    format!("{what}{against}{with}")
}
