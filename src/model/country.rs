//! ISO 3166-1 alpha-2 countries with English and Swedish short names.

/// (code, English name, Swedish name)
pub const COUNTRIES: &[(&str, &str, &str)] = &[
    ("AD", "Andorra", "Andorra"),
    ("AE", "United Arab Emirates", "Förenade Arabemiraten"),
    ("AF", "Afghanistan", "Afghanistan"),
    ("AG", "Antigua and Barbuda", "Antigua och Barbuda"),
    ("AI", "Anguilla", "Anguilla"),
    ("AL", "Albania", "Albanien"),
    ("AM", "Armenia", "Armenien"),
    ("AO", "Angola", "Angola"),
    ("AQ", "Antarctica", "Antarktis"),
    ("AR", "Argentina", "Argentina"),
    ("AS", "American Samoa", "Amerikanska Samoa"),
    ("AT", "Austria", "Österrike"),
    ("AU", "Australia", "Australien"),
    ("AW", "Aruba", "Aruba"),
    ("AX", "Åland Islands", "Åland"),
    ("AZ", "Azerbaijan", "Azerbajdzjan"),
    ("BA", "Bosnia and Herzegovina", "Bosnien och Hercegovina"),
    ("BB", "Barbados", "Barbados"),
    ("BD", "Bangladesh", "Bangladesh"),
    ("BE", "Belgium", "Belgien"),
    ("BF", "Burkina Faso", "Burkina Faso"),
    ("BG", "Bulgaria", "Bulgarien"),
    ("BH", "Bahrain", "Bahrain"),
    ("BI", "Burundi", "Burundi"),
    ("BJ", "Benin", "Benin"),
    ("BL", "Saint Barthélemy", "Saint-Barthélemy"),
    ("BM", "Bermuda", "Bermuda"),
    ("BN", "Brunei", "Brunei"),
    ("BO", "Bolivia", "Bolivia"),
    ("BQ", "Caribbean Netherlands", "Karibiska Nederländerna"),
    ("BR", "Brazil", "Brasilien"),
    ("BS", "Bahamas", "Bahamas"),
    ("BT", "Bhutan", "Bhutan"),
    ("BV", "Bouvet Island", "Bouvetön"),
    ("BW", "Botswana", "Botswana"),
    ("BY", "Belarus", "Belarus"),
    ("BZ", "Belize", "Belize"),
    ("CA", "Canada", "Kanada"),
    ("CC", "Cocos (Keeling) Islands", "Kokosöarna"),
    ("CD", "DR Congo", "Kongo-Kinshasa"),
    (
        "CF",
        "Central African Republic",
        "Centralafrikanska republiken",
    ),
    ("CG", "Republic of the Congo", "Kongo-Brazzaville"),
    ("CH", "Switzerland", "Schweiz"),
    ("CI", "Côte d'Ivoire", "Elfenbenskusten"),
    ("CK", "Cook Islands", "Cooköarna"),
    ("CL", "Chile", "Chile"),
    ("CM", "Cameroon", "Kamerun"),
    ("CN", "China", "Kina"),
    ("CO", "Colombia", "Colombia"),
    ("CR", "Costa Rica", "Costa Rica"),
    ("CU", "Cuba", "Kuba"),
    ("CV", "Cape Verde", "Kap Verde"),
    ("CW", "Curaçao", "Curaçao"),
    ("CX", "Christmas Island", "Julön"),
    ("CY", "Cyprus", "Cypern"),
    ("CZ", "Czechia", "Tjeckien"),
    ("DE", "Germany", "Tyskland"),
    ("DJ", "Djibouti", "Djibouti"),
    ("DK", "Denmark", "Danmark"),
    ("DM", "Dominica", "Dominica"),
    ("DO", "Dominican Republic", "Dominikanska republiken"),
    ("DZ", "Algeria", "Algeriet"),
    ("EC", "Ecuador", "Ecuador"),
    ("EE", "Estonia", "Estland"),
    ("EG", "Egypt", "Egypten"),
    ("EH", "Western Sahara", "Västsahara"),
    ("ER", "Eritrea", "Eritrea"),
    ("ES", "Spain", "Spanien"),
    ("ET", "Ethiopia", "Etiopien"),
    ("FI", "Finland", "Finland"),
    ("FJ", "Fiji", "Fiji"),
    ("FK", "Falkland Islands", "Falklandsöarna"),
    ("FM", "Micronesia", "Mikronesien"),
    ("FO", "Faroe Islands", "Färöarna"),
    ("FR", "France", "Frankrike"),
    ("GA", "Gabon", "Gabon"),
    ("GB", "United Kingdom", "Storbritannien"),
    ("GD", "Grenada", "Grenada"),
    ("GE", "Georgia", "Georgien"),
    ("GF", "French Guiana", "Franska Guyana"),
    ("GG", "Guernsey", "Guernsey"),
    ("GH", "Ghana", "Ghana"),
    ("GI", "Gibraltar", "Gibraltar"),
    ("GL", "Greenland", "Grönland"),
    ("GM", "Gambia", "Gambia"),
    ("GN", "Guinea", "Guinea"),
    ("GP", "Guadeloupe", "Guadeloupe"),
    ("GQ", "Equatorial Guinea", "Ekvatorialguinea"),
    ("GR", "Greece", "Grekland"),
    (
        "GS",
        "South Georgia and the South Sandwich Islands",
        "Sydgeorgien och Sydsandwichöarna",
    ),
    ("GT", "Guatemala", "Guatemala"),
    ("GU", "Guam", "Guam"),
    ("GW", "Guinea-Bissau", "Guinea-Bissau"),
    ("GY", "Guyana", "Guyana"),
    ("HK", "Hong Kong", "Hongkong"),
    (
        "HM",
        "Heard Island and McDonald Islands",
        "Heard- och McDonaldöarna",
    ),
    ("HN", "Honduras", "Honduras"),
    ("HR", "Croatia", "Kroatien"),
    ("HT", "Haiti", "Haiti"),
    ("HU", "Hungary", "Ungern"),
    ("ID", "Indonesia", "Indonesien"),
    ("IE", "Ireland", "Irland"),
    ("IL", "Israel", "Israel"),
    ("IM", "Isle of Man", "Isle of Man"),
    ("IN", "India", "Indien"),
    (
        "IO",
        "British Indian Ocean Territory",
        "Brittiska territoriet i Indiska oceanen",
    ),
    ("IQ", "Iraq", "Irak"),
    ("IR", "Iran", "Iran"),
    ("IS", "Iceland", "Island"),
    ("IT", "Italy", "Italien"),
    ("JE", "Jersey", "Jersey"),
    ("JM", "Jamaica", "Jamaica"),
    ("JO", "Jordan", "Jordanien"),
    ("JP", "Japan", "Japan"),
    ("KE", "Kenya", "Kenya"),
    ("KG", "Kyrgyzstan", "Kirgizistan"),
    ("KH", "Cambodia", "Kambodja"),
    ("KI", "Kiribati", "Kiribati"),
    ("KM", "Comoros", "Komorerna"),
    ("KN", "Saint Kitts and Nevis", "Saint Kitts och Nevis"),
    ("KP", "North Korea", "Nordkorea"),
    ("KR", "South Korea", "Sydkorea"),
    ("KW", "Kuwait", "Kuwait"),
    ("KY", "Cayman Islands", "Caymanöarna"),
    ("KZ", "Kazakhstan", "Kazakstan"),
    ("LA", "Laos", "Laos"),
    ("LB", "Lebanon", "Libanon"),
    ("LC", "Saint Lucia", "Saint Lucia"),
    ("LI", "Liechtenstein", "Liechtenstein"),
    ("LK", "Sri Lanka", "Sri Lanka"),
    ("LR", "Liberia", "Liberia"),
    ("LS", "Lesotho", "Lesotho"),
    ("LT", "Lithuania", "Litauen"),
    ("LU", "Luxembourg", "Luxemburg"),
    ("LV", "Latvia", "Lettland"),
    ("LY", "Libya", "Libyen"),
    ("MA", "Morocco", "Marocko"),
    ("MC", "Monaco", "Monaco"),
    ("MD", "Moldova", "Moldavien"),
    ("ME", "Montenegro", "Montenegro"),
    ("MF", "Saint Martin", "Saint-Martin"),
    ("MG", "Madagascar", "Madagaskar"),
    ("MH", "Marshall Islands", "Marshallöarna"),
    ("MK", "North Macedonia", "Nordmakedonien"),
    ("ML", "Mali", "Mali"),
    ("MM", "Myanmar", "Myanmar"),
    ("MN", "Mongolia", "Mongoliet"),
    ("MO", "Macao", "Macao"),
    ("MP", "Northern Mariana Islands", "Nordmarianerna"),
    ("MQ", "Martinique", "Martinique"),
    ("MR", "Mauritania", "Mauretanien"),
    ("MS", "Montserrat", "Montserrat"),
    ("MT", "Malta", "Malta"),
    ("MU", "Mauritius", "Mauritius"),
    ("MV", "Maldives", "Maldiverna"),
    ("MW", "Malawi", "Malawi"),
    ("MX", "Mexico", "Mexiko"),
    ("MY", "Malaysia", "Malaysia"),
    ("MZ", "Mozambique", "Moçambique"),
    ("NA", "Namibia", "Namibia"),
    ("NC", "New Caledonia", "Nya Kaledonien"),
    ("NE", "Niger", "Niger"),
    ("NF", "Norfolk Island", "Norfolkön"),
    ("NG", "Nigeria", "Nigeria"),
    ("NI", "Nicaragua", "Nicaragua"),
    ("NL", "Netherlands", "Nederländerna"),
    ("NO", "Norway", "Norge"),
    ("NP", "Nepal", "Nepal"),
    ("NR", "Nauru", "Nauru"),
    ("NU", "Niue", "Niue"),
    ("NZ", "New Zealand", "Nya Zeeland"),
    ("OM", "Oman", "Oman"),
    ("PA", "Panama", "Panama"),
    ("PE", "Peru", "Peru"),
    ("PF", "French Polynesia", "Franska Polynesien"),
    ("PG", "Papua New Guinea", "Papua Nya Guinea"),
    ("PH", "Philippines", "Filippinerna"),
    ("PK", "Pakistan", "Pakistan"),
    ("PL", "Poland", "Polen"),
    (
        "PM",
        "Saint Pierre and Miquelon",
        "Saint-Pierre och Miquelon",
    ),
    ("PN", "Pitcairn Islands", "Pitcairnöarna"),
    ("PR", "Puerto Rico", "Puerto Rico"),
    ("PS", "Palestine", "Palestina"),
    ("PT", "Portugal", "Portugal"),
    ("PW", "Palau", "Palau"),
    ("PY", "Paraguay", "Paraguay"),
    ("QA", "Qatar", "Qatar"),
    ("RE", "Réunion", "Réunion"),
    ("RO", "Romania", "Rumänien"),
    ("RS", "Serbia", "Serbien"),
    ("RU", "Russia", "Ryssland"),
    ("RW", "Rwanda", "Rwanda"),
    ("SA", "Saudi Arabia", "Saudiarabien"),
    ("SB", "Solomon Islands", "Salomonöarna"),
    ("SC", "Seychelles", "Seychellerna"),
    ("SD", "Sudan", "Sudan"),
    ("SE", "Sweden", "Sverige"),
    ("SG", "Singapore", "Singapore"),
    (
        "SH",
        "Saint Helena, Ascension and Tristan da Cunha",
        "Sankta Helena, Ascension och Tristan da Cunha",
    ),
    ("SI", "Slovenia", "Slovenien"),
    ("SJ", "Svalbard and Jan Mayen", "Svalbard och Jan Mayen"),
    ("SK", "Slovakia", "Slovakien"),
    ("SL", "Sierra Leone", "Sierra Leone"),
    ("SM", "San Marino", "San Marino"),
    ("SN", "Senegal", "Senegal"),
    ("SO", "Somalia", "Somalia"),
    ("SR", "Suriname", "Surinam"),
    ("SS", "South Sudan", "Sydsudan"),
    ("ST", "São Tomé and Príncipe", "São Tomé och Príncipe"),
    ("SV", "El Salvador", "El Salvador"),
    ("SX", "Sint Maarten", "Sint Maarten"),
    ("SY", "Syria", "Syrien"),
    ("SZ", "Eswatini", "Eswatini"),
    ("TC", "Turks and Caicos Islands", "Turks- och Caicosöarna"),
    ("TD", "Chad", "Tchad"),
    (
        "TF",
        "French Southern Territories",
        "Franska sydterritorierna",
    ),
    ("TG", "Togo", "Togo"),
    ("TH", "Thailand", "Thailand"),
    ("TJ", "Tajikistan", "Tadzjikistan"),
    ("TK", "Tokelau", "Tokelau"),
    ("TL", "Timor-Leste", "Östtimor"),
    ("TM", "Turkmenistan", "Turkmenistan"),
    ("TN", "Tunisia", "Tunisien"),
    ("TO", "Tonga", "Tonga"),
    ("TR", "Turkey", "Turkiet"),
    ("TT", "Trinidad and Tobago", "Trinidad och Tobago"),
    ("TV", "Tuvalu", "Tuvalu"),
    ("TW", "Taiwan", "Taiwan"),
    ("TZ", "Tanzania", "Tanzania"),
    ("UA", "Ukraine", "Ukraina"),
    ("UG", "Uganda", "Uganda"),
    (
        "UM",
        "United States Minor Outlying Islands",
        "USA:s yttre öar",
    ),
    ("US", "United States", "USA"),
    ("UY", "Uruguay", "Uruguay"),
    ("UZ", "Uzbekistan", "Uzbekistan"),
    ("VA", "Vatican City", "Vatikanstaten"),
    (
        "VC",
        "Saint Vincent and the Grenadines",
        "Saint Vincent och Grenadinerna",
    ),
    ("VE", "Venezuela", "Venezuela"),
    ("VG", "British Virgin Islands", "Brittiska Jungfruöarna"),
    ("VI", "U.S. Virgin Islands", "Amerikanska Jungfruöarna"),
    ("VN", "Vietnam", "Vietnam"),
    ("VU", "Vanuatu", "Vanuatu"),
    ("WF", "Wallis and Futuna", "Wallis- och Futunaöarna"),
    ("WS", "Samoa", "Samoa"),
    ("YE", "Yemen", "Jemen"),
    ("YT", "Mayotte", "Mayotte"),
    ("ZA", "South Africa", "Sydafrika"),
    ("ZM", "Zambia", "Zambia"),
    ("ZW", "Zimbabwe", "Zimbabwe"),
];

