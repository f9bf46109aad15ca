//! Closed lists of values (disclosure, status, contact mode, …) stored as stable
//! ASCII codes and shown with Japanese or English labels.

use crate::lang::Lang;

/// A value from a closed list: stored as `code()`, shown as `label(lang)`.
pub trait Code: Sized + Copy + 'static {
    const ALL: &'static [Self];
    /// The list's name, used in error messages ("mode", "layer", …).
    const FIELD: &'static str;
    fn code(self) -> &'static str;
    fn label(self, lang: Lang) -> &'static str;

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }

    /// Accepts the code or either label, ignoring case and surrounding spaces.
    fn parse_loose(input: &str) -> Option<Self> {
        let s = input.trim();
        Self::ALL.iter().copied().find(|v| {
            v.code().eq_ignore_ascii_case(s)
                || v.label(Lang::Ja) == s
                || v.label(Lang::En).eq_ignore_ascii_case(s)
        })
    }

    /// "code (label)" for every value, for error messages and help.
    fn choices(lang: Lang) -> String {
        Self::ALL
            .iter()
            .map(|v| format!("{} ({})", v.code(), v.label(lang)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Declares a closed list: `Variant = "code", "日本語", "English"`.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($variant:ident = $code:literal, $ja:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $crate::domain::codes::Code for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const FIELD: &'static str = $field;
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
            fn label(self, lang: $crate::lang::Lang) -> &'static str {
                match (self, lang) {
                    $((Self::$variant, $crate::lang::Lang::Ja) => $ja,
                      (Self::$variant, $crate::lang::Lang::En) => $en,)+
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::domain::codes::Code::code(*self))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                <Self as $crate::domain::codes::Code>::parse_loose(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown {} `{}`; expected one of: {}",
                        $field,
                        s,
                        <Self as $crate::domain::codes::Code>::choices($crate::lang::Lang::En)
                    ))
                })
            }
        }
    };
}
pub(crate) use code_enum;
