//! Lists read from a file with a length limit checked while reading: a file that lists more than
//! the model allows is refused at the first element too many, before the rest is parsed (a
//! 2,880 × 2,880 peer matrix is refused in microseconds, not after a gigabyte of numbers).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};

use super::Limits;

/// `peer_weights`: at most [`Limits::MAX_STATES`] rows of at most as many weights.
pub(super) fn peer_matrix<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<Vec<f64>>>, D::Error> {
    struct Opt;
    impl<'de> Visitor<'de> for Opt {
        type Value = Option<Vec<Vec<f64>>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "None or Some([[weights…], …])")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_seq(Rows).map(Some)
        }
    }
    d.deserialize_option(Opt)
}

struct Rows;

impl<'de> Visitor<'de> for Rows {
    type Value = Vec<Vec<f64>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {} rows", Limits::MAX_STATES)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut rows = Vec::new();
        while let Some(row) = seq.next_element_seed(Row)? {
            if rows.len() == Limits::MAX_STATES {
                return Err(de::Error::custom(too_many("rows")));
            }
            rows.push(row);
        }
        Ok(rows)
    }
}

struct Row;

impl<'de> DeserializeSeed<'de> for Row {
    type Value = Vec<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Row {
    type Value = Vec<f64>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a row of at most {} weights", Limits::MAX_STATES)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut row = Vec::new();
        while let Some(v) = seq.next_element::<f64>()? {
            if row.len() == Limits::MAX_STATES {
                return Err(de::Error::custom(too_many("weights in a row")));
            }
            row.push(v);
        }
        Ok(row)
    }
}

fn too_many(what: &str) -> String {
    format!(
        "has more than {} {what}: a scenario has at most {} member states",
        Limits::MAX_STATES,
        Limits::MAX_STATES
    )
}