/// Looks up a country by its code, case-insensitive. Returns the canonical upper-case entry.
pub fn by_code(code: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let code = code.trim();
    COUNTRIES
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
}

/// The display name in the language: `sv` true gives Swedish.
pub fn name(code: &str, sv: bool) -> Option<&'static str> {
    by_code(code).map(|&(_, en, sv_name)| if sv { sv_name } else { en })
}

/// Finds a code from a code or a name in either language (case-insensitive on the
/// exact code or exact name), e.g. "se", "Sweden", "Sverige" -> "SE".
pub fn resolve(input: &str) -> Option<&'static str> {
    let input = input.trim();
    if input.is_empty() {
        return None;
    }
    if let Some(&(code, _, _)) = by_code(input) {
        return Some(code);
    }
    let lower = input.to_lowercase();
    COUNTRIES
        .iter()
        .find(|(_, en, sv)| en.to_lowercase() == lower || sv.to_lowercase() == lower)
        .map(|&(code, _, _)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sorted_and_unique() {
        for pair in COUNTRIES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} !< {}", pair[0].0, pair[1].0);
        }
    }

    #[test]
    fn codes_are_two_ascii_uppercase_letters() {
        for (code, en, sv) in COUNTRIES {
            assert_eq!(code.len(), 2, "{code}");
            assert!(code.bytes().all(|b| b.is_ascii_uppercase()), "{code}");
            assert!(!en.is_empty() && !sv.is_empty(), "{code}");
        }
    }

    #[test]
    fn count() {
        assert!(COUNTRIES.len() >= 245, "only {}", COUNTRIES.len());
    }

    #[test]
    fn lookup_by_code() {
        let de = by_code("de").expect("DE present");
        assert_eq!(*de, ("DE", "Germany", "Tyskland"));
        assert_eq!(by_code("xx"), None);
        assert_eq!(name("se", true), Some("Sverige"));
        assert_eq!(name("SE", false), Some("Sweden"));
        assert_eq!(name("gb", true), Some("Storbritannien"));
        assert_eq!(name("", true), None);
    }

    #[test]
    fn resolve_inputs() {
        assert_eq!(resolve("Sverige"), Some("SE"));
        assert_eq!(resolve("sweden"), Some("SE"));
        assert_eq!(resolve("se"), Some("SE"));
        assert_eq!(resolve("österrike"), Some("AT"));
        assert_eq!(resolve("Åland"), Some("AX"));
        assert_eq!(resolve("United States"), Some("US"));
        assert_eq!(resolve("xx"), None);
        assert_eq!(resolve(""), None);
        assert_eq!(resolve("Swe"), None);
    }

    #[test]
    fn names_unambiguous() {
        // Each name must resolve back to its own code.
        for &(code, en, sv) in COUNTRIES {
            assert_eq!(resolve(en), Some(code), "{en}");
            assert_eq!(resolve(sv), Some(code), "{sv}");
        }
    }
}
