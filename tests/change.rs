//! What a step changed, as the room is told it: the tilt changes are read off the two runs, and
//! the sentence says the largest moves with their size and direction.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::analysis::{NOTICEABLE, tilt_change_sentence, tilt_changes};
use asean_futures::engine;
use asean_futures::model::Edit;

#[test]
fn a_chinese_push_in_clm_is_told_as_moves_toward_china_with_their_sizes() {
    let before_s = common::baseline();
    let mut after_s = before_s.clone();
    let entry = after_s
        .levers
        .iter()
        .position(|e| e.power == "CN" && e.targets.includes("KHM") && !e.targets.includes("IDN"))
        .unwrap();
    Edit::Set {
        input: format!("levers[{entry}].intensity"),
        value: 1.0,
    }
    .apply(&mut after_s)
    .unwrap();
    let (before, after) = (
        engine::run(&before_s).unwrap(),
        engine::run(&after_s).unwrap(),
    );
    let changes = tilt_changes(&before, &after, 2035.0).unwrap();
    // Largest move first, every state listed once, each delta the runs' own.
    assert_eq!(changes.len(), before_s.states.len());
    assert!(
        changes
            .windows(2)
            .all(|w| w[0].delta().abs() >= w[1].delta().abs())
    );
    let t = before.index_of_year(2035.0);
    for c in &changes {
        assert_eq!(c.before, before.tilt(t, c.state));
        assert_eq!(c.after, after.tilt(t, c.state));
    }
    let top = &changes[0];
    let top_code = &before_s.states[top.state].code;
    assert!(
        ["KHM", "LAO", "MMR"].contains(&top_code.as_str()),
        "{top_code}"
    );
    assert!(top.delta() < -NOTICEABLE, "toward China means a lower tilt");
    let sentence = tilt_change_sentence(&after_s, &changes, 2035.0, 3);
    let expected_start = format!(
        "By 2035, {} ({:.2})",
        before_s.states[top.state].name,
        top.delta().abs()
    );
    assert!(sentence.starts_with(&expected_start), "{sentence}");
    assert!(sentence.contains("moved toward China"), "{sentence}");
    // Each state named carries its own move, in the order of size.
    for c in changes
        .iter()
        .take(3)
        .filter(|c| c.delta().abs() >= NOTICEABLE)
    {
        let named = format!("{} ({:.2})", before_s.states[c.state].name, c.delta().abs());
        assert!(sentence.contains(&named), "{named} in {sentence}");
    }
    // A change to nothing says nothing moved.
    let same = tilt_changes(&before, &before, 2035.0).unwrap();
    assert_eq!(
        tilt_change_sentence(&before_s, &same, 2035.0, 3),
        "By 2035, no state's tilt moved by 0.005 or more."
    );
    // Runs of different shapes are not compared.
    let mut fewer = before_s.clone();
    Edit::RemoveState {
        state: "TLS".into(),
    }
    .apply(&mut fewer)
    .unwrap();
    assert!(tilt_changes(&before, &engine::run(&fewer).unwrap(), 2035.0).is_none());
}

#[test]
fn a_weaker_defa_is_told_as_the_bloc_indices_that_moved() {
    use asean_futures::analysis::bloc_change_sentence;
    use asean_futures::engine::BlocIndex;
    let before_s = common::baseline();
    let mut after_s = before_s.clone();
    for (input, value) in [("asean.hard_law", 0.1), ("asean.monitoring", 0.1)] {
        Edit::Set {
            input: input.into(),
            value,
        }
        .apply(&mut after_s)
        .unwrap();
    }
    let (before, after) = (
        engine::run(&before_s).unwrap(),
        engine::run(&after_s).unwrap(),
    );
    let t = after.index_of_year(2040.0);
    let defa =
        after.bloc(t, BlocIndex::DefaIntegration) - before.bloc(t, BlocIndex::DefaIntegration);
    assert!(defa < -NOTICEABLE);
    let sentence = bloc_change_sentence(&before, &after, 2040.0).unwrap();
    assert!(sentence.starts_with("By 2040, "), "{sentence}");
    assert!(
        sentence.contains(&format!("DEFA integration {defa:+.2}")),
        "{sentence}"
    );
    assert_eq!(
        bloc_change_sentence(&before, &before, 2040.0).unwrap(),
        "By 2040, no bloc index moved by 0.005 or more."
    );
}
