"""Entity recognition: quotes with legal forms, head-noun chains, abbreviations, persons, gazetteers."""
from __future__ import annotations

from sikg.loaders.recognise import recognise


def found(text: str, language: str = "lv") -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for m in recognise(text, language):
        out.setdefault((m.type, m.name), []).extend(m.aliases)
    return out


def named(kind: str, text: str, language: str = "lv") -> set[str]:
    """The names of one kind the rules find in ``text``."""
    return {n for t, n in found(text, language) if t == kind}


def test_quoted_name_after_a_legal_form_keeps_the_whole_as_alias():
    ents = found("Kursa organizators ir biedrība “NewDoor”, un to atbalsta Invalīdu un viņu draugu apvienības "
                 "„Apeirons” biedri.")
    assert "biedrība “NewDoor”" in ents[("Organisation", "NewDoor")]
    assert "Invalīdu un viņu draugu apvienība “Apeirons”" in ents[("Organisation", "Apeirons")]


def test_inflected_chain_comes_back_nominative_and_abbreviation_becomes_alias():
    ents = found("Tikšanās notika Liepājas Diakonijas centra (LDC) telpās.")
    assert "LDC" in ents[("Organisation", "Liepājas Diakonijas centrs")]


def test_countries_in_every_case_and_places():
    ents = found("Partneri ir no Zviedrijas un Lietuvā, pasākums notiks Rīgā.")
    assert {("Country", "Zviedrija"), ("Country", "Lietuva"), ("Place", "Rīga")} <= set(ents)


def test_country_at_the_start_of_an_organisation_name_is_part_of_the_name():
    ents = found("Profesore prezentēja Latvijas Universitātes pētījumu.")
    assert ("Organisation", "Latvijas Universitāte") in ents
    assert ("Country", "Latvija") not in ents


def test_persons_with_roles_initials_and_original_spelling():
    ents = found("Konferenci atklāja Diakonijas vadītājs Heiko Nass (Heiko Naß). M. Urdze runāja. "
                 "Informāciju sagatavoja Kristīne Tarvida.")
    assert ("Person", "Heiko Naß") in ents and "Heiko Nass" in ents[("Person", "Heiko Naß")]
    assert ("Person", "M. Urdze") in ents
    assert ("Person", "Kristīne Tarvida") in ents


def test_english_organisations_and_gazetteer_names_resolve_to_the_latvian_canonical_name():
    ents = found("The training was led by the University of Latvia and the Lithuanian Social Business "
                 "Association.", "en")
    assert ("Organisation", "Latvijas Universitāte") in ents
    assert ("Organisation", "Lithuanian Social Business Association") in ents


def test_un_is_not_the_united_nations():
    assert not any(t == "Organisation" for t, _ in found("Latvija un Lietuva sadarbojas."))


def test_hostile_names_are_text():
    ents = found("Projektu atbalsta biedrība “<script>alert(1)</script>”.")
    assert any("<script>" in name for _, name in ents)


def test_names_sharing_one_head_noun_are_one_organisation_each():
    from sikg.loaders.recognise import recognise

    found = [(m.type, m.name) for m in recognise(
        "Forumā piedalījās Rojas, Dundagas un Talsu pašvaldība, kā arī Saldus un Kuldīgas pašvaldību pārstāvji.", "lv")]
    assert found == [("Organisation", f"{n} pašvaldība") for n in ("Rojas", "Dundagas", "Talsu", "Saldus", "Kuldīgas")]
    one = recognise("Vides aizsardzības un reģionālās attīstības ministrija atbalsta projektu.", "lv")
    assert [m.name for m in one] == ["Vides aizsardzības un reģionālās attīstības ministrija"]


def test_two_organisations_joined_by_un_each_keep_their_head():
    ents = found("Projektu īsteno Rokišķu rajona pašvaldību un Lietuvas sociālā biznesa asociācija kopā.")
    assert ("Organisation", "Lietuvas sociālā biznesa asociācija") in ents
    assert not any(" un " in name for _, name in ents)
    kept = found("Sanāksmē piedalījās Vides aizsardzības un reģionālās attīstības ministrija.")
    assert ("Organisation", "Vides aizsardzības un reģionālās attīstības ministrija") in kept


