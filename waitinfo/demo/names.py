"""Fictional names and addresses for the demo catalogue (no real organisations, people or phone numbers)."""

# Short keys for the 14 Twente municipalities (CBS codes).
MUNI = {
    "alm": "GM0141",
    "bor": "GM0147",
    "din": "GM1774",
    "ens": "GM0153",
    "haa": "GM0158",
    "hel": "GM0163",
    "hen": "GM0164",
    "hvt": "GM1735",
    "los": "GM0168",
    "old": "GM0173",
    "rh": "GM1742",
    "tub": "GM0183",
    "twe": "GM1700",
    "wie": "GM0189",
}

# Places (woonplaatsen) per municipality with their real postcode areas (4 digits).
PLACES = {
    "GM0141": [("Almelo", ["7601", "7602", "7603", "7604", "7605", "7606", "7607", "7608", "7609"])],
    "GM0147": [("Borne", ["7621", "7622"]), ("Zenderen", ["7625"])],
    "GM1774": [("Denekamp", ["7591"]), ("Ootmarsum", ["7631"]), ("Weerselo", ["7595"])],
    "GM0153": [
        (
            "Enschede",
            [
                "7511",
                "7512",
                "7513",
                "7514",
                "7521",
                "7522",
                "7523",
                "7531",
                "7532",
                "7533",
                "7541",
                "7542",
                "7543",
                "7544",
                "7545",
                "7546",
            ],
        ),
        ("Glanerbrug", ["7534"]),
    ],
    "GM0158": [("Haaksbergen", ["7481", "7482", "7483"])],
    "GM0163": [("Nijverdal", ["7441", "7442", "7443"]), ("Hellendoorn", ["7447"])],
    "GM0164": [("Hengelo", ["7551", "7552", "7553", "7554", "7555", "7556", "7557", "7558", "7559"])],
    "GM1735": [("Goor", ["7471", "7472"]), ("Delden", ["7491"]), ("Markelo", ["7475"])],
    "GM0168": [("Losser", ["7581", "7582"]), ("Overdinkel", ["7586"]), ("De Lutte", ["7587"])],
    "GM0173": [("Oldenzaal", ["7571", "7572", "7573", "7574", "7575", "7576", "7577"])],
    "GM1742": [("Rijssen", ["7461", "7462", "7463"]), ("Holten", ["7451"])],
    "GM0183": [("Tubbergen", ["7651"]), ("Albergen", ["7615"]), ("Geesteren", ["7678"])],
    "GM1700": [("Vriezenveen", ["7671", "7672"]), ("Vroomshoop", ["7681"]), ("Den Ham", ["7683"])],
    "GM0189": [("Wierden", ["7641", "7642"]), ("Enter", ["7468"])],
}

STREETS = [
    "Marktstraat",
    "Stationsstraat",
    "Kerkstraat",
    "Molenstraat",
    "Schoolstraat",
    "Beukenlaan",
    "Lindelaan",
    "Esweg",
    "Kanaalstraat",
    "Brinkweg",
    "Wilgenhof",
    "Eikenlaan",
    "Essenweg",
    "Reggeweg",
    "Dinkelweg",
    "Stadsweide",
    "Haverkamp",
    "Korenbloemstraat",
    "Hofstede",
    "Zonnebloemweg",
    "Populierenlaan",
    "Veldweg",
    "Boterbloemstraat",
    "Kastanjelaan",
    "Weverstraat",
    "Spinnerijweg",
    "Textielplein",
    "Ambachtsweg",
]

# Letters used in Dutch postcodes (SA, SD and SS are never issued).
POSTCODE_LETTERS = "ABCDEGHJKLMNPRTVWXZ"

