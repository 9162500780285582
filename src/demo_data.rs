//! Fictional demo data for `intnet demo`.
//!
//! Everything here is plain constant tables. Organisation names for cities,
//! networks and universities are realistic; all companies are invented and use
//! `.example` domains. Persons are only ever random combinations of first and
//! last names generated at runtime.

/// Administrations and municipal companies of a Swedish municipality:
/// (short code, Swedish name, English name, is_company)
pub const UNITS: &[(&str, &str, &str, bool)] = &[
    (
        "KLK",
        "Kommunledningskontoret",
        "Municipal management office",
        false,
    ),
    (
        "NLA",
        "Näringslivsavdelningen – Internationella kontoret",
        "Business development department – International office",
        false,
    ),
    (
        "UTB",
        "Utbildningsförvaltningen",
        "Education administration",
        false,
    ),
    (
        "SOC",
        "Socialförvaltningen",
        "Social services administration",
        false,
    ),
    (
        "SBF",
        "Samhällsbyggnadsförvaltningen",
        "Urban planning and development administration",
        false,
    ),
    (
        "KOF",
        "Kultur- och fritidsförvaltningen",
        "Culture and leisure administration",
        false,
    ),
    (
        "MIL",
        "Miljö- och hälsoskyddsförvaltningen",
        "Environment and health protection administration",
        false,
    ),
    (
        "AMF",
        "Arbetsmarknadsförvaltningen",
        "Labour market administration",
        false,
    ),
    ("GEAB", "Gävle Energi AB", "Gävle Energy Ltd", true),
    ("HAMN", "Gävle Hamn AB", "Port of Gävle Ltd", true),
    (
        "GG",
        "Gavlegårdarna AB",
        "Gavlegårdarna municipal housing company",
        true,
    ),
    ("GSV", "Gästrike Vatten AB", "Gästrike Water Ltd", true),
    ("GVA", "Gävle Vatten AB", "Gävle Water Ltd", true),
];

/// Members: (account name, full name, unit short code, role "office"|"member"|"viewer")
pub const MEMBERS: &[(&str, &str, &str, &str)] = &[
    ("annlun", "Annika Lundström", "NLA", "office"),
    ("jorake", "Jörgen Åkesson", "NLA", "office"),
    ("sofhed", "Sofia Hedström-Öberg", "NLA", "office"),
    ("malnor", "Malin Nordén", "KLK", "member"),
    ("perbjo", "Per Björklund", "UTB", "member"),
    ("karsod", "Karin Söderberg", "SOC", "member"),
    ("eriang", "Erik Ångström", "SBF", "member"),
    ("lenfal", "Lena Fält", "KOF", "member"),
    ("oskasp", "Oskar Åsberg", "MIL", "member"),
    ("helgra", "Helén Gräslund", "AMF", "member"),
    ("matsjo", "Mats Sjögren", "GEAB", "member"),
    ("ingobe", "Ingrid Öberg", "HAMN", "member"),
    ("andbac", "Anders Bäckström", "GG", "member"),
    ("tovwal", "Tove Wallén", "GSV", "member"),
    ("johnas", "Johanna Näslund", "KLK", "viewer"),
];