def test_a_region_is_no_organisation_but_a_coalition_is():
    ents = found("Biedrības no Kurzemes reģiona tikās ar Vidusdaugavas NVO koalīcija pārstāvjiem.")
    assert not any("reģion" in name for _, name in ents)
    assert ("Organisation", "Vidusdaugavas NVO koalīcija") in ents


def test_english_names_without_what_leads_into_them_and_split_at_and_between_heads():
    ents = found("As the Chairperson of the Social Entrepreneurship Council, she met Tallinn University and "
                 "Tartu University staff. After the Tallinn University and Riga University signed, they met.", "en")
    assert {("Organisation", "Social Entrepreneurship Council"), ("Organisation", "Tallinn University"),
            ("Organisation", "Tartu University"), ("Organisation", "Riga University")} <= set(ents)


def test_places_sharing_a_plural_head_and_plural_place_names():
    ents = found("Projekti apstiprināti Brocēnu, Kuldīgas un Saldus novados, kā arī Talsos un Cēsīs.")
    assert {("Place", "Brocēnu novads"), ("Place", "Kuldīgas novads"), ("Place", "Saldus novads"),
            ("Place", "Talsi"), ("Place", "Cēsis")} <= set(ents)


def test_programme_names_with_countries_and_a_period_only_when_it_is_a_range():
    ents = found("Projekts tiek finansēts no Latvijas un Šveices sadarbības programmas līdzekļiem. "
                 "Projektu atbalsta Interreg Latvijas–Lietuvas pārrobežu sadarbības programma 2021.–2027. gadam.")
    assert ("Programme", "Latvijas un Šveices sadarbības programma") in ents
    assert ("Programme", "Interreg Latvijas–Lietuvas pārrobežu sadarbības programma 2021.–2027. gadam") in ents
    assert not any("2016" in name for _, name in found("Ventspils atbalsta programma 2016. gadā sākās."))


def test_an_event_named_in_another_case_comes_back_nominative():
    ents = found("Liepājā notika pirmajā Kurzemes NVO sadarbības forumā.")
    assert ("Event", "pirmais Kurzemes NVO sadarbības forums") in ents
    # the ordinal opens the phrase, not the name: without it, an alias
    assert "Kurzemes NVO sadarbības forums" in ents[("Event", "pirmais Kurzemes NVO sadarbības forums")]


def test_a_quoted_event_in_another_case_comes_back_nominative_as_written():
    ents = found("Viņi piedalījās starptautiskajā “Baltijas – Lielbritānijas sociālās uzņēmējdarbības forumā”.")
    assert "Baltijas – Lielbritānijas sociālās uzņēmējdarbības forumā" in \
        ents[("Event", "Baltijas – Lielbritānijas sociālās uzņēmējdarbības forums")]


def test_a_verb_the_dictionary_does_not_know_is_not_an_event_modifier():
    events = named("Event", "Šogad notika forums. Otrdien tikās ikgadējā kopsapulcē. "
                   "Aicinām piedalīties forumā 2024. gada 5. maijā.")
    assert not any(n.startswith(("tikās", "piedalīties")) for n in events), events


def test_a_quoted_name_joined_to_a_named_one_is_of_its_kind():
    ents = found("Ziedojumu kastītēs veikalu tīklos «Austris» un «Neldi» ziedotāji vēlējuši labu.")
    assert {("Organisation", "Austris"), ("Organisation", "Neldi")} <= set(ents)
    assert ("Organisation", "Laiks") not in found("Tas notika “Laiks” un “Laiks”.")


def test_the_eea_grants_and_the_eea_and_norway_grants_are_two_programmes():
    from sikg.loaders.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert gazetteer.lookup("EEA Grants").name == "Eiropas Ekonomikas zonas finanšu instruments"
    assert gazetteer.lookup("EEA and Norway Grants").name == "EEZ un Norvēģijas finanšu instrumenti"
    assert gazetteer.lookup("Norway Grants").name == "Norvēģijas finanšu instruments"


def test_named_venues_are_places_in_the_nominative():
    ents = found("Vakarā launkalnieši devās uz Launkalnes Tautas namu. Seminārs notika Ērgļu saieta namā un "
                 "Krustpils pilī.")
    assert {("Place", "Launkalnes Tautas nams"), ("Place", "Ērgļu saieta nams"), ("Place", "Krustpils pils")} \
        <= set(ents)
    assert ("Person", "Launkalne Tauta") not in ents
    assert ("Place", "Lahmue manor") in found("The meeting was held at Lahmue manor in Estonia.", "en")
    assert not any(t == "Place" for t, _ in found("Namā bija auksti."))  # a venue noun alone names nothing


