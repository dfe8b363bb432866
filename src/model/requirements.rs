//! `data/requirements.yaml`: exclusion grounds and suitability requirements (chapter 3 of the
//! invitation to tender), the programme of requirements (chapter 4) and the list of annexes.
//!
//! The wording is in `templates/itt/hoofdstuk-3.typ.tera` and `hoofdstuk-4.typ.tera`; this
//! module holds the facts they print.

use std::collections::BTreeSet;
use std::path::Path;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::format;

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// The annexes (bijlagen) of the invitation to tender, in letter order.
    pub annexes: Vec<Annex>,
    /// 3.1 Exclusion grounds.
    pub exclusion: Exclusion,
    /// 3.2 Suitability requirements.
    pub suitability: Suitability,
    /// 4.1 Where bidders find information on tax, environmental, labour-protection and
    /// employment obligations (art. 2.81 Aw 2012).
    pub obligation_sources: Vec<ObligationSource>,
}

/// One annex (bijlage) of the invitation to tender.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// Stable key that templates and other data use to refer to the annex (e.g.
    /// `reference_format`), so the letter is written in one place only.
    pub key: String,
    /// The annex letter, `A`, `B`, ….
    pub letter: String,
    /// e.g. `Uniform Europees Aanbestedingsdocument`.
    pub title: String,
}

/// 3.1 Exclusion grounds (art. 2.86 and 2.87 Aw 2012).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// Look-back period in years for final court judgments (mandatory grounds, UEA part III A).
    pub mandatory_lookback_years: Count,
    /// Look-back period in years for the optional exclusion grounds, before the bid.
    pub optional_lookback_years: Count,
    /// Optional grounds without a look-back period: they may not apply at all with respect to
    /// this procedure. Printed as a quoted list.
    pub grounds_without_lookback: Vec<String>,
    /// Gedragsverklaring Aanbesteden (GVA).
    pub certificate_of_conduct: CertificateOfConduct,
    /// Verklaring Belastingdienst (betalingsgedrag nakoming fiscale verplichtingen).
    pub tax_statement: TaxStatement,
}

/// Gedragsverklaring Aanbesteden: maximum age and where to apply.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateOfConduct {
    /// Not older than this many years at the moment of the bid.
    pub max_age_years: Count,
    /// Where the statement can be requested.
    pub url: String,
}

/// Verklaring Belastingdienst: maximum age and where to apply.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TaxStatement {
    /// Not older than this many months at the moment of the bid.
    pub max_age_months: Count,
    /// Where the statement can be requested.
    pub url: String,
}

/// 3.2 Suitability requirements.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Suitability {
    /// 3.2.1 Extract from the trade register (beroepsbevoegdheid).
    pub trade_register: TradeRegister,
    /// 3.2.2.1 Minimum cover of the business liability insurance.
    pub liability_insurance: LiabilityInsurance,
    /// 3.2.3.1 Core competences, proven with references.
    pub references: References,
    /// 3.2.3.2 Quality certificates required (or equivalent), e.g. `ISO 9001`.
    pub certificates: Vec<String>,
}

/// 3.2.1 Uittreksel Handelsregister.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TradeRegister {
    /// Maximum age in months on the closing date of the tender.
    pub max_age_months: Count,
    /// Where the extract can be requested.
    pub url: String,
}

/// 3.2.2.1 Bedrijfsaansprakelijkheidsverzekering.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LiabilityInsurance {
    /// Minimum cover per event, in euros (quoted string, e.g. `"1000000"`).
    pub per_event: Decimal,
    /// Minimum cover per year, in euros.
    pub per_year: Decimal,
    /// Minimum number of events (payments) covered per calendar year.
    pub min_events_per_year: Count,
}

/// 3.2.3.1 Kerncompetenties and the references that prove them.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct References {
    /// The reference assignment was completed within this many calendar years before the bid.
    pub lookback_calendar_years: Count,
    /// How many references may be given per core competence (only the first is assessed).
    pub per_competence: Count,
    /// The core competences, numbered from 1 in this order.
    pub competences: Vec<String>,
}