/// Partner organisations: (name, kind, country ISO alpha-2, city, website or "", sector)
///
/// kind is one of "twin_city", "city_region", "network", "company",
/// "university", "agency", "other"; sector is one of "business",
/// "academia", "public".
pub const ORGS: &[(&str, &str, &str, &str, &str, &str)] = &[
    // Twin cities and partner municipalities
    (
        "Hansestadt Lübeck",
        "twin_city",
        "DE",
        "Lübeck",
        "https://www.luebeck.de",
        "public",
    ),
    (
        "Miasto Łódź",
        "twin_city",
        "PL",
        "Łódź",
        "https://uml.lodz.pl",
        "public",
    ),
    (
        "Tartu linn",
        "twin_city",
        "EE",
        "Tartu",
        "https://www.tartu.ee",
        "public",
    ),
    (
        "Turun kaupunki",
        "twin_city",
        "FI",
        "Turku",
        "https://www.turku.fi",
        "public",
    ),
    (
        "Miasto Kraków",
        "twin_city",
        "PL",
        "Kraków",
        "https://www.krakow.pl",
        "public",
    ),
    (
        "Miasto Gdańsk",
        "twin_city",
        "PL",
        "Gdańsk",
        "https://www.gdansk.pl",
        "public",
    ),
    (
        "Klaipėdos miesto savivaldybė",
        "twin_city",
        "LT",
        "Klaipėda",
        "https://www.klaipeda.lt",
        "public",
    ),
    (
        "Rīgas valstspilsētas pašvaldība",
        "twin_city",
        "LV",
        "Rīga",
        "https://www.riga.lv",
        "public",
    ),
    (
        "Ålesund kommune",
        "twin_city",
        "NO",
        "Ålesund",
        "https://www.alesund.kommune.no",
        "public",
    ),
    (
        "Aarhus Kommune",
        "twin_city",
        "DK",
        "Aarhus",
        "https://www.aarhus.dk",
        "public",
    ),
    (
        "Søndergård Kommune",
        "twin_city",
        "DK",
        "Søndergård",
        "",
        "public",
    ),
    (
        "Pärnu linn",
        "twin_city",
        "EE",
        "Pärnu",
        "https://www.parnu.ee",
        "public",
    ),
    (
        "Vilniaus miesto savivaldybė",
        "twin_city",
        "LT",
        "Vilnius",
        "https://vilnius.lt",
        "public",
    ),
    (
        "Jyväskylän kaupunki",
        "twin_city",
        "FI",
        "Jyväskylä",
        "https://www.jyvaskyla.fi",
        "public",
    ),
    (
        "Tromsø kommune",
        "twin_city",
        "NO",
        "Tromsø",
        "https://www.tromso.kommune.no",
        "public",
    ),
    (
        "Miasto Szczecin",
        "twin_city",
        "PL",
        "Szczecin",
        "https://www.szczecin.eu",
        "public",
    ),
    (
        "Liepājas valstspilsētas pašvaldība",
        "twin_city",
        "LV",
        "Liepāja",
        "https://www.liepaja.lv",
        "public",
    ),
    (
        "Akureyrarbær",
        "twin_city",
        "IS",
        "Akureyri",
        "https://www.akureyri.is",
        "public",
    ),
    (
        "Stadt Rostock",
        "twin_city",
        "DE",
        "Rostock",
        "https://rathaus.rostock.de",
        "public",
    ),
    (
        "Mariehamns stad",
        "twin_city",
        "AX",
        "Mariehamn",
        "https://www.mariehamn.ax",
        "public",
    ),
    (
        "Statutární město Brno",
        "twin_city",
        "CZ",
        "Brno",
        "https://www.brno.cz",
        "public",
    ),
    (
        "Győr Megyei Jogú Város",
        "twin_city",
        "HU",
        "Győr",
        "https://www.gyor.hu",
        "public",
    ),
    // City regions and regional bodies
    (
        "Region Pomorskie – Urząd Marszałkowski",
        "city_region",
        "PL",
        "Gdańsk",
        "https://pomorskie.eu",
        "public",
    ),
    (
        "Varsinais-Suomen liitto",
        "city_region",
        "FI",
        "Turku",
        "https://www.varsinais-suomi.fi",
        "public",
    ),
    (
        "Tartumaa Omavalitsuste Liit",
        "city_region",
        "EE",
        "Tartu",
        "",
        "public",
    ),
    (
        "Region Midtjylland",
        "city_region",
        "DK",
        "Viborg",
        "https://www.rm.dk",
        "public",
    ),
    (
        "Møre og Romsdal fylkeskommune",
        "city_region",
        "NO",
        "Molde",
        "https://mrfylke.no",
        "public",
    ),
    (
        "Kurzemes plānošanas reģions",
        "city_region",
        "LV",
        "Liepāja",
        "https://www.kurzemesregions.lv",
        "public",
    ),
    (
        "Land Schleswig-Holstein – Europaabteilung",
        "city_region",
        "DE",
        "Kiel",
        "https://www.schleswig-holstein.de",
        "public",
    ),
    (
        "Region Gävleborg",
        "city_region",
        "SE",
        "Gävle",
        "https://www.regiongavleborg.se",
        "public",
    ),
    (
        "Junta de Andalucía – Delegación en Málaga",
        "city_region",
        "ES",
        "Málaga",
        "",
        "public",
    ),
    (
        "Région Bourgogne-Franche-Comté",
        "city_region",
        "FR",
        "Besançon",
        "https://www.bourgognefranchecomte.fr",
        "public",
    ),
    // Networks
    (
        "Union of the Baltic Cities",
        "network",
        "PL",
        "Gdańsk",
        "https://www.ubc.net",
        "public",
    ),
    (
        "Eurocities",
        "network",
        "BE",
        "Bruxelles",
        "https://eurocities.eu",
        "public",
    ),
    (
        "Baltic Sea Commission (CPMR)",
        "network",
        "FR",
        "Rennes",
        "https://cpmr-baltic.org",
        "public",
    ),
    (
        "Energy Cities",
        "network",
        "FR",
        "Besançon",
        "https://energy-cities.eu",
        "public",
    ),
    (
        "Euroregion Baltic",
        "network",
        "PL",
        "Elbląg",
        "https://www.eurobalt.org",
        "public",
    ),
    (
        "Baltic Ports Organization",
        "network",
        "EE",
        "Tallinn",
        "https://www.bpoports.com",
        "business",
    ),
    (
        "ICLEI – Local Governments for Sustainability",
        "network",
        "DE",
        "Bonn",
        "https://iclei.org",
        "public",
    ),
    (
        "Climate Alliance – Klima-Bündnis",
        "network",
        "DE",
        "Frankfurt am Main",
        "https://www.climatealliance.org",
        "public",
    ),
    ("Nordic City Network", "network", "NO", "Oslo", "", "public"),
    (
        "Baltic Development Forum",
        "network",
        "DK",
        "København",
        "",
        "business",
    ),
    (
        "Fjärrvärmenätverket Östersjön",
        "network",
        "FI",
        "Helsinki",
        "https://fjarrvarme-ostersjon.example",
        "business",
    ),
    (
        "Réseau Européen des Villes Numériques",
        "network",
        "FR",
        "Lyon",
        "https://revn.example",
        "public",
    ),
    // Universities and research
    (
        "Uniwersytet Łódzki",
        "university",
        "PL",
        "Łódź",
        "https://www.uni.lodz.pl",
        "academia",
    ),
    (
        "Tartu Ülikool",
        "university",
        "EE",
        "Tartu",
        "https://ut.ee",
        "academia",
    ),
    (
        "Åbo Akademi",
        "university",
        "FI",
        "Turku",
        "https://www.abo.fi",
        "academia",
    ),
    (
        "Universität zu Lübeck",
        "university",
        "DE",
        "Lübeck",
        "https://www.uni-luebeck.de",
        "academia",
    ),
    (
        "Politechnika Gdańska",
        "university",
        "PL",
        "Gdańsk",
        "https://pg.edu.pl",
        "academia",
    ),
    (
        "Högskolan i Gävle",
        "university",
        "SE",
        "Gävle",
        "https://www.hig.se",
        "academia",
    ),
    (
        "Klaipėdos universitetas",
        "university",
        "LT",
        "Klaipėda",
        "https://www.ku.lt",
        "academia",
    ),
    (
        "Rīgas Tehniskā universitāte",
        "university",
        "LV",
        "Rīga",
        "https://www.rtu.lv",
        "academia",
    ),
    (
        "Jyväskylän yliopisto",
        "university",
        "FI",
        "Jyväskylä",
        "https://www.jyu.fi",
        "academia",
    ),
    (
        "Uniwersytet Jagielloński",
        "university",
        "PL",
        "Kraków",
        "https://www.uj.edu.pl",
        "academia",
    ),
    (
        "Norges teknisk-naturvitenskapelige universitet, Ålesund",
        "university",
        "NO",
        "Ålesund",
        "https://www.ntnu.no",
        "academia",
    ),
    (
        "Háskólinn á Akureyri",
        "university",
        "IS",
        "Akureyri",
        "https://www.unak.is",
        "academia",
    ),
    (
        "Vysoké učení technické v Brně",
        "university",
        "CZ",
        "Brno",
        "https://www.vut.cz",
        "academia",
    ),
    (
        "Széchenyi István Egyetem",
        "university",
        "HU",
        "Győr",
        "https://uni.sze.hu",
        "academia",
    ),
    // Agencies
    (
        "Interreg Central Baltic – Joint Secretariat",
        "agency",
        "FI",
        "Turku",
        "https://centralbaltic.eu",
        "public",
    ),
    (
        "Interreg South Baltic – Joint Secretariat",
        "agency",
        "PL",
        "Gdańsk",
        "https://southbaltic.eu",
        "public",
    ),
    (
        "Eesti Töötukassa – Tartu büroo",
        "agency",
        "EE",
        "Tartu",
        "",
        "public",
    ),
    (
        "Business Finland – Turku",
        "agency",
        "FI",
        "Turku",
        "https://www.businessfinland.fi",
        "business",
    ),
    (
        "Industrie- und Handelskammer zu Lübeck",
        "agency",
        "DE",
        "Lübeck",
        "https://www.ihk.de/luebeck",
        "business",
    ),
    (
        "Łódzka Specjalna Strefa Ekonomiczna",
        "agency",
        "PL",
        "Łódź",
        "https://sse.lodz.pl",
        "business",
    ),
    (
        "Latvijas Investīciju un attīstības aģentūra",
        "agency",
        "LV",
        "Rīga",
        "https://www.liaa.gov.lv",
        "business",
    ),
    (
        "Fundacja Rozwoju Przedsiębiorczości Pomorza",
        "agency",
        "PL",
        "Gdańsk",
        "https://frpp.example",
        "business",
    ),
    (
        "Agência Regional de Energia do Norte",
        "agency",
        "PT",
        "Porto",
        "https://aren.example",
        "public",
    ),
    // Companies (all fictional)
    (
        "Škoda Logistika s.r.o.",
        "company",
        "CZ",
        "Brno",
        "https://skoda-logistika.example",
        "business",
    ),
    (
        "Ørsted-partner ApS",
        "company",
        "DK",
        "Aarhus",
        "https://orsted-partner.example",
        "business",
    ),
    (
        "Bałtycka Spedycja Sp. z o.o.",
        "company",
        "PL",
        "Gdańsk",
        "https://baltycka-spedycja.example",
        "business",
    ),
    (
        "Nordgeo Kartografi AS",
        "company",
        "NO",
        "Tromsø",
        "https://nordgeo.example",
        "business",
    ),
    (
        "Lübecker Hafen-Dienste GmbH",
        "company",
        "DE",
        "Lübeck",
        "https://hafen-dienste.example",
        "business",
    ),
    (
        "Tähtvere Raadiotehnika OÜ",
        "company",
        "EE",
        "Tartu",
        "https://tahtvere-raadio.example",
        "business",
    ),
    (
        "Saaristomeren Elektroniikka Oy",
        "company",
        "FI",
        "Turku",
        "https://saaristo-elektroniikka.example",
        "business",
    ),
    (
        "Kuršių Krovinių Terminalas UAB",
        "company",
        "LT",
        "Klaipėda",
        "https://kursiu-terminalas.example",
        "business",
    ),
    (
        "Daugavas Koksne SIA",
        "company",
        "LV",
        "Rīga",
        "https://daugavas-koksne.example",
        "business",
    ),
    (
        "Hotel Żuraw Gdańsk Sp. z o.o.",
        "company",
        "PL",
        "Gdańsk",
        "https://hotel-zuraw.example",
        "business",
    ),
    (
        "Pärnu Rannahotellid AS",
        "company",
        "EE",
        "Pärnu",
        "https://rannahotellid.example",
        "business",
    ),
    (
        "Włókniarnia Księży Młyn S.A.",
        "company",
        "PL",
        "Łódź",
        "https://ksiezy-mlyn.example",
        "business",
    ),
    (
        "Sunnmøre Fiskeeksport AS",
        "company",
        "NO",
        "Ålesund",
        "https://sunnmore-fisk.example",
        "business",
    ),
    (
        "Jyväs-Metsäkone Oy",
        "company",
        "FI",
        "Jyväskylä",
        "https://jyvas-metsakone.example",
        "business",
    ),
    (
        "Dvořák & Synové Strojírna a.s.",
        "company",
        "CZ",
        "Brno",
        "https://dvorak-strojirna.example",
        "business",
    ),
    (
        "Málaga Comercio Exterior S.L.",
        "company",
        "ES",
        "Málaga",
        "https://malaga-comex.example",
        "business",
    ),
    (
        "Rába-Alkatrész Kft.",
        "company",
        "HU",
        "Győr",
        "https://raba-alkatresz.example",
        "business",
    ),
    (
        "Kraków GIS Solutions Sp. z o.o.",
        "company",
        "PL",
        "Kraków",
        "https://krakow-gis.example",
        "business",
    ),
    // Other
    (
        "Stowarzyszenie Młodzieży Bałtyckiej",
        "other",
        "PL",
        "Szczecin",
        "https://smb-mlodziez.example",
        "public",
    ),
    (
        "Deutsch-Schwedische Gesellschaft Lübeck e.V.",
        "other",
        "DE",
        "Lübeck",
        "",
        "public",
    ),
    (
        "Tartu Kunstimaja",
        "other",
        "EE",
        "Tartu",
        "https://kunstimaja.example",
        "public",
    ),
    (
        "Klaipėdos jaunimo centras",
        "other",
        "LT",
        "Klaipėda",
        "",
        "public",
    ),
];