def test_an_event_phrase_in_a_dated_sentence_is_an_event():
    assert ("Event", "biedru kopsapulce") in found("Piektdien, 24. martā, biedru kopsapulce apstiprināja pārskatu.")
    assert not any(t == "Event" for t, _ in found("Biedru kopsapulce apstiprināja pārskatu."))


def test_a_gazetteer_name_read_past_an_acronym_in_parentheses_and_in_the_plural():
    ents = found("Projektu finansē Eiropas Ekonomiskās zonas (EEZ) un Norvēģijas finanšu instrumentu programma.")
    assert ("Programme", "EEZ un Norvēģijas finanšu instrumenti") in ents
    assert ("Programme", "Norvēģijas finanšu instruments") not in ents


def test_a_quote_inside_a_quote_stays_in_the_name():
    ents = found("Atbalstīts biedrības “Sporta klubs “Zeltiņi”” projekts “Fotoizstāde “Zeltiņpuika Kristers””.")
    assert ("Organisation", "Sporta klubs “Zeltiņi”") in ents
    assert ("Project", "Fotoizstāde “Zeltiņpuika Kristers”") in ents
    # „…“ does not nest: its closing quote is the opening one of “…”
    assert ("Organisation", "Apes klubs") in found("Biedrība „Apes klubs“ un biedrība “Ziedi” sadarbojas.")


def test_a_call_for_project_proposals_is_a_programme_other_contests_name_projects():
    ents = found("Projektu konkursā “Atbalsts iedzīvotāju iniciatīvām” sadalīti 1000 eiro. "
                 "Skolēni uzvarēja ideju konkursā “Tam labam būs augt”.")
    assert ("Programme", "Atbalsts iedzīvotāju iniciatīvām") in ents
    assert ("Project", "Tam labam būs augt") in ents


def test_a_head_noun_in_the_genitive_plural_before_a_noun_names_a_kind_not_an_organisation():
    assert not any(t == "Organisation" for t, _ in
                   found("Forumā piedalīsies 9 aktīvāko Kurzemes pašvaldību pārstāvji."))
    ents = found("Forumā piedalīsies Saldus un Talsu pašvaldību pārstāvji.")  # names sharing it: one each
    assert {("Organisation", "Saldus pašvaldība"), ("Organisation", "Talsu pašvaldība")} <= set(ents)
    assert ("Organisation", "Kurzemes pašvaldība") in found("Viņi apmeklēja Kurzemes pašvaldību.")


def test_a_title_that_describes_and_abbreviates_names_a_project_by_its_acronym():
    ents = found("Sociālo inovāciju kompetences centri – kapacitātes celšana ilgtspējīgai sabiedrībai (BuiCaSuS)\n\n"
                 "Projekta mērķis ir veicināt sadarbību.")
    assert "Sociālo inovāciju kompetences centri – kapacitātes celšana ilgtspējīgai sabiedrībai" in \
        ents[("Project", "BuiCaSuS")]
    # an organisation's name and its acronym: the acronym stays the organisation's alias
    ents = found("Liepājas Diakonijas centrs (LDC)\n\nBiedrība sniedz palīdzību.")
    assert ("Project", "LDC") not in ents and "LDC" in ents[("Organisation", "Liepājas Diakonijas centrs")]
    # only in the title
    assert ("Project", "BRESE") not in found("Mēs runājām.\n\nTas ir par sociālo uzņēmējdarbību un tās attīstību (BRESE)")


def test_no_person_from_a_region_a_possessive_or_an_abbreviation():
    assert not any(t == "Person" for t, _ in found("Pieteikumus gaida Latgales Laiks redakcija."))
    assert ("Person", "Viktor Yanukovych") in found("He met Viktor Yanukovych's government.", "en")
    persons = named("Person", "The U.S. Department of State funds it. M. Urdze spoke.", "en")
    assert persons == {"M. Urdze"}