# Organisations: (key, name, kind, municipality keys of physical locations, has an online location).
ORGANIZATIONS = [
    # specialist ggz
    ("tpg", "Twentse Psychiatrie Groep", "specialist_ggz", ["ens", "hen", "alm", "old"], True),
    ("reggedal", "GGZ Reggedal", "specialist_ggz", ["alm", "hel", "rh"], False),
    ("lonneker", "Centrum voor Psychotrauma Lonneker", "specialist_ggz", ["ens", "alm"], False),
    ("esch", "Eetstoornissenkliniek De Esch", "specialist_ggz", ["ens"], True),
    ("kwadrant", "Persoonlijkheidszorg Kwadrant Oost", "specialist_ggz", ["hen", "alm"], False),
    ("oosterhof", "ADHD- en Autismecentrum Oosterhof", "specialist_ggz", ["hen", "ens", "wie"], False),
    ("angstcentrum", "Angst- en Dwangcentrum Twente", "specialist_ggz", ["alm", "ens"], True),
    ("veldhuis", "Psychosezorg Het Veldhuis", "specialist_ggz", ["alm", "ens", "hvt"], False),
    ("dinkelborgh", "Ouderenpsychiatrie Dinkelborgh", "specialist_ggz", ["old", "din", "los"], False),
    ("sgnot", "Specialistische GGZ Noordoost-Twente", "specialist_ggz", ["tub", "twe", "old"], False),
    # basic ggz
    ("twentekanaal", "Basis GGZ Twentekanaal", "basic_ggz", ["hen", "bor", "ens"], False),
    ("reggevecht", "Basispsy Regge en Vecht", "basic_ggz", ["alm", "twe", "wie"], True),
    ("bghvt", "Basis GGZ Hof van Twente", "basic_ggz", ["hvt", "haa"], False),
    ("vlier", "Praktijk voor Basis-ggz De Vlier", "basic_ggz", ["old", "los"], False),
    ("salland", "Basis GGZ Salland-Twente", "basic_ggz", ["rh", "hel"], False),
    ("stadsweide", "Psychologencentrum Stadsweide", "basic_ggz", ["ens"], False),
    ("bgnt", "Basis GGZ Noord-Twente", "basic_ggz", ["tub", "din", "alm"], False),
    ("onlinebasis", "Online Basis GGZ Oost", "basic_ggz", ["ens"], True),
    # independent practices
    ("lindehof", "Psychologenpraktijk Lindehof", "independent_practice", ["alm"], False),
    ("esveld", "Praktijk Esveld psychotherapie", "independent_practice", ["ens"], False),
    ("molenbelt", "Psychologenpraktijk De Molenbelt", "independent_practice", ["hen"], False),
    ("brinkzicht", "Praktijk Brinkzicht", "independent_practice", ["bor"], False),
    ("wilgenhof", "Psychotherapiepraktijk Het Wilgenhof", "independent_practice", ["haa"], False),
    ("nieuweruimte", "Praktijk Nieuwe Ruimte", "independent_practice", ["alm"], True),
    ("kanaalzicht", "Psychologenpraktijk Kanaalzicht", "independent_practice", ["wie"], False),
    ("bergweide", "Praktijk voor GZ-psychologie Bergweide", "independent_practice", ["old"], False),
    ("esrandpsy", "Psychologenpraktijk Esrand", "independent_practice", ["hel"], False),
    ("kleinees", "Praktijk De Kleine Es", "independent_practice", ["rh"], False),
    # addiction care
    ("dinkelregge", "Verslavingszorg Dinkel en Regge", "addiction_care", ["ens", "alm", "hen"], True),
    ("herstelhuis", "Stichting Herstelhuis Kanaaloever", "addiction_care", ["alm"], False),
    ("nieuwbegin", "Kliniek Nieuw Begin verslavingszorg", "addiction_care", ["hvt"], False),
    ("gokgame", "Gok- en Gamecentrum Oost", "addiction_care", ["ens"], True),
    # social work
    ("mwtn", "Maatschappelijk Werk Twente-Noord", "social_work", ["alm", "twe", "tub", "wie"], False),
    ("mwzo", "Maatschappelijk Werk Zuidoost-Twente", "social_work", ["ens", "hen", "bor"], False),
    ("swhb", "Sociaal Werk Hof en Berkel", "social_work", ["hvt", "haa"], False),
    ("mwdl", "Maatschappelijk Werk Dinkelland-Losser", "social_work", ["din", "los", "old"], False),
    ("swrs", "Sociaal Werk Reggestreek", "social_work", ["hel", "rh"], False),
    ("schuldhulp", "Schuldhulp Twente Samen", "social_work", ["ens", "alm", "hen"], True),
    # welfare
    ("wasamen", "Welzijn Almelo Samen", "welfare", ["alm"], False),
    ("weo", "Stichting Welzijn Enschede Oost", "welfare", ["ens"], False),
    ("whc", "Welzijn Hengelo Centraal", "welfare", ["hen"], False),
    ("wbw", "Welzijnswerk Borne en Wierden", "welfare", ["bor", "wie"], False),
    ("wnot", "Stichting Welzijn Noordoost-Twente", "welfare", ["tub", "din", "old", "los"], False),
    ("whh", "Welzijn Haaksbergen en Hof", "welfare", ["haa", "hvt"], False),
    ("wth", "Welzijn Twenterand en Hellendoorn", "welfare", ["twe", "hel"], False),
    ("wrh", "Welzijn Rijssen-Holten", "welfare", ["rh"], False),
    # peer / recovery
    ("herstelacademie", "Herstelacademie Twente", "peer_recovery", ["ens", "alm", "hen"], True),
    ("ervaringskracht", "Stichting Ervaringskracht Oost", "peer_recovery", ["alm", "twe", "hel"], False),
    ("debrug", "Zelfregiecentrum De Brug", "peer_recovery", ["ens", "old"], False),
    ("herstelkring", "Herstelkring Noord-Twente", "peer_recovery", ["tub", "din"], False),
    ("anker", "Lotgenotenhuis Het Anker", "peer_recovery", ["hen", "bor", "haa"], False),
    ("digiherstel", "Digitaal Herstelnetwerk Twente", "peer_recovery", ["ens"], True),
    # paramedical
    ("psysom", "Fysiotherapie Psychosomatiek Oost", "paramedical", ["ens", "hen"], False),
    ("beweging", "Praktijk voor Beweging en Balans", "paramedical", ["alm", "wie"], False),
    ("ergothuis", "Ergotherapie Twente Thuis", "paramedical", ["old", "din", "los"], False),
    ("goedgevoed", "Diëtistenpraktijk Goed Gevoed", "paramedical", ["hvt", "haa"], False),
    ("pmt", "Psychomotorische Therapie De Beweging", "paramedical", ["rh", "hel", "twe"], False),
    # GP care (POH-ggz)
    ("delinde", "Huisartsenpraktijk De Linde", "gp_care", ["alm"], False),
    ("stadsveld", "Gezondheidscentrum Veldkamp-Oost", "gp_care", ["ens"], False),
    ("hengelonoord", "Huisartsen Hengelo-Noord", "gp_care", ["hen"], False),
    ("dorpsplein", "Huisartsenpraktijk Dorpsplein", "gp_care", ["tub"], False),
    ("esrandgc", "Gezondheidscentrum Het Esrand", "gp_care", ["old"], False),
    ("hatw", "Huisartsengroep Twenterand", "gp_care", ["twe"], False),
    ("kerkebrink", "Huisartsenpraktijk Kerkebrink", "gp_care", ["haa"], False),
    ("reggeweide", "Gezondheidscentrum Reggeweide", "gp_care", ["hel", "rh"], False),
]