/// Cities with ISO country code, used to generate more organisations.
pub const CITIES: &[(&str, &str)] = &[
    ("Łódź", "PL"),
    ("Kraków", "PL"),
    ("Gdańsk", "PL"),
    ("Poznań", "PL"),
    ("Wrocław", "PL"),
    ("Toruń", "PL"),
    ("Lübeck", "DE"),
    ("Köln", "DE"),
    ("München", "DE"),
    ("Düsseldorf", "DE"),
    ("Göttingen", "DE"),
    ("Greifswald", "DE"),
    ("Tartu", "EE"),
    ("Pärnu", "EE"),
    ("Võru", "EE"),
    ("Turku", "FI"),
    ("Jyväskylä", "FI"),
    ("Hämeenlinna", "FI"),
    ("Seinäjoki", "FI"),
    ("Rīga", "LV"),
    ("Liepāja", "LV"),
    ("Jūrmala", "LV"),
    ("Klaipėda", "LT"),
    ("Šiauliai", "LT"),
    ("Panevėžys", "LT"),
    ("Århus", "DK"),
    ("Næstved", "DK"),
    ("Køge", "DK"),
    ("Tromsø", "NO"),
    ("Ålesund", "NO"),
    ("Bodø", "NO"),
    ("Akureyri", "IS"),
    ("Reykjavík", "IS"),
    ("Groningen", "NL"),
    ("Den Haag", "NL"),
    ("Liège", "BE"),
    ("Leuven", "BE"),
    ("Besançon", "FR"),
    ("Nîmes", "FR"),
    ("Orléans", "FR"),
    ("Málaga", "ES"),
    ("Córdoba", "ES"),
    ("A Coruña", "ES"),
    ("Forlì", "IT"),
    ("Cantù", "IT"),
    ("Brno", "CZ"),
    ("Plzeň", "CZ"),
    ("České Budějovice", "CZ"),
    ("Linz", "AT"),
    ("Klagenfurt am Wörthersee", "AT"),
    ("Győr", "HU"),
    ("Pécs", "HU"),
    ("Košice", "SK"),
    ("Žilina", "SK"),
    ("Ljubljana", "SI"),
    ("Kranj", "SI"),
    ("Šibenik", "HR"),
    ("Rijeka", "HR"),
    ("Guimarães", "PT"),
    ("Ioannina", "GR"),
    ("Mariehamn", "AX"),
];

