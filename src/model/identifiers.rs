//! Organisation identifiers that other registers use: the Swedish organisation number
//! (with its check digit), the EU participant identification code (PIC), the Erasmus+
//! organisation ID (OID) and a VAT number. Each parser accepts the usual ways of
//! writing the identifier and returns it in one stored form, or the i18n key of what is
//! wrong. An empty text is "no identifier" and always accepted.

/// The Luhn check over a string of ASCII digits (the last one is the check digit).
fn luhn_ok(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d - b'0');
            if !i.is_multiple_of(2) {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A Swedish organisation number: ten digits, `NNNNNNNNNN` or `NNNNNN-NNNN` (a
/// twelve-digit form with the century `16` is accepted too), the last digit a Luhn
/// check digit over the ten. Stored as `NNNNNN-NNNN`.
pub fn parse_orgnr(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    let digits: Vec<u8> = s.bytes().filter(|b| *b != b'-' && *b != b' ').collect();
    if !digits.iter().all(u8::is_ascii_digit) || s.bytes().filter(|b| *b == b'-').count() > 1 {
        return Err("err.orgnr_shape");
    }
    let ten: &[u8] = match digits.len() {
        10 => &digits,
        12 if digits.starts_with(b"16") => &digits[2..],
        _ => return Err("err.orgnr_shape"),
    };
    if !luhn_ok(ten) {
        return Err("err.orgnr_check");
    }
    let ten = String::from_utf8_lossy(ten);
    Ok(format!("{}-{}", &ten[..6], &ten[6..]))
}

/// The EU participant identification code: nine digits.
pub fn parse_pic(s: &str) -> Result<String, &'static str> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Ok(s);
    }
    if s.len() == 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s)
    } else {
        Err("err.pic_shape")
    }
}

/// The Erasmus+ organisation ID: `E` and eight digits. Stored with a capital `E`.
pub fn parse_oid(s: &str) -> Result<String, &'static str> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Ok(s);
    }
    let s = s.to_ascii_uppercase();
    let ok = s.len() == 9 && s.starts_with('E') && s.bytes().skip(1).all(|b| b.is_ascii_digit());
    if ok { Ok(s) } else { Err("err.oid_shape") }
}

/// The VAT prefixes of the EU (Greece writes `EL`, Northern Ireland `XI`) and a few
/// neighbours that use the same shape (Norway, Switzerland, the United Kingdom).
const VAT_PREFIXES: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI", "NO", "CH", "GB",
];

/// A VAT number: a country prefix and the national part, spaces, dots and hyphens
/// ignored, stored in capitals without them. A shape check: Swedish numbers are `SE`,
/// ten digits and `01`; German `DE` and nine digits; Finnish `FI` and eight digits;
/// Danish `DK` and eight digits; others two to thirteen letters or digits, at least
/// seven of them digits.
pub fn parse_vat(s: &str) -> Result<String, &'static str> {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    if s.is_empty() {
        return Ok(s);
    }
    if !s.is_ascii() || s.len() < 4 {
        return Err("err.vat_shape");
    }
    let (prefix, rest) = s.split_at(2);
    if !VAT_PREFIXES.contains(&prefix) {
        return Err("err.vat_country");
    }
    let digits = |n: usize| rest.len() == n && rest.bytes().all(|b| b.is_ascii_digit());
    let ok = match prefix {
        "SE" => digits(12) && rest.ends_with("01"),
        "DE" => digits(9),
        "FI" | "DK" => digits(8),
        // Every national part has at least seven digits (AT U12345678, ES X1234567X,
        // IE 1234567WA): `LUBECK` is a name, not Luxembourg's VAT number.
        _ => {
            (2..=13).contains(&rest.len())
                && rest.bytes().all(|b| b.is_ascii_alphanumeric())
                && rest.bytes().filter(u8::is_ascii_digit).count() >= 7
        }
    };
    if ok { Ok(s) } else { Err("err.vat_shape") }
}

/// The identifier columns a lookup text can name, each with the text in stored
/// form: `("orgnr", "556036-0793")`. A text that is no identifier gives nothing.
pub fn identifier_forms(s: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let s = s.trim();
    if s.is_empty() || s.len() > 40 {
        return out;
    }
    for (column, parsed) in [
        ("orgnr", parse_orgnr(s)),
        ("pic", parse_pic(s)),
        ("oid", parse_oid(s)),
        ("vat", parse_vat(s)),
    ] {
        if let Ok(v) = parsed
            && !v.is_empty()
        {
            out.push((column, v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orgnr_check_digit() {
        // Volvo AB and Gävle kommun.
        assert_eq!(parse_orgnr("5560125790").as_deref(), Ok("556012-5790"));
        assert_eq!(parse_orgnr("212000-2163").as_deref(), Ok("212000-2163"));
        assert_eq!(parse_orgnr("16212000-2163").as_deref(), Ok("212000-2163"));
        assert_eq!(parse_orgnr("212000-2164"), Err("err.orgnr_check"));
        assert_eq!(parse_orgnr("556012579"), Err("err.orgnr_shape"));
        assert_eq!(parse_orgnr("55601A5790"), Err("err.orgnr_shape"));
        assert_eq!(parse_orgnr("").as_deref(), Ok(""));
    }

    #[test]
    fn pic_oid_vat_shapes() {
        assert_eq!(parse_pic("999 999 999").as_deref(), Ok("999999999"));
        assert_eq!(parse_pic("99999999"), Err("err.pic_shape"));
        assert_eq!(parse_oid("e10012345").as_deref(), Ok("E10012345"));
        assert_eq!(parse_oid("E1001234"), Err("err.oid_shape"));
        assert_eq!(parse_oid("F10012345"), Err("err.oid_shape"));
        assert_eq!(
            parse_vat("se 212000216301").as_deref(),
            Ok("SE212000216301")
        );
        assert_eq!(parse_vat("SE2120002163"), Err("err.vat_shape"));
        assert_eq!(parse_vat("DE123456789").as_deref(), Ok("DE123456789"));
        assert_eq!(parse_vat("QQ123456789"), Err("err.vat_country"));
        assert_eq!(parse_vat("FR-XX 123456789").as_deref(), Ok("FRXX123456789"));
    }

    #[test]
    fn lookup_forms() {
        assert_eq!(
            identifier_forms("2120002163"),
            vec![("orgnr", "212000-2163".to_string())]
        );
        assert_eq!(identifier_forms("Lübeck"), Vec::new());
        assert_eq!(identifier_forms("lubeck"), Vec::new());
        assert_eq!(
            identifier_forms("e10012345"),
            vec![("oid", "E10012345".into())]
        );
    }
}
