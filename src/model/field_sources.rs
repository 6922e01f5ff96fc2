//! Where the shipped 2025 baseline takes each input from, in plain words (the derivation rules of
//! PRESETS.md): what the Model & sources page shows beside each profile field, so a reader can trace
//! a number to its source without reading the data file.

use super::{AseanField, PowerField, StateField};

/// How the baseline arrives at a member-state field.
pub fn state_field_source(field: StateField) -> &'static str {
    match field {
        StateField::GdpUsdBn => "IMF estimates of GDP for 2023, in US$ billion (source).",
        StateField::Size => {
            "From GDP: (ln GDP − ln min)/(ln max − ln min) over the 11 states, so the smallest economy \
             is 0 and the largest 1 (derived)."
        }
        StateField::Infrastructure => {
            "The ITU ICT Development Index, rescaled (IDI − 50)/50, where an index was found (Singapore, \
             Brunei, Malaysia, Indonesia, the Philippines: derived); Thailand and Viet Nam take the \
             midpoint between Indonesia and Malaysia, and Cambodia, Laos, Myanmar and Timor-Leste the \
             talent proxy (judgments)."
        }
        StateField::Talent => {
            "A proxy from GDP per capita, (ln GDP per capita − ln 1,000)/(ln 100,000 − ln 1,000): no \
             per-country digital-skills index was found (derived)."
        }
        StateField::Ecosystem => {
            "Digital intensity: each state's share of ASEAN digital-economy value added against its \
             share of population, on a log scale (2022 shares, low confidence: derived); Timor-Leste \
             is not covered (judgment)."
        }
        StateField::Competitiveness => {
            "The telecom market's competitiveness, coded from its structure: Brunei's single state \
             wholesale network 0.2, Malaysia's more competitive market 0.7 (source); Singapore and the \
             default 0.5 elsewhere are judgments."
        }
        StateField::Localisation => {
            "Data-localisation rules coded by the OECD Digital Trade Review of ASEAN's classes: a broad \
             onshore mandate 1.0, restrictive or ad hoc 0.6, no data-flow rules 0.3 (plus 0.1 for a \
             gateway law, 0.2 for a control law), \"data free flow with trust\" 0.2, permissive 0 \
             (source)."
        }
        StateField::DataProtection => {
            "Whether a comprehensive data-protection law is in force (1), enacted or phasing in (0.75) \
             or absent (0), from each state's statute (source); Laos 0.25 is a judgment."
        }
        StateField::Governance => {
            "Myanmar 0 (military rule), Cambodia 0.2 (the democratic erosion that triggered withdrawal \
             of EU and US technology support), Timor-Leste 0.8 (young democracy); 0.5 elsewhere is a \
             judgment until V-Dem or Freedom House scores replace it."
        }
        StateField::Hedging => {
            "From size, ecosystem and competitiveness: 0.4·size + 0.3·ecosystem + \
             0.3·competitiveness (derived)."
        }
        StateField::DefaCommitment => {
            "0.9 for Thailand (chaired the negotiations), Malaysia (2025 chair) and Singapore, 0.4 for \
             Timor-Leste (newest member), 0.7 elsewhere: judgments."
        }
        StateField::DefaProgress => "Implementation starts from zero in 2025 (judgment).",
        StateField::Alignment | StateField::Dependency => {
            "Judgments from documented ties: Chinese hardware roles (Huawei's 5G MoU with Cambodia in \
             2019, LaoSat-1, China Telecom's 40 % of DITO, Huawei cloud data centres), US cloud and \
             software roles (AWS in Singapore since 2010, cloud regions in Malaysia, Indonesia and \
             Thailand), EU regulatory roles (GDPR-modelled laws, the EU–Singapore Digital Trade \
             Agreement)."
        }
        StateField::Anchor => {
            "Calibrated: the anchor that makes the 2025 alignment a rest point of the 2025 pressures \
             (Model menu, Calibrate…), so that without a change nothing drifts."
        }
    }
}

/// How the baseline arrives at a power's field.
pub fn power_field_source(field: PowerField) -> &'static str {
    match field {
        PowerField::Capability | PowerField::Conditionality => {
            "Judgments: China and the US at full capability, the EU at 0.7; conditionality encodes that \
             US and EU support depends on governance while China's does not."
        }
        PowerField::SectorPull => {
            "Calibrated: the least-squares rest point of the 2025 dependencies under the 2025 inputs, \
             starting from the judgment that China is strongest in hardware and networks, the US in \
             cloud and software, the EU in standards."
        }
    }
}

/// How the baseline arrives at an ASEAN setting.
pub fn asean_field_source(field: AseanField) -> &'static str {
    match field {
        AseanField::DefaInForceYear => {
            "DEFA negotiations were substantially concluded on 24 October 2025; signing is targeted for \
             2026 with implementation reported for 2027–30, so 2027 (judgment on a sourced timetable)."
        }
        AseanField::HardLaw | AseanField::Monitoring | AseanField::Harmonisation => {
            "Middling (0.5) until DEFA's text and implementing mechanisms are public (judgment)."
        }
    }
}