/// Name patterns for generated organisations: (pattern with "{city}", kind, sector)
pub const ORG_PATTERNS: &[(&str, &str, &str)] = &[
    ("{city} Logistics Hub", "company", "business"),
    ("Universitet i {city}", "university", "academia"),
    ("{city} Chamber of Commerce", "agency", "business"),
    ("Port of {city}", "company", "business"),
    ("{city} Regional Council", "city_region", "public"),
    ("City of {city}", "twin_city", "public"),
    (
        "{city} University of Applied Sciences",
        "university",
        "academia",
    ),
    ("{city} Business Region", "agency", "business"),
    ("{city} Energy Agency", "agency", "public"),
    ("{city} Science Park", "other", "academia"),
    ("{city} Geodata & Radio Systems", "company", "business"),
    ("{city} Timber Trading", "company", "business"),
    ("Hotel Nordlicht {city}", "company", "business"),
    ("{city} Metropolitan Area", "city_region", "public"),
    ("{city} Youth Council", "other", "public"),
    ("{city} Smart City Network", "network", "public"),
    ("{city} Electronics Cluster", "network", "business"),
    ("{city} Institute of Technology", "university", "academia"),
    ("{city} Employment Agency", "agency", "public"),
    ("{city} Industrial Automation", "company", "business"),
    ("{city} Culture Foundation", "other", "public"),
    ("{city} Water & Wastewater Utility", "company", "public"),
];

/// First names from across the region.
pub const FIRST_NAMES: &[&str] = &[
    "Łukasz",
    "Małgorzata",
    "Jürgen",
    "Sören",
    "Päivi",
    "Jüri",
    "Ieva",
    "Søren",
    "Åsa",
    "Björn",
    "Zoë",
    "Agnė",
    "Grzegorz",
    "Agnieszka",
    "Paweł",
    "Joanna",
    "Michał",
    "Katarzyna",
    "Jörg",
    "Käthe",
    "Günther",
    "Anneliese",
    "Jussi",
    "Sirpa",
    "Väinö",
    "Tõnu",
    "Mari-Liis",
    "Ülle",
    "Jānis",
    "Līga",
    "Edgars",
    "Dace",
    "Mindaugas",
    "Rūta",
    "Gintarė",
    "Žydrūnas",
    "Mette",
    "Bjørn",
    "Øystein",
    "Sigríður",
    "Guðmundur",
    "Jiří",
    "Tereza",
    "Zoltán",
    "Réka",
    "Ľubomír",
    "Matjaž",
    "Ivana",
    "Lucía",
    "Hélène",
    "François",
    "João",
    "Göran",
    "Märta",
];