/// 4.1 One source of information on the obligations of art. 2.81 Aw 2012.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObligationSource {
    /// e.g. `belastingen` ("Met betrekking tot belastingen: …").
    pub subject: String,
    /// The authority and its website.
    pub source: String,
}

/// Annex keys the chapter 3-5 templates refer to (`bijlage {{ annex.<key>[0].letter }}`).
/// `processing_agreement` is not among them: a contract without personal data (a supply of
/// furniture) has no verwerkersovereenkomst, and chapter 4 prints its section only when the
/// annex is there (art. 28 AVG asks for one only when the contractor processes personal data).
pub(crate) const TEMPLATE_ANNEX_KEYS: [&str; 7] = [
    "uea",
    "group_statement",
    "reference_format",
    "price_form",
    "framework_agreement",
    "purchasing_conditions",
    "programme",
];

impl Requirements {
    pub(crate) fn validate(&self, file: &Path, out: &mut Vec<Diagnostic>) {
        for key in TEMPLATE_ANNEX_KEYS {
            if self.annex(key).is_none() {
                out.push(Diagnostic::new(
                    file,
                    "annexes",
                    format!("no annex with key `{key}`: the invitation to tender refers to it"),
                ));
            }
        }
        let mut keys = BTreeSet::new();
        let mut letters = BTreeSet::new();
        for (i, a) in self.annexes.iter().enumerate() {
            if a.key.trim().is_empty() {
                out.push(Diagnostic::new(
                    file,
                    format!("annexes.{i}.key"),
                    "must not be empty",
                ));
            }
            if !keys.insert(a.key.as_str()) {
                out.push(Diagnostic::new(
                    file,
                    format!("annexes.{i}.key"),
                    format!("annex key `{}` is used twice", a.key),
                ));
            }
            if !letters.insert(a.letter.as_str()) {
                out.push(Diagnostic::new(
                    file,
                    format!("annexes.{i}.letter"),
                    format!("annex letter `{}` is used twice", a.letter),
                ));
            }
            if a.title.trim().is_empty() {
                out.push(Diagnostic::new(
                    file,
                    format!("annexes.{i}.title"),
                    "must not be empty",
                ));
            }
        }
        // Letters follow the list order (A, B, C, …) so the annex list reads in order.
        for (i, pair) in self.annexes.windows(2).enumerate() {
            if pair[0].letter >= pair[1].letter {
                out.push(Diagnostic::new(
                    file,
                    format!("annexes.{}.letter", i + 1),
                    format!(
                        "annex `{}` comes after `{}`: list annexes in letter order",
                        pair[1].letter, pair[0].letter
                    ),
                ));
            }
        }

        let positive = |value: Count, field: &str, out: &mut Vec<Diagnostic>| {
            if value.0 == 0 {
                out.push(Diagnostic::new(file, field, "must be at least 1"));
            }
        };
        let ex = &self.exclusion;
        positive(
            ex.mandatory_lookback_years,
            "exclusion.mandatory_lookback_years",
            out,
        );
        positive(
            ex.optional_lookback_years,
            "exclusion.optional_lookback_years",
            out,
        );
        positive(
            ex.certificate_of_conduct.max_age_years,
            "exclusion.certificate_of_conduct.max_age_years",
            out,
        );
        positive(
            ex.tax_statement.max_age_months,
            "exclusion.tax_statement.max_age_months",
            out,
        );
        let su = &self.suitability;
        positive(
            su.trade_register.max_age_months,
            "suitability.trade_register.max_age_months",
            out,
        );
        positive(
            su.references.lookback_calendar_years,
            "suitability.references.lookback_calendar_years",
            out,
        );
        positive(
            su.references.per_competence,
            "suitability.references.per_competence",
            out,
        );
        positive(
            su.liability_insurance.min_events_per_year,
            "suitability.liability_insurance.min_events_per_year",
            out,
        );

        let ins = &su.liability_insurance;
        if ins.per_event <= Decimal::ZERO {
            out.push(Diagnostic::new(
                file,
                "suitability.liability_insurance.per_event",
                "must be positive",
            ));
        }
        if ins.per_year < ins.per_event {
            out.push(Diagnostic::new(
                file,
                "suitability.liability_insurance.per_year",
                "the cover per year cannot be less than the cover per event",
            ));
        }
        if su.references.competences.is_empty() {
            out.push(Diagnostic::new(
                file,
                "suitability.references.competences",
                "list at least one core competence",
            ));
        }
        for (i, c) in su.references.competences.iter().enumerate() {
            if c.trim().is_empty() {
                out.push(Diagnostic::new(
                    file,
                    format!("suitability.references.competences.{i}"),
                    "must not be empty",
                ));
            }
        }
        for (field, url) in [
            (
                "exclusion.certificate_of_conduct.url",
                &ex.certificate_of_conduct.url,
            ),
            ("exclusion.tax_statement.url", &ex.tax_statement.url),
            ("suitability.trade_register.url", &su.trade_register.url),
        ] {
            if !url.starts_with("https://") || url.contains(char::is_whitespace) || url.len() > 2000
            {
                out.push(Diagnostic::new(
                    file,
                    field,
                    "must be an https:// address (no spaces, at most 2000 characters)",
                ));
            }
        }
    }