def test_a_legal_form_before_a_name_qualifies_it():
    ents = found("Vakarā runāja biedrības Zemgales NVO Centrs vadītāja. Biedrības Zemgales NVO Centrs aicina.")
    orgs = {n for t, n in ents if t == "Organisation"}
    assert orgs == {"Zemgales NVO Centrs"}, orgs
    assert "Biedrības Zemgales NVO Centrs" in ents[("Organisation", "Zemgales NVO Centrs")]


def test_a_dropped_leading_country_stays_in_an_alias():
    ents = found("Projektu atbalstīja Latvijas Samariešu apvienība.")
    assert "Latvijas Samariešu apvienība" in ents[("Organisation", "Samariešu apvienība")]


def test_english_names_without_a_leading_preposition_or_a_spaced_dash():
    orgs = named("Organisation", "After the NGO Accelerator Commission met, Baltic-American Freedom Foundation paid. "
                 "Lithuanian Association of People with Disabilities – Lead Partner", "en")
    assert {"NGO Accelerator Commission", "Baltic-American Freedom Foundation",
            "Lithuanian Association of People with Disabilities"} <= orgs
    assert not any(n.startswith("After") or n.endswith("Lead Partner") for n in orgs), orgs


def test_a_day_is_an_event_in_a_phrase_not_before_a_quoted_name():
    assert ("Event", "Labo darbu diena") in found("2023. gada 5. maijā notika pasākumi „Labo darbu diena”.")
    assert not any(t == "Event" for t, _ in found("Šajā dienā, 5. maijā, „Caritas Latvija” uzsāka akciju."))


def test_a_quote_inside_a_quote_closes_before_the_outer_one():
    ents = found('Piedalās arī "Imanta Ziedoņa fonds "Viegli"" nodibinājums, kas rīko nodarbības.')
    assert ("Organisation", 'Imanta Ziedoņa fonds "Viegli"') in ents
    ents = found("Projektu īsteno biedrība „Sporta klubs „Zeltiņi”” Alūksnē.")
    assert ("Organisation", "Sporta klubs „Zeltiņi”") in ents


def test_a_quoted_name_ending_with_its_country_is_a_national_branch():
    ents = found("Šajā dienā „Caritas Latvija” uzsāka akciju.")
    assert ("Organisation", "Caritas Latvija") in ents and ("Country", "Latvija") not in ents
    assert ents[("Organisation", "Caritas Latvija")] == []  # no "dienā “Caritas Latvija”" alias
    assert not any(t == "Organisation" for t, _ in found("Viņi atbalstīja „Ziemassvētku brīnumu”."))


def test_places_share_a_head_only_after_genitives():
    places = named("Place", "Darbs notiek 5 pašvaldībās: Brocēnu, Kuldīgas, Saldus un Talsu novados.")
    assert {"Brocēnu novads", "Kuldīgas novads", "Saldus novads", "Talsu novads"} <= places
    places = named("Place", "Īstenošanas vieta: Latgalē- Līvāni, Līvānu novads; Vidzemē- Staicele, Alojas novads.")
    assert "Līvāni novads" not in places and "Staicele novads" not in places, places


def test_a_file_name_run_into_a_name_is_not_part_of_it():
    ents = found("DSC03298Kurzemes NVO atbalsta centrs saņēma finansējumu.")
    assert ("Organisation", "Kurzemes NVO atbalsta centrs") in ents


def test_an_event_phrase_takes_its_owners_name_and_leaves_out_the_year():
    events = found("Talsu novada fonda (TNF) ikgadējā kopsapulce notika 1. februārī.")
    assert events[("Event", "Talsu novada fonda ikgadējā kopsapulce")] == ["ikgadējā kopsapulce", "kopsapulce"]
    events = found("Šogad 2016. gada izvērtēšanas konference notika Rīgā.")  # a "-šana" noun is no verb
    assert ("Event", "izvērtēšanas konference") in events


def test_another_countrys_ministry_is_not_the_latvian_one():
    orgs = named("Organisation", "Projektu atbalsta Vācijas Ārlietu ministrija un Spānijas Darba un sociālās "
                 "ekonomikas ministrija.")
    assert "Vācijas Ārlietu ministrija" in orgs
    assert not {"Ārlietu ministrija", "Ekonomikas ministrija"} & orgs, orgs