/// Last names from across the region.
pub const LAST_NAMES: &[&str] = &[
    "Kowalczyk",
    "Wójcik",
    "Müller",
    "Virtanen",
    "Tamm",
    "Bērziņš",
    "Jørgensen",
    "Nilsson",
    "Šimkus",
    "Dvořák",
    "Zieliński",
    "Woźniak",
    "Dąbrowska",
    "Szymańska",
    "Lewandowski",
    "Schröder",
    "Böhm",
    "Weiß",
    "Groß",
    "Mäkinen",
    "Hämäläinen",
    "Järvinen",
    "Lehtonen",
    "Kask",
    "Saar",
    "Pärn",
    "Õunapuu",
    "Ozoliņš",
    "Kalniņa",
    "Liepiņš",
    "Kazlauskas",
    "Petrauskienė",
    "Žukauskas",
    "Pedersen",
    "Sørensen",
    "Kjær",
    "Østergaard",
    "Hålland",
    "Guðmundsdóttir",
    "Novák",
    "Procházková",
    "Kovács",
    "Szabó",
    "Horváthová",
    "Kovačič",
    "Jurić",
    "García",
    "Fernández",
    "Lefèvre",
    "Gonçalves",
    "Åberg",
    "Sjöström",
];

/// Job titles (English).
pub const TITLES: &[&str] = &[
    "International coordinator",
    "Head of EU affairs",
    "Project manager",
    "Senior adviser, international relations",
    "Business development manager",
    "Head of department",
    "EU funding specialist",
    "Communications officer",
    "Deputy mayor",
    "Research coordinator",
    "Export manager",
    "Sustainability officer",
    "Port operations manager",
    "Youth exchange coordinator",
    "CEO",
    "Policy officer, climate and energy",
];

/// Interaction summaries (Swedish). May contain the placeholder "{org}".
pub const INTERACTION_SUMMARIES: &[&str] = &[
    "Inledande möte med {org} om möjligt samarbete kring hamnlogistik.",
    "Digitalt möte med {org} inför gemensam Interreg-ansökan. Nästa steg: utkast till projektplan.",
    "Studiebesök från {org} i Gävle. Visning av fjärrvärmeverket och hamnen.",
    "Telefonsamtal med kontaktperson på {org} om elevutbyte inom Erasmus+.",
    "Mejlväxling med {org} om datum för vänortsbesöket i höst.",
    "Deltog i nätverksträff arrangerad av {org}. Många intressanta kontakter.",
    "Uppföljningsmöte med {org}. Samarbetsavtalet är klart för underskrift.",
    "Träffade representanter för {org} på mässa i Bryssel. Utbytte visitkort.",
    "{org} har bjudit in till workshop om klimatanpassning. Anmälan skickad.",
    "Avstämning med {org} om budget och delrapport till programsekretariatet.",
    "Besök hos {org} tillsammans med delegation från Högskolan i Gävle.",
    "Samtal med {org} om praktikplatser för ungdomar under sommaren.",
    "Gemensamt webbinarium med {org} om digitalisering i offentlig sektor.",
    "{org} efterfrågar kontakt med lokala företag inom GIS och radioteknik. Vidarebefordrat till näringslivsenheten.",
    "Kort avstämning med {org}. Inget nytt sedan förra mötet.",
    "Tackbrev skickat till {org} efter lyckat besök.",
    "Möte med {org} om erfarenhetsutbyte kring äldreomsorg och välfärdsteknik.",
    "Diskuterade gemensam kulturfestival med {org}. Återkommer efter budgetbeslut.",
    "{org} presenterade sitt arbete med cirkulär ekonomi. Material sparat i projektmappen.",
    "Planeringsmöte inför årskonferensen. {org} står som värd nästa år.",
    "Kontakt med {org} om vattenrening och dagvattenhantering. Gästrike Vatten informerat.",
    "Förfrågan från {org} om medverkan i EU-projekt om hållbara transporter.",
    "Videomöte med {org} om bostadsförsörjning och energieffektivisering i flerbostadshus.",
    "Ansökan om partnerskap skickad till {org}. Svar väntas inom fyra veckor.",
    "Informationsutbyte med {org} om integration och arbetsmarknadsinsatser.",
    "Lunchmöte med {org} under besöket i Gävle. Positiv stämning, vill fördjupa samarbetet.",
    "{org} har bytt kontaktperson. Uppgifterna uppdaterade i registret.",
    "Gemensam skrivelse till EU-kommissionen tillsammans med {org} och övriga nätverksmedlemmar.",
    "Slutrapport för projektet skickad till {org}. Projektet avslutat.",
    "Intern genomgång inför kommande besök från {org}. Program och värdar fastställda.",
    "Årligt uppföljningsmöte inom vänortssamarbetet med {org}.",
];

/// Short tags.
pub const TAGS: &[&str] = &[
    "hamn",
    "digitalisering",
    "klimat",
    "Interreg",
    "Erasmus+",
    "ungdom",
    "energi",
    "vänort",
    "logistik",
    "kultur",
    "utbildning",
    "vatten",
    "bostäder",
    "näringsliv",
    "forskning",
    "välfärd",
    "Horisont Europa",
];

