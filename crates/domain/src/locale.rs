//! The three languages of the wizard and text given in each of them.

use crate::provenance::SeedRef;
use serde::{Deserialize, Serialize};

/// A language the citizen can use. Kazakh is the state language and the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// BCP 47 tag, as used in `<html lang>` and locale file names.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag.get(..2)?.to_ascii_lowercase().as_str() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Text in each language. `kk_translated` / `ru_translated` mark wording that is ours, not the
/// seed regulation's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalizedText {
    pub kk: String,
    pub ru: String,
    pub en: String,
    /// The Kazakh wording is ours, not the regulation's; absent when it is the regulation's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kk_translated: bool,
    /// The Russian wording is ours, not the regulation's; absent when it is the regulation's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ru_translated: bool,
    /// Where a seed gives the Kazakh wording. A service's Kazakh name has either this or
    /// `kk_translated` (the catalogue's integrity check refuses one with neither).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kk_source: Option<SeedRef>,
}

impl LocalizedText {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    /// Whether the wording in `lang` is ours rather than a regulation's. English is always ours:
    /// no seed is in English.
    pub fn is_translation(&self, lang: Lang) -> bool {
        match lang {
            Lang::Kk => self.kk_translated,
            Lang::Ru => self.ru_translated,
            Lang::En => true,
        }
    }

    /// The regulation's own wording, for showing beside a translation: Russian where the
    /// Russian is the regulation's, otherwise Kazakh where that is; `None` when neither is.
    pub fn original(&self) -> Option<(Lang, &str)> {
        if !self.ru_translated {
            Some((Lang::Ru, &self.ru))
        } else if !self.kk_translated {
            Some((Lang::Kk, &self.kk))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("ru-KZ"), Some(Lang::Ru));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