def test_a_quote_its_writer_forgot_to_close_ends_before_the_next_legal_form():
    ents = found("Atbalsta biedrība „Liepājas Jaunie Vanagi, nodibinājums „Cemex Iespēju fonds” un citi.")
    assert ("Organisation", "Liepājas Jaunie Vanagi") in ents
    assert ("Organisation", "Cemex Iespēju fonds") in ents


def test_a_sentences_common_first_word_before_a_place_is_no_part_of_the_name():
    ents = found("Pasākumu Aizkraukles novada pašvaldība rīkoja sadarbībā ar biedrību.")
    assert ("Organisation", "Aizkraukles novada pašvaldība") in ents, ents


def test_towns_written_in_their_own_language_are_the_gazetteers_places():
    ents = found("Workshops were held in Trakai, Kėdainiai and Kuressaare.", "en")
    assert {("Place", "Traķi"), ("Place", "Ķēdaiņi"), ("Place", "Kuresāre")} <= set(ents), ents


def test_a_name_before_its_country_in_parentheses_is_an_organisation():
    ents = found("Partners: Barnafrid (Sweden), Eskilstuna folk high school (Sweden) and a meeting in "
                 "Vilnius (Lithuania).", "en")
    assert {("Organisation", "Barnafrid"), ("Organisation", "Eskilstuna folk high school")} <= set(ents), ents
    assert ("Place", "Viļņa") in ents and not any(n == "Vilnius" for _, n in ents)


def test_a_list_of_quoted_names_is_of_the_kind_of_its_named_members():
    ents = found("Stāstīja uzņēmēji – “Zvaigznāja komanda”, “4 vēji” un “Intelekta attīstības centrs”.")
    assert {("Organisation", "Zvaigznāja komanda"), ("Organisation", "4 vēji")} <= set(ents), ents


def test_a_countrys_common_noun_is_no_name():
    orgs = named("Organisation", "Izskanēja Latvijas un Lielbritānijas pašvaldību stāsti; Latvijas pašvaldība "
                 "lēma. Saldus un Talsu pašvaldības sadarbojas.")
    assert orgs == {"Saldus pašvaldība", "Talsu pašvaldība"}, orgs


def test_an_organisation_named_by_its_web_address():
    orgs = named("Organisation", "Ziedot.lv un LSM.lv ziņo; sīkāk www.caritas.lv/par vai info@Caritas.lv.")
    assert orgs == {"Ziedot.lv", "LSM.lv"}, orgs


def test_english_names_lose_their_article_and_place_in_aliases():
    ents = found("Grants to refugees, the U.S. Embassy in Riga announced. The U.S. Department of State pays.", "en")
    assert ents[("Organisation", "U.S. Embassy in Riga")] == ["U.S. Embassy"], ents
    assert ents[("Organisation", "U.S. Department of State")] == ["The U.S. Department of State"], ents


def test_a_person_joined_by_un_is_not_part_of_the_organisation_after_it():
    ents = found('Informēja vadītājs Juris Cebulis un Attīstības finanšu institūcijas "Altum" daļas vadītāja.')
    assert ("Person", "Juris Cebulis") in ents, ents
    assert not any("Juris" in a for a in ents[("Organisation", "Altum")]), ents


def test_a_common_phrase_capitalised_only_by_its_sentence_start_is_no_name():
    orgs = named("Organisation", "Projekta konsorcijs: Kauņas kolēģija. Sociālās inovācijas centrs rīko. "
                 "Darbojas arī Sociālās inovācijas centrs.")
    assert "Projekta konsorcijs" not in orgs and "Sociālās inovācijas centrs" in orgs, orgs


def test_a_union_of_countries_named_as_an_area_is_no_actor():
    ents = found("Visās Eiropas Savienības valstīs apspriedīs.")
    assert not any(t == "Organisation" for t, _ in ents), ents
    assert ("Organisation", "Eiropas Savienība") in found("Projektu finansē Eiropas Savienība.")


def test_european_cities_by_their_latvian_and_own_names():
    ents = found("Delegācija viesojās Erevānā un Ļubļanā.")
    assert {("Place", "Erevāna"), ("Place", "Ļubļana")} <= set(ents), ents
    assert ("Place", "Santjago de Kompostela") in found("The meeting was held in Santiago de Compostela.", "en")


