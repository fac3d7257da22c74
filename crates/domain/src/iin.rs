//! IIN (individual identification number) and BIN (business identification number).
//!
//! Both are 12 digits with a mod-11 check digit computed in up to two passes. Only the length,
//! the digits and the check digit are binding: since Government Decree No. 853 of 26.08.2013 the
//! other digits are no longer tied to personal data, so the decoded date and sex are advisory.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

const LENGTH: usize = 12;
const FIRST_PASS_WEIGHTS: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_PASS_WEIGHTS: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// Why a 12-digit identification number was rejected. The UI localises the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum IinError {
    #[error("the number is empty")]
    Empty,
    #[error("the number contains a character that is not a digit")]
    NotDigits,
    #[error("the number has {actual} digits instead of 12")]
    WrongLength { actual: usize },
    #[error("the check digit does not match")]
    CheckDigit,
}

impl IinError {
    /// Stable machine-readable code, used in API errors and as a locale key suffix.
    pub fn code(&self) -> &'static str {
        match self {
            IinError::Empty => "iin_empty",
            IinError::NotDigits => "iin_not_digits",
            IinError::WrongLength { .. } => "iin_wrong_length",
            IinError::CheckDigit => "iin_check_digit",
        }
    }
}

/// Strips the separators people type or paste: spaces (also no-break ones) and dashes.
pub fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—'))
        .collect()
}

/// The check digit for the first 11 digits, or `None` when both passes give 10: such a number
/// is never issued.
pub fn check_digit(first_eleven: &[u8; 11]) -> Option<u8> {
    let pass = |weights: &[u32; 11]| -> u32 {
        first_eleven
            .iter()
            .zip(weights)
            .map(|(&d, &w)| u32::from(d) * w)
            .sum::<u32>()
            % 11
    };
    match pass(&FIRST_PASS_WEIGHTS) {
        10 => match pass(&SECOND_PASS_WEIGHTS) {
            10 => None,
            digit => Some(digit as u8),
        },
        digit => Some(digit as u8),
    }
}

/// Parses 12 digits with a valid check digit, after normalisation.
fn parse_digits(input: &str) -> Result<[u8; LENGTH], IinError> {
    let normalised = normalise(input);
    if normalised.is_empty() {
        return Err(IinError::Empty);
    }
    if !normalised.chars().all(|c| c.is_ascii_digit()) {
        return Err(IinError::NotDigits);
    }
    if normalised.len() != LENGTH {
        return Err(IinError::WrongLength {
            actual: normalised.len(),
        });
    }
    let mut digits = [0u8; LENGTH];
    for (slot, byte) in digits.iter_mut().zip(normalised.bytes()) {
        *slot = byte - b'0';
    }
    let mut first_eleven = [0u8; 11];
    first_eleven.copy_from_slice(&digits[..11]);
    match check_digit(&first_eleven) {
        Some(expected) if expected == digits[11] => Ok(digits),
        _ => Err(IinError::CheckDigit),
    }
}

fn digits_to_string(digits: &[u8; LENGTH]) -> String {
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

/// A 12-digit number under the national check digit (an IIN or a BIN): one rule for both, so
/// each parses, prints and crosses the wire (as its digits, refused there as `parse` refuses it)
/// the same way.
macro_rules! checked_number {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(input: &str) -> Result<Self, IinError> {
                parse_digits(input).map(|d| $name(digits_to_string(&d)))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = IinError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IinError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

checked_number!(
    /// A checked IIN. Serialises as its 12 digits.
    Iin
);

/// Sex as encoded by the 7th digit. Advisory only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodedSex {
    Male,
    Female,
}

/// What the digits of an IIN suggest. Never a reason to reject an IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IinHints {
    pub birth_date: Option<time::Date>,
    pub sex: Option<EncodedSex>,
}

impl Iin {
    /// Decodes the date of birth and sex from digits 1–7, when they form a plausible date.
    pub fn hints(&self) -> IinHints {
        let d: Vec<u32> = self.0.bytes().map(|b| u32::from(b - b'0')).collect();
        let century_sex = d[6];
        let (century, sex) = match century_sex {
            1 => (1800, Some(EncodedSex::Male)),
            2 => (1800, Some(EncodedSex::Female)),
            3 => (1900, Some(EncodedSex::Male)),
            4 => (1900, Some(EncodedSex::Female)),
            5 => (2000, Some(EncodedSex::Male)),
            6 => (2000, Some(EncodedSex::Female)),
            _ => {
                return IinHints {
                    birth_date: None,
                    sex: None,
                }
            }
        };
        let year = century + (d[0] * 10 + d[1]) as i32;
        let birth_date = time::Month::try_from((d[2] * 10 + d[3]) as u8)
            .ok()
            .and_then(|month| {
                time::Date::from_calendar_date(year, month, (d[4] * 10 + d[5]) as u8).ok()
            });
        IinHints { birth_date, sex }
    }
}

/// Kind of legal entity encoded by the 5th digit of a BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    ResidentLegalEntity,
    NonResidentLegalEntity,
    JointEntrepreneur,
}