/// News items for the demo feed: (title, category word, body). Fictional.
pub const NEWS: &[(&str, &str, &str)] = &[
    (
        "Interreg Östersjöprogrammet: utlysning för småskaliga projekt",
        "call",
        "Interreg Baltic Sea Region öppnar en utlysning för småskaliga projekt.\n\nVem kan söka:\n- kommuner och regioner\n- universitet och forskningsinstitut\n- företag i samverkan med offentliga aktörer\n\nProjektbudget upp till 500 000 euro. Internationella kontoret hjälper gärna till med partnersökning.",
    ),
    (
        "Välkommen till nätverksträffen i december",
        "internal",
        "Nätverkets kontaktpersoner träffas i Stadshuset, sal Gävlesalen, kl. 9–12.\n\nPå agendan:\n- årets handlingsplaner, läget per förvaltning\n- erfarenheter från studiebesöket i Lübeck\n- nya EU-utlysningar 2027\n\nAnmäl dig till Internationella kontoret senast en vecka innan.",
    ),
    (
        "Erasmus+ för vuxenutbildning: ackreditering öppen",
        "call",
        "Nu går det att söka ackreditering inom Erasmus+ för vuxenutbildning. En ackreditering ger enklare tillgång till mobilitetsmedel under hela programperioden.\n\nKontakta Utbildningsförvaltningens kontaktperson för samordning.",
    ),
    (
        "Ny EU-förordning om förpackningar påverkar upphandling",
        "horizon",
        "EU:s nya förpackningsförordning ställer krav på återanvändning och materialval som påverkar kommunens upphandlingar från 2027.\n\nSammanfattning och analys från Sveriges Kommuner och Regioner finns i länken nedan.",
    ),
    (
        "Union of the Baltic Cities: generalförsamling i Tartu",
        "event",
        "UBC håller sin generalförsamling i Tartu. Temat är klimatanpassning i hamnstäder. Gävle har två platser; intresseanmälan till Internationella kontoret.",
    ),
    (
        "Horisont Europa: klimatneutrala och smarta städer",
        "call",
        "Uppdraget för 100 klimatneutrala och smarta städer öppnar en ny utlysning för pilotprojekt. Passar samverkan mellan Samhällsbyggnad, Gävle Energi och Högskolan i Gävle.",
    ),
    (
        "Studiebesök från Łódź: program klart",
        "event",
        "Delegationen från Miasto Łódź besöker Gävle under tre dagar. Programmet omfattar hamnen, fjärrvärmeverket och ett seminarium om textilåtervinning.\n\nKontaktpersoner som vill delta i någon del: hör av er.",
    ),
    (
        "Omvärldsbevakning: EU:s hamnstrategi under revidering",
        "horizon",
        "Kommissionen har inlett en översyn av hamnstrategin. Gävle Hamn AB följer arbetet via sitt europeiska nätverk. Remissvar väntas under våren.",
    ),
    (
        "Påminnelse: logga kompetensutveckling",
        "internal",
        "Kom ihåg att logga kurser, studiebesök och konferenser löpande. Den årliga sammanställningen görs i januari.",
    ),
    (
        "CERV: medborgardialog och vänortssamarbete",
        "call",
        "Programmet Medborgare, jämlikhet, rättigheter och värden (CERV) stödjer vänortsprojekt. En bra möjlighet för samarbete med våra vänorter kring demokrati och ungas delaktighet.",
    ),
    (
        "Webbinarium: så skriver du en stark EU-ansökan",
        "event",
        "Internationella kontoret bjuder in till ett webbinarium om ansökningsskrivande. Vi går igenom bedömningskriterier, budget och vanliga misstag.",
    ),
    (
        "Norden: ny strategi för gränsöverskridande samarbete",
        "horizon",
        "Nordiska ministerrådet har antagit en ny strategi för gränsregionalt samarbete. Relevant för våra nordiska kontakter inom logistik och turism.",
    ),
    (
        "LIFE-programmet: natur och biologisk mångfald",
        "call",
        "LIFE öppnar utlysningar inom natur och biologisk mångfald. Miljöförvaltningen undersöker en ansökan om våtmarker längs Gavleån tillsammans med en partner i Finland.",
    ),
    (
        "Nytt kontaktregister i intnet",
        "internal",
        "Kontrollera alltid i kontaktregistret om någon i kommunen redan har en kontakt innan du tar en ny. Sök med Ctrl-F: accenter spelar ingen roll.",
    ),
    (
        "Creative Europe: samarbetsprojekt inom kultur",
        "call",
        "Creative Europe stödjer europeiska samarbetsprojekt. Kultur och fritid har fått förfrågan från Aarhus om ett gemensamt projekt kring unga konstnärer.",
    ),
    (
        "Europeiska regionveckan i Bryssel",
        "event",
        "Europeiska veckan för regioner och städer arrangeras i Bryssel. Anmälan till Region Gävleborgs Brysselkontor.",
    ),
    (
        "Vätgas i Östersjöregionen: ny kartläggning",
        "horizon",
        "En ny kartläggning visar planerade vätgasinvesteringar i Östersjöregionen. Intressant för näringslivsutveckling och för hamnen.",
    ),
    (
        "ESF+: kompetensförsörjning i industrin",
        "call",
        "Svenska ESF-rådet utlyser medel för kompetensförsörjning. Passar samarbete med industrin i regionen inom tillväxtområdet industri.",
    ),
    (
        "Tack för i år, nätverket!",
        "other",
        "Ett stort tack till alla kontaktpersoner för ett år med många nya kontakter, projekt och studiebesök. Sammanställningen för året kommer i januari.",
    ),
    (
        "Twinning: förfrågan från Klaipėda om ungdomsutbyte",
        "other",
        "Klaipėda har hört av sig om ett ungdomsutbyte under sommaren. Kultur och fritid tittar på möjligheterna inom Erasmus+ Ungdom.",
    ),
];