    /// The annex with this key, e.g. `annex("price_form")` → annex D.
    pub(crate) fn annex(&self, key: &str) -> Option<&Annex> {
        self.annexes.iter().find(|a| a.key == key)
    }
}

/// A whole count that documents print both in words and in digits, as Dutch tender documents
/// do: "tien (10) werkdagen". Written in YAML as a plain integer; serialised for templates as
/// `{value: 10, words: "tien"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Count(pub u32);

impl Count {
    pub(crate) fn value(self) -> u32 {
        self.0
    }
}

impl Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Count", 2)?;
        s.serialize_field("value", &self.0)?;
        s.serialize_field("words", &format::number_words(self.0))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::read_yaml;

    #[test]
    fn count_serialises_with_words() {
        let v = serde_json::to_value(Count(5)).unwrap();
        assert_eq!(v, serde_json::json!({"value": 5, "words": "vijf"}));
    }

    #[test]
    fn bundled_requirements_load_and_validate() {
        let path = Path::new("data/requirements.yaml");
        let r: Requirements = read_yaml(path).expect("data/requirements.yaml loads");
        let mut out = Vec::new();
        r.validate(path, &mut out);
        assert!(out.is_empty(), "{out:?}");
        let letters: String = r.annexes.iter().map(|a| a.letter.as_str()).collect();
        assert_eq!(letters, "ABCDEFGHI");
        assert_eq!(r.annex("price_form").unwrap().letter, "D");
        assert_eq!(r.exclusion.mandatory_lookback_years.0, 5);
        assert_eq!(r.exclusion.optional_lookback_years.0, 3);
        assert_eq!(
            r.suitability.liability_insurance.per_event,
            Decimal::from(1_000_000)
        );
        assert_eq!(
            r.suitability.liability_insurance.per_year,
            Decimal::from(2_000_000)
        );
        assert_eq!(r.suitability.references.competences.len(), 3);
        assert_eq!(r.suitability.certificates, ["ISO 9001", "ISO 27001"]);
    }

    #[test]
    fn duplicate_annex_letter_is_reported() {
        let path = Path::new("data/requirements.yaml");
        let mut r: Requirements = read_yaml(path).unwrap();
        r.annexes[1].letter = "A".into();
        let mut out = Vec::new();
        r.validate(path, &mut out);
        assert!(out.iter().any(|d| d.field == "annexes.1.letter"), "{out:?}");
    }
}