/// Unit attribute encoded by the 6th digit of a BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityAttribute {
    HeadUnit,
    Branch,
    RepresentativeOffice,
    PeasantFarm,
}

/// What the digits of a BIN suggest. Advisory, like [`IinHints`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BinHints {
    pub registered: Option<(i32, time::Month)>,
    pub entity_type: Option<EntityType>,
    pub attribute: Option<EntityAttribute>,
}

checked_number!(
    /// A checked BIN. Serialises as its 12 digits.
    Bin
);

impl Bin {
    pub fn hints(&self) -> BinHints {
        let d: Vec<u8> = self.0.bytes().map(|b| b - b'0').collect();
        let year = 2000 + i32::from(d[0] * 10 + d[1]);
        let registered = time::Month::try_from(d[2] * 10 + d[3])
            .ok()
            .map(|m| (year, m));
        let entity_type = match d[4] {
            4 => Some(EntityType::ResidentLegalEntity),
            5 => Some(EntityType::NonResidentLegalEntity),
            6 => Some(EntityType::JointEntrepreneur),
            _ => None,
        };
        let attribute = match d[5] {
            0 => Some(EntityAttribute::HeadUnit),
            1 => Some(EntityAttribute::Branch),
            2 => Some(EntityAttribute::RepresentativeOffice),
            3 => Some(EntityAttribute::PeasantFarm),
            _ => None,
        };
        BinHints {
            registered,
            entity_type,
            attribute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn public_vectors_are_valid() {
        for iin in [
            "791028302728",
            "061211600012",
            "990106300596",
            "840317000029",
        ] {
            assert!(Iin::parse(iin).is_ok(), "{iin} should be valid");
        }
        for bin in ["081140000436", "230540004989"] {
            assert!(Bin::parse(bin).is_ok(), "{bin} should be valid");
        }
    }

    #[test]
    fn second_pass_is_used_when_first_gives_ten() {
        let first: [u8; 11] = [0, 6, 1, 2, 1, 1, 6, 0, 0, 0, 1];
        let s1: u32 = first
            .iter()
            .zip(FIRST_PASS_WEIGHTS)
            .map(|(&d, w)| u32::from(d) * w)
            .sum();
        assert_eq!(s1 % 11, 10);
        assert_eq!(check_digit(&first), Some(2));
    }

    #[test]
    fn invalid_vector_fails_the_check_digit() {
        assert_eq!(Iin::parse("123456789011"), Err(IinError::CheckDigit));
    }

    #[test]
    fn separators_are_ignored() {
        assert_eq!(
            Iin::parse(" 791028 302-728 ").unwrap().as_str(),
            "791028302728"
        );
        assert_eq!(
            Iin::parse("7910\u{a0}2830\u{2011}2728").unwrap().as_str(),
            "791028302728"
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(Iin::parse(""), Err(IinError::Empty));
        assert_eq!(Iin::parse("  - "), Err(IinError::Empty));
        assert_eq!(Iin::parse("79102830272a"), Err(IinError::NotDigits));
        assert_eq!(
            Iin::parse("7910283027"),
            Err(IinError::WrongLength { actual: 10 })
        );
        assert_eq!(IinError::CheckDigit.code(), "iin_check_digit");
    }

    #[test]
    fn hints_decode_date_and_sex_but_are_advisory() {
        let hints = Iin::parse("791028302728").unwrap().hints();
        assert_eq!(hints.birth_date, Some(time::macros::date!(1979 - 10 - 28)));
        assert_eq!(hints.sex, Some(EncodedSex::Male));
        // 840317000029 has century digit 0: still a valid IIN, just no hints.
        let hints = Iin::parse("840317000029").unwrap().hints();
        assert_eq!(
            hints,
            IinHints {
                birth_date: None,
                sex: None
            }
        );
        let hints = Iin::parse("061211600012").unwrap().hints();
        assert_eq!(hints.birth_date, Some(time::macros::date!(2006 - 12 - 11)));
        assert_eq!(hints.sex, Some(EncodedSex::Female));
    }

    #[test]
    fn bin_hints_decode_type_and_attribute() {
        let hints = Bin::parse("081140000436").unwrap().hints();
        assert_eq!(hints.registered, Some((2008, time::Month::November)));
        assert_eq!(hints.entity_type, Some(EntityType::ResidentLegalEntity));
        assert_eq!(hints.attribute, Some(EntityAttribute::HeadUnit));
    }

    #[test]
    fn serde_round_trip_rejects_bad_numbers() {
        let iin: Iin = serde_json::from_str("\"791028302728\"").unwrap();
        assert_eq!(serde_json::to_string(&iin).unwrap(), "\"791028302728\"");
        assert!(serde_json::from_str::<Iin>("\"123456789011\"").is_err());
    }

    #[test]
    fn single_digit_changes_that_stay_valid_exist() {
        // Digit 11 has first-pass weight 11 ≡ 0 (mod 11), so it does not move the first pass.
        assert!(Iin::parse("791028302728").is_ok());
        assert!(Iin::parse("791028302738").is_ok());
    }

    fn eleven_digits() -> impl Strategy<Value = [u8; 11]> {
        proptest::array::uniform11(0u8..10)
    }

    proptest! {
        #[test]
        fn every_prefix_has_at_most_one_valid_check_digit(prefix in eleven_digits()) {
            let valid = (0..10u8)
                .filter(|last| {
                    let s: String = prefix.iter().chain(std::iter::once(last)).map(|d| char::from(b'0' + d)).collect();
                    Iin::parse(&s).is_ok()
                })
                .count();
            prop_assert!(valid <= 1);
            prop_assert_eq!(valid == 1, check_digit(&prefix).is_some());
        }

        /// The issue asks that changing any one digit invalidates a valid IIN. That holds for the
        /// check digit and for digits 1–10 when both numbers are decided by the first pass (their
        /// weights 1..10 are invertible mod 11). It cannot hold for digit 11, whose first-pass
        /// weight 11 is 0 mod 11, nor when the change sends the first pass to 10: see
        /// `single_digit_changes_that_stay_valid_exist` for the measured counterexamples.
        #[test]
        fn changing_one_digit_invalidates(prefix in eleven_digits(), position in 0usize..12, delta in 1u8..10) {
            let Some(check) = check_digit(&prefix) else { return Ok(()) };
            let mut digits: Vec<u8> = prefix.to_vec();
            digits.push(check);
            let valid: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            prop_assert!(Iin::parse(&valid).is_ok());
            digits[position] = (digits[position] + delta) % 10;
            let mut changed_prefix = [0u8; 11];
            changed_prefix.copy_from_slice(&digits[..11]);
            let first_pass_decides = |p: &[u8; 11]| {
                p.iter().zip(FIRST_PASS_WEIGHTS).map(|(&d, w)| u32::from(d) * w).sum::<u32>() % 11 != 10
            };
            let covered = position == 11
                || (position < 10 && first_pass_decides(&prefix) && first_pass_decides(&changed_prefix));
            if covered {
                let changed: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
                prop_assert_eq!(Iin::parse(&changed), Err(IinError::CheckDigit));
            }
        }

        #[test]
        fn parse_never_panics(input in ".{0,40}") {
            let _ = Iin::parse(&input);
            let _ = Bin::parse(&input);
        }
    }
}