def test_european_and_state_bodies_and_major_banks_are_known():
    ents = found("Projektu atbalsta Swedbank un Eiropas Rekonstrukcijas un attīstības banka; ziņo Eurostat un LVM.")
    assert {("Organisation", "Swedbank"), ("Organisation", "Eurostat"), ("Organisation", "Latvijas Valsts meži"),
            ("Organisation", "Eiropas Rekonstrukcijas un attīstības banka")} <= set(ents), ents


def test_a_spaced_dash_joins_a_genitive_to_a_countrys_in_one_name():
    ents = found("Tas ir Baltijas – Vācijas augstskolu biroja projekts.")
    assert ("Organisation", "Baltijas–Vācijas augstskolu birojs") in ents, ents


def test_a_common_word_capitalised_inside_a_sentence_makes_a_weak_head_a_name():
    orgs = named("Organisation", "Runāja Viesturs Ķerus (Latvijas Ornitoloģijas biedrības valdes loceklis). "
                 "Sociālās aprūpes biedrība aicina.")
    assert orgs == {"Latvijas Ornitoloģijas biedrība"}, orgs


def test_a_programmes_period_is_written_without_spaces_round_its_dash_and_sub_programmes_are_known():
    ents = found("Tā ir Latvijas–Lietuvas pārrobežu sadarbības programma 2021. – 2027. gadam.")
    assert ("Programme", "Latvijas–Lietuvas pārrobežu sadarbības programma 2021.–2027. gadam") in ents, ents
    assert ("Programme", "Nordplus Adult") in found("The project is funded by Nordplus Adult.", "en")


def test_a_town_then_its_own_municipality_share_no_head():
    places = named("Place", "Vieta: Kurzemē – Ventspils, Ventspils novads; Zemgalē - Jēkabpils, Jēkabpils novads.")
    assert {"Ventspils", "Ventspils novads", "Jēkabpils", "Jēkabpils novads"} <= places, places


def test_an_acronym_before_capitalised_projects_is_a_companys_name():
    ents = found("It was administered by the Open Lithuania Foundation and OSFL Projects.", "en")
    assert ("Organisation", "OSFL Projects") in ents and ("Project", "OSFL") not in ents, ents


def test_a_sixth_declension_noun_is_a_genitive_but_ends_a_name_before_un():
    orgs = named("Organisation", "Kā partneri piedalīsies Nodrošinājuma valsts aģentūra. Finansē Latvijas valsts "
                 "un Jēkabpils pilsētas pašvaldība.")
    assert orgs == {"Nodrošinājuma valsts aģentūra", "Jēkabpils pilsētas pašvaldība"}, orgs


def test_a_capitalised_participle_is_a_names_adjective():
    ents = found("Lekcijas vadīja Apvienotās Karalistes Nortumberlendas Universitātes lektores.")
    assert ents[("Organisation", "Nortumberlendas Universitāte")] == ["Apvienotās Karalistes Nortumberlendas Universitāte"]


def test_liechtenstein_and_an_english_possessive_country():
    ents = found("Funded by Norway, Iceland and Liechtenstein after Russia’s invasion.", "en")
    assert {("Country", "Lihtenšteina"), ("Country", "Krievija")} <= set(ents), ents
    assert ents[("Country", "Krievija")] == ["Russia"]


def test_a_known_long_name_with_a_slipped_ending_is_the_known_one():
    ents = found("Infrastruktūras projektiem no Eiropas Reģionālā attīstības fonda.")
    assert ents[("Programme", "Eiropas Reģionālās attīstības fonds")] == ["Eiropas Reģionālā attīstības fonds"], ents


def test_european_youth_and_rural_programmes_are_known():
    assert named("Programme", "Projekts īstenots ar Eiropas Brīvprātīgā darba un LEADER programmas atbalstu.") \
        == {"Eiropas Brīvprātīgais darbs", "LEADER"}
    assert "Project Support Facility" in named("Programme", "The CBSS Project Support Facility funds it.", "en")


def test_an_english_kind_of_body_then_its_name():
    assert named("Organisation", "Inga founded the call centre Sonido; Diana co-founded the platform NewDoor; "
                                 "they met in the centre Riga.", "en") == {"Sonido", "NewDoor"}
    assert "Latvijas Sarkanā Krusta Jaunatne" in named("Organisation", "Darbojas Latvijas Sarkanā Krusta Jaunatne.")