/// Training activities for the demo log: (title, kind word, organiser).
pub const TRAININGS: &[(&str, &str, &str)] = &[
    ("EU-finansiering grundkurs", "course", "Region Gävleborg"),
    ("Projektledning i EU-projekt", "course", "SKR"),
    (
        "Interreg Baltic Sea Region: sökandeseminarium",
        "webinar",
        "Interreg BSR",
    ),
    ("Engelska för förhandling", "language", "Folkuniversitetet"),
    ("Tyska, fortsättningskurs", "language", "Goethe-Institut"),
    (
        "Studiebesök hamnlogistik i Gdańsk",
        "study_visit",
        "Port of Gdańsk",
    ),
    (
        "Studiebesök digital skola i Tartu",
        "study_visit",
        "Tartu linn",
    ),
    (
        "Besök från Łódź om textilåtervinning",
        "hosted_visit",
        "Internationella kontoret",
    ),
    (
        "Europeiska regionveckan",
        "conference",
        "Europeiska kommissionen",
    ),
    (
        "UBC generalförsamling",
        "conference",
        "Union of the Baltic Cities",
    ),
    (
        "Jobbskuggning i Aarhus kommun",
        "exchange",
        "Aarhus Kommune",
    ),
    (
        "Erasmus+ för personal i vuxenutbildning",
        "exchange",
        "Erasmus+",
    ),
    (
        "Nätverksträff internationella kontaktpersoner",
        "network_meeting",
        "Internationella kontoret",
    ),
    (
        "Omvärldsbevakning med EU-källor",
        "webinar",
        "Europa Direkt",
    ),
    ("Statsstödsregler för kommuner", "webinar", "Tillväxtverket"),
    (
        "Klimatanpassning i hamnstäder",
        "conference",
        "Energy Cities",
    ),
];

/// Action plan items for the demo: (text, month and day of the due date in the
/// plan's year).
pub const PLAN_ITEMS: &[(&str, &str)] = &[
    ("Ta fram en kontaktlista över vänorter och nätverk", "03-31"),
    (
        "Utvärdera medlemskapet i Union of the Baltic Cities",
        "06-15",
    ),
    ("Genomföra studiebesök i Tartu om digital skola", "09-30"),
    ("Förbereda Interreg-ansökan om hamnlogistik", "11-20"),
    (
        "Sprida EU-utlysningar till förvaltningarna varje månad",
        "12-05",
    ),
    ("Ordna nätverksträff för kontaktpersonerna", "12-10"),
    ("Sammanställa årets internationella arbete", "12-20"),
    ("Ta emot delegation från Łódź", "12-31"),
    ("Erbjuda språkkurs i tyska för personal", "10-15"),
];

/// The units' words in their yearly accounts (issue 13), per part in `WordsPart`
/// order: a few versions each, `{unit}` standing for the unit's name, `{year}` for the
/// year.
pub const ACCOUNT_WORDS: [&[&str]; 6] = [
    &[
        "Under {year} har {unit} använt erfarenheterna från studiebesöket i Tartu för att se över hur vi tar emot nyanlända medarbetare. Två arbetsgrupper har prövat arbetssätten och ett av dem är nu infört i hela förvaltningen.",
        "{unit} har deltagit i nätverksmöten inom Eurocities och tagit med sig metoder för medborgardialog som vi prövat i två bostadsområden under hösten {year}.",
        "Jobbskuggningen hos vänorten Lahti gav {unit} nya idéer om digitala ärendeflöden. En förstudie är gjord och ett förslag ligger hos ledningsgruppen.",
    ],
    &[
        "Tillsammans med Gävle Hamn och Region Gävleborg har {unit} tagit emot tre delegationer från Östersjöregionen med intresse för logistik och gröna transporter. Två företag har fått nya kontakter i Polen.",
        "{unit} har stöttat lokala företag inför mässor i Hannover och Tallinn, och varit med och arrangerat ett matchmaking-möte om radioteknik och GIS.",
        "Under {year} har {unit} arbetat med att locka internationella investerare till området kring hamnen, bland annat genom deltagande i ett Interreg-projekt om smart logistik.",
    ],
    &[
        "{unit} följer EU:s arbete med den nya sammanhållningspolitiken och har sammanfattat det som rör kommunen i två nyhetsbrev under {year}.",
        "Genom nätverket Union of the Baltic Cities får {unit} löpande information om utlysningar och om hur andra städer arbetar med klimatanpassning.",
        "{unit} har bevakat utlysningar inom Erasmus+ och Horisont Europa och delat dem med verksamheterna i nyhetsflödet.",
    ],
    &[
        "{unit} är partner i ett Interreg Östersjöprojekt och har under {year} lett arbetspaketet om kommunikation. Vi har också lämnat en ansökan inom Erasmus+ tillsammans med två skolor i Finland.",
        "Under {year} har {unit} deltagit i en Erasmus+-mobilitet för personal och skickat in en projektidé inom CERV tillsammans med vänorten Rauma.",
        "{unit} har inte drivit egna EU-projekt under {year}, men har medverkat som referensgrupp i kommunens projekt om grön omställning.",
    ],
    &[
        "Vi samordnar vårt internationella arbete med Region Gävleborg och Högskolan i Gävle genom det regionala EU-nätverket, som träffas varannan månad.",
        "{unit} har tillsammans med grannkommunerna Sandviken och Hofors tagit fram en gemensam plan för att söka EU-medel inom kompetensförsörjning.",
        "Samarbetet med Region Gävleborgs Brysselkontor har gett {unit} stöd i två ansökningar och en plats i ett europeiskt partnerskap.",
    ],
    &[
        "Nästa år vill {unit} söka minst ett eget EU-projekt, fortsätta utbytet med vänorterna och sprida det vi lärt oss på arbetsplatsträffar.",
        "Inför nästa år planerar {unit} ett studiebesök i Tallinn om digitalisering och att låta fler medarbetare delta i jobbskuggning genom Erasmus+.",
        "Nästa år prioriterar {unit} att följa upp de nya kontakterna i Polen och Tyskland och att ta fram en handlingsplan för det internationella arbetet.",
    ],
];

