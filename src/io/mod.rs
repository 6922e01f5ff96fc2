//! Scenario files.
pub fn load_scenario(_p: &std::path::Path) -> Result<crate::model::Scenario, String> { Err("todo".into()) }