def test_foreign_legal_forms_head_names_in_english_texts():
    assert "Fundacja Motus" in named("Organisation", "Lead Partner: Fundacja Motus in partnership with Poland.", "en")


def test_a_dated_signing_names_an_event_by_what_is_signed():
    assert "Sadarbības līguma parakstīšana" in named(
        "Event", "5.augustā Ventspils Jaunrades centrā tiks parakstīts sadarbības līgums starp Ventspils domi un "
                 "Latvijas Samariešu apvienību.")
    assert "Līguma parakstīšana" in named("Event", "2018.gada 11.maijā biedrība parakstīja līgumus ar skolām.")
    assert "Agreement signing" in named("Event", "On 5 May 2021 the ministry signed an agreement with the city.", "en")


def test_a_dated_visit_names_an_event_by_who_visits_and_where():
    assert "Klaipēdas Palīdzības centra vizīte Liepājā" in named(
        "Event", "25.septembrī Liepājā viesojās Klaipēdas Palīdzības centra darbinieki.")


def test_a_signing_or_visit_without_a_date_is_no_event():
    assert not named("Event", "Banku augstskola parakstīja memorandu ar Latvijas Universitāti.")
    assert not named("Event", "Liepājā bieži viesojas Klaipēdas Palīdzības centra darbinieki.")


def test_a_heading_over_a_lead_partner_line_names_a_project():
    text = ("The following projects were selected.\n\nA Safe Place\n\nLead Partner: Active Youth Association in "
            "partnership with Lithuania.\n\nRural Cultural Planning\n\nLead Partner: Danish Cultural Institute.")
    assert {"A Safe Place", "Rural Cultural Planning"} <= named("Project", text, "en")
    assert not named("Project", "A Safe Place\n\nThe project aims to help.", "en")


def test_a_plural_cue_types_the_quoted_names_it_lists():
    assert {"Jaunieši dod iespēju jauniešiem", "Savu vidi veidojam paši"} <= named(
        "Programme", "Fonds rīkoja projektu konkursus «Jaunieši dod iespēju jauniešiem», «Savu vidi veidojam paši».")


def test_an_english_list_item_opens_with_the_name_of_who_does_it():
    text = "The funding will support the following NGOs:\n- Tavi Draugi to provide help points.\n" \
           "- TEV to establish a support system.\n- Riga to host it.\n- The project aims to help."
    assert named("Organisation", text, "en") == {"Tavi Draugi", "TEV"}


def test_a_heading_over_labelled_lines_with_a_project_leader_names_a_project():
    text = ("PSF 2024\n\nLet's share knowledge, let's share experience!\n\nPriority: Safe & Secure Region\n"
            "Project leader: ROSA\nParticipating countries: Norway, Latvia\n\nPartners, ROSA (Norway), KOPZI (Lithuania).")
    assert named("Project", text, "en") == {"Let's share knowledge, let's share experience!"}


def test_an_undated_event_needs_a_proper_name_before_its_head():
    assert named("Event", "Pērn kluba dalībnieki tikās gan Ziedotāju brokastīs, gan balsoja.") == {"Ziedotāju brokastis"}
    assert named("Event", "The projects were presented at the Pitch day event and recognised.", "en") == {"Pitch day"}
    assert not named("Event", "Biedrība piedalās konferencēs un semināros.")
    assert not named("Event", "She is a board member of the European Youth Forum and speaks often.", "en")


def test_the_programs_event_is_named_by_the_articles_programme_as_written():
    text = ("Over five years the Active Citizens Fund has financed 140 NGO projects in Lithuania.\n"
            "The program’s closing event was organized as a discussion.")
    assert named("Event", text, "en") == {"Active Citizens Fund closing event"}


def test_a_coined_camel_case_name_next_to_project_names_a_project():
    assert "UrbCulturalPlanning" in named(
        "Project", "It grew out of the ongoing Interreg BSR project UrbCulturalPlanning (2019-2021).", "en")


def test_an_infinitive_of_organising_says_nothing_took_place():
    assert not named("Event", "Dalībnieki ierosināja idejas VK tikšanās rīkot Zoom-ā.")
    assert named("Event", "Biedrības rīkotā ikgadējā kopsapulce pulcēja 40 biedrus.") == {"ikgadējā kopsapulce"}