/// The office's comment on an account it returned in the demo.
pub const RETURN_COMMENT: &str = "Tack! Komplettera gärna med vad studiebesöket gav och hur kunskapen har spridits i förvaltningen, så tar vi med er i sammanställningen.";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const KINDS: &[&str] = &[
        "twin_city",
        "city_region",
        "network",
        "company",
        "university",
        "agency",
        "other",
    ];
    const SECTORS: &[&str] = &["business", "academia", "public"];
    const ROLES: &[&str] = &["office", "member", "viewer"];

    fn is_country_code(c: &str) -> bool {
        c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())
    }

    fn all_strings() -> Vec<&'static str> {
        let mut v: Vec<&'static str> = Vec::new();
        for (a, b, c, _) in UNITS {
            v.extend([*a, *b, *c]);
        }
        for (a, b, c, d) in MEMBERS {
            v.extend([*a, *b, *c, *d]);
        }
        for (a, b, c, d, e, f) in ORGS {
            v.extend([*a, *b, *c, *d, *e, *f]);
        }
        for (a, b) in CITIES {
            v.extend([*a, *b]);
        }
        for (a, b, c) in ORG_PATTERNS {
            v.extend([*a, *b, *c]);
        }
        v.extend(FIRST_NAMES.iter().copied());
        v.extend(LAST_NAMES.iter().copied());
        v.extend(TITLES.iter().copied());
        v.extend(INTERACTION_SUMMARIES.iter().copied());
        v.extend(TAGS.iter().copied());
        v
    }

    #[test]
    fn orgs_kinds_sectors_and_countries_are_valid() {
        for (name, kind, country, city, website, sector) in ORGS {
            assert!(KINDS.contains(kind), "bad kind {kind:?} for {name}");
            assert!(SECTORS.contains(sector), "bad sector {sector:?} for {name}");
            assert!(
                is_country_code(country),
                "bad country {country:?} for {name}"
            );
            assert!(!name.trim().is_empty());
            assert!(!city.trim().is_empty(), "empty city for {name}");
            assert!(
                website.is_empty() || website.starts_with("https://"),
                "bad website {website:?} for {name}"
            );
        }
    }

    #[test]
    fn company_websites_are_fictional() {
        for (name, kind, _, _, website, _) in ORGS {
            if *kind == "company" && !website.is_empty() {
                assert!(
                    website.ends_with(".example"),
                    "company {name} has non-.example site"
                );
            }
        }
    }

    #[test]
    fn org_names_are_unique() {
        let mut seen = HashSet::new();
        for (name, ..) in ORGS {
            assert!(seen.insert(*name), "duplicate org {name}");
        }
        assert!(ORGS.len() >= 75);
    }

    #[test]
    fn cities_have_valid_country_codes() {
        let mut seen = HashSet::new();
        for (city, country) in CITIES {
            assert!(
                is_country_code(country),
                "bad country {country:?} for {city}"
            );
            assert!(seen.insert(*city), "duplicate city {city}");
        }
        assert!(CITIES.len() >= 50);
    }

    #[test]
    fn units_are_unique() {
        let mut seen = HashSet::new();
        for (code, sv, en, _) in UNITS {
            assert!(seen.insert(*code), "duplicate unit {code}");
            assert!(!code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(!sv.is_empty() && !en.is_empty());
        }
    }

    #[test]
    fn members_are_valid() {
        let units: HashSet<&str> = UNITS.iter().map(|u| u.0).collect();
        let mut seen = HashSet::new();
        for (account, full_name, unit, role) in MEMBERS {
            assert!(!account.is_empty());
            assert!(
                account
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "account {account:?} is not lowercase ascii"
            );
            assert!(account.as_bytes()[0].is_ascii_lowercase());
            assert!(seen.insert(*account), "duplicate account {account}");
            assert!(units.contains(unit), "unknown unit {unit} for {account}");
            assert!(ROLES.contains(role), "bad role {role} for {account}");
            assert!(!full_name.trim().is_empty());
        }
        assert!(MEMBERS.iter().any(|m| m.3 == "viewer"));
        let office = MEMBERS.iter().filter(|m| m.3 == "office").count();
        assert!((2..=3).contains(&office));
        assert!(
            MEMBERS
                .iter()
                .filter(|m| m.3 == "office")
                .all(|m| m.2 == "NLA")
        );
    }

    #[test]
    fn patterns_contain_city_placeholder_and_valid_kinds() {
        for (pattern, kind, sector) in ORG_PATTERNS {
            assert!(
                pattern.contains("{city}"),
                "pattern {pattern:?} lacks {{city}}"
            );
            assert!(KINDS.contains(kind), "bad kind {kind:?} in {pattern}");
            assert!(
                SECTORS.contains(sector),
                "bad sector {sector:?} in {pattern}"
            );
        }
    }

    #[test]
    fn names_carry_diacritics() {
        assert!(FIRST_NAMES.iter().filter(|n| !n.is_ascii()).count() >= 20);
        assert!(LAST_NAMES.iter().filter(|n| !n.is_ascii()).count() >= 20);
        assert!(CITIES.iter().filter(|c| !c.0.is_ascii()).count() >= 30);
        assert!(ORGS.iter().filter(|o| !o.0.is_ascii()).count() >= 30);
    }

    #[test]
    fn no_control_characters_or_stray_whitespace() {
        for s in all_strings() {
            assert!(!s.chars().any(char::is_control), "control char in {s:?}");
            assert_eq!(s, s.trim(), "leading/trailing whitespace in {s:?}");
        }
    }

    #[test]
    fn lists_are_non_empty_and_unique() {
        for (label, list) in [
            ("FIRST_NAMES", FIRST_NAMES),
            ("LAST_NAMES", LAST_NAMES),
            ("TITLES", TITLES),
            ("INTERACTION_SUMMARIES", INTERACTION_SUMMARIES),
            ("TAGS", TAGS),
        ] {
            assert!(!list.is_empty(), "{label} empty");
            let set: HashSet<&str> = list.iter().copied().collect();
            assert_eq!(set.len(), list.len(), "{label} has duplicates");
            assert!(
                list.iter().all(|s| !s.is_empty()),
                "{label} has empty entry"
            );
        }
    }
}