MUNICIPALITY_ORG_NAME = "Gemeente {name} sociaal wijkteam"

KIND_DESCRIPTIONS = {
    "specialist_ggz": "Instelling voor specialistische ggz: diagnostiek en behandeling bij complexe psychische "
    "klachten.",
    "basic_ggz": "Aanbieder van generalistische basis-ggz: kortdurende behandeling bij lichte tot matige "
    "psychische klachten.",
    "independent_practice": "Vrijgevestigde praktijk voor psychologische zorg en psychotherapie.",
    "addiction_care": "Verslavingszorg: hulp bij problemen met alcohol, drugs, gokken of gamen.",
    "social_work": "Maatschappelijk werk: hulp bij praktische en persoonlijke problemen.",
    "welfare": "Welzijnsorganisatie: ontmoeting, informatie, vrijwilligerswerk en ondersteuning in de buurt.",
    "peer_recovery": "Organisatie voor herstel en ervaringsdeskundigheid, door en voor mensen met eigen ervaring.",
    "municipality": "Het sociaal wijkteam van de gemeente: toegang tot Wmo-ondersteuning, schuldhulp en meedoen.",
    "paramedical": "Paramedische praktijk met aandacht voor psychische klachten en leefstijl.",
    "gp_care": "Huisartsenpraktijk met praktijkondersteuner ggz (POH-ggz).",
}

NEED_LABELS = {
    "somberheid": "somberheid en depressie",
    "angst": "angst- en paniekklachten",
    "stress": "stress en overbelasting",
    "trauma": "trauma",
    "verslaving": "verslaving",
    "psychose": "psychose",
    "eetproblemen": "eetproblemen",
    "persoonlijkheid": "persoonlijkheidsproblematiek",
    "adhd-autisme": "ADHD en autisme",
    "crisis": "crisis",
    "eenzaamheid": "eenzaamheid",
    "zingeving": "zingeving en rouw",
    "geldzorgen": "geldzorgen",
    "werk-dagbesteding": "werk en dagbesteding",
    "wonen": "wonen",
    "relaties-gezin": "relaties en gezin",
    "mantelzorg": "mantelzorg",
    "herstel": "herstel",
}

# Need -> diagnosis groups a specialist ggz service reports its waits for.
NEED_DIAGNOSES = {
    "somberheid": ["depressie", "bipolair"],
    "angst": ["angst", "ocd"],
    "stress": ["overig"],
    "trauma": ["trauma"],
    "verslaving": ["verslaving"],
    "psychose": ["psychose"],
    "eetproblemen": ["eetstoornis"],
    "persoonlijkheid": ["persoonlijkheid"],
    "adhd-autisme": ["adhd", "autisme"],
    "crisis": ["overig"],
    "relaties-gezin": ["overig"],
}

LANGUAGE_SETS = [
    ["nl"],
    ["nl"],
    ["nl"],
    ["nl", "en"],
    ["nl", "en", "de"],
    ["nl", "tr"],
    ["nl", "ar"],
    ["nl", "en", "pl"],
]
