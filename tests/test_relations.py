"""Relations from the cues the articles use."""
from __future__ import annotations

from sikg.loaders.articles import Article
from sikg.loaders.extract import extract_article


def rels(text: str, language: str = "lv", **model) -> set[tuple[str, str, str, str | None]]:
    ann = extract_article(Article("t", None, "T", "Virsraksts\n\n" + text), **model)
    return {(r.subject, r.predicate, r.object, r.role) for r in ann.relations}


def test_org_role_person():
    out = rels("Pasākumu atklāja ALTUM valdes priekšsēdētājs Reinis Bērziņš un Zemgales NVO centra vadītājs "
               "Uldis Dūmiņš.")
    assert ("Reinis Bērziņš", "worksFor", "Altum", "valdes priekšsēdētājs") in out
    assert ("Uldis Dūmiņš", "worksFor", "Zemgales NVO centrs", "vadītājs") in out


def test_person_comma_org_role():
    out = rels("“Mēs atbalstām šo projektu,” stāsta Daina Mežecka, Ziemeļvalstu Ministru padomes biroja "
               "Latvijā padomniece.")
    assert ("Daina Mežecka", "worksFor", "Ziemeļvalstu Ministru padomes birojs Latvijā", "padomniece") in out


def test_funding_and_partners():
    out = rels("Biedrība “Liepājas Diakonijas centrs” īsteno projektu “SEMPRE Accelerators”. Projektu "
               "finansiāli atbalsta Sabiedrības integrācijas fonds. Projekta sadarbības partneri ir "
               "“KalmarCo” (Zviedrija) un “The center of Tolerance” (Lietuva).")
    assert ("SEMPRE Accelerators", "fundedBy", "Sabiedrības integrācijas fonds", None) in out
    assert ("KalmarCo", "partnerIn", "SEMPRE Accelerators", None) in out
    assert ("KalmarCo", "locatedIn", "Zviedrija", None) in out
    assert ("Liepājas Diakonijas centrs", "coordinates", "SEMPRE Accelerators", None) in out


def test_event_with_date_place_and_participants():
    ann = extract_article(Article("t", None, "T", "T\n\n2021. gada 7. janvārī Rīgā notika biedrības "
                                  "“NewDoor” organizēta konference “Nākotne”. Konferencē piedalījās Ivars Balodis."))
    event = next(e for e in ann.entities if e.type == "Event")
    assert event.name == "Nākotne" and event.date == "2021-01-07"
    out = {(r.subject, r.predicate, r.object) for r in ann.relations}
    assert ("Ivars Balodis", "participatesIn", "Nākotne") in out
    assert ("NewDoor", "organises", "Nākotne") in out
    assert ("Nākotne", "heldIn", "Rīga") in out


def test_a_place_and_its_municipality():
    out = rels("Vieta: Latgalē- Līvāni, Līvānu novads; Vidzemē- Staicele, Alojas novads.")
    assert ("Līvāni", "locatedIn", "Līvānu novads", None) in out
    assert ("Staicele", "locatedIn", "Alojas novads", None) in out
    out = rels("Projekts notiek Cēsu novada Zaubes pagastā.")
    assert ("Zaubes pagasts", "locatedIn", "Cēsu novads", None) in out
    out = rels("Darbnīcas notiks Dobelē, Jelgavā, Bauskas novadā.")  # a list's last is no one's municipality
    assert ("Jelgava", "locatedIn", "Bauskas novads", None) not in out


def test_a_lead_partner_line_coordinates_the_project_of_the_heading_above():
    out = rels("The following projects were selected.\n\nA Safe Place\n\nLead Partner: Active Youth Association in "
               "partnership with Lithuania.\n\nRural Cultural Planning\n\nLead Partner: Danish Cultural Institute in "
               "partnership with Denmark.", "en")
    assert ("Active Youth Association", "coordinates", "A Safe Place", None) in out
    assert ("Danish Cultural Institute", "coordinates", "Rural Cultural Planning", None) in out


def test_organisations_listed_under_a_funding_heading_are_funded_by_the_articles_funder():
    out = rels("RIGA – The U.S. Department of State has allocated $1.86 million to six NGOs in Latvia.\n"
               "The funding will support the following NGOs:\n- Tavi Draugi to provide help points.\n"
               "- Baltic Security Foundation to provide English language training.\nThe NGOs were selected openly.\n"
               "- Safe House to provide support.", "en", model=None)  # the rules alone
    funded = {s for s, p, o, _ in out if p == "fundedBy" and o == "U.S. Department of State"}
    assert {"Tavi Draugi", "Baltic Security Foundation"} <= funded and "Safe House" not in funded, out


def test_the_parties_of_a_dated_signing_participate_in_it():
    out = rels("14.jūlijā Banku augstskola parakstīja memorandu ar zinātnisko institūciju “Baltic Studies Centre”.",
               model=None)
    assert {("Banku augstskola", "participatesIn", "Memoranda parakstīšana", None),
            ("Baltic Studies Centre", "participatesIn", "Memoranda parakstīšana", None)} <= out, out


def test_the_bodies_a_consortium_is_made_of_are_its_members():
    out = rels("Konsultācijas rīkoja NVO konsorcijs, kuru veido sešas organizācijas – Latvijas Pilsoniskā alianse, "
               "Kurzemes NVO centrs un Zemgales NVO atbalsta centrs.", model=None)
    members = {s for s, p, o, _ in out if p == "memberOf" and o == "NVO konsorcijs"}
    assert members == {"Latvijas Pilsoniskā alianse", "Kurzemes NVO centrs", "Zemgales NVO atbalsta centrs"}, out
    out = rels("Please join us in welcoming a new member to Euclid Network, Estonian Social Enterprise Network (ESEN)!",
               model=None)
    assert ("Estonian Social Enterprise Network", "memberOf", "Euclid Network", None) in out, out


def test_a_project_headings_section_reaches_down_its_labelled_lines():
    out = rels("The call selected two projects.\n\nSafe Places\n\nPriority: Safe & Secure Region\n"
               "Project leader: Active Youth Association\nParticipating countries: Norway, Latvia\n\n"
               "Partners, ROSA (Norway), Centrs MARTA (Latvia).\n\nRural Planning\n\n"
               "Project leader: Danish Cultural Institute\n", "en", model=None)
    assert {("Active Youth Association", "coordinates", "Safe Places", None),
            ("Centrs MARTA", "partnerIn", "Safe Places", None),
            ("Danish Cultural Institute", "coordinates", "Rural Planning", None)} <= out, out


def test_a_body_that_took_part_participates_in_the_event_but_not_an_organiser():
    out = rels("Kurzemes NVO forums notika 5. maijā Kuldīgā. Forumā piedalījās arī Britu Padome.", model=None)
    assert ("Britu Padome", "participatesIn", "Kurzemes NVO forums", None) in out, out
    out = rels("Kurzemes NVO forums notika 5. maijā Kuldīgā. Forumu rīkoja Britu Padome, piedalījās 40 cilvēki.",
               model=None)
    assert ("Britu Padome", "participatesIn", "Kurzemes NVO forums", None) not in out, out


def test_a_membership_cue_far_from_the_network_links_no_bodies_to_it():
    out = rels("Latvijas Pilsoniskās alianses padomē darbu turpinās Mārtiņš Šteins (jauniešu organizācijas "
               "“Nītaureņi” dibinātājs un valdes loceklis, Neatkarīgās izglītības biedrības biedrs).", model=None)
    assert not any(p == "memberOf" and o == "Latvijas Pilsoniskā alianse" for _, p, o, _ in out), out


def test_a_visitor_participates_in_its_visit_and_does_not_organise_it():
    out = rels("25.septembrī Liepājā viesojās Klaipēdas Palīdzības centra darbinieki, vizīti organizēja Liepājas dome.",
               model=None)
    visit = "Klaipēdas Palīdzības centra vizīte Liepājā"
    assert ("Klaipēdas Palīdzības centrs", "participatesIn", visit, None) in out, out
    assert ("Klaipēdas Palīdzības centrs", "organises", visit, None) not in out, out


def test_a_grant_to_a_recipient_funds_the_project_named_right_after_it():
    out = rels("Alūksnes novada fonda projektu konkursā “Atbalsts iedzīvotāju iniciatīvām” tika sadalīti 1000 eiro.\n"
               "Kopumā tika iesniegti 24 projekti, atbalstīti – divi: biedrības “Sporta klubs “Zeltiņi”” projekts "
               "“Fotoizstāde Kristers” (200 eiro); biedrības “Apes Attīstības klubs” projekts “Bērns aug vesels” "
               "(200 eiro).", model=None)
    funded = {s for s, p, o, _ in out if p == "fundedBy"}
    assert funded == {"Fotoizstāde Kristers", "Bērns aug vesels"}, out  # the projects, not their organisations


def test_cues_match_as_case_insensitive_patterns_do_on_the_bundled_articles():
    """``lexicon.Cue`` searches the lower-cased text for speed: every category finds the same spans as
    the same pattern under ``re.IGNORECASE``, in every sentence of the bundled articles and in text
    whose lower case is longer ("İ")."""
    import re

    from sikg.graph.build import bundled_data
    from sikg.loaders.lexicon import _table, cue, cue_words
    from sikg.loaders.text import split_sentences

    texts = ["İSTANBUL İ FUNDED BY the EEA; ATBALSTA fonds"]
    for path in sorted((bundled_data() / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text[s[0].start:s[-1].end] for s in split_sentences(text) if s]
    for category in _table("cues.tsv"):
        reference = re.compile("|".join(cue_words(category)), re.IGNORECASE)
        for text in texts:
            assert [m.span() for m in cue(category).finditer(text)] == \
                [m.span() for m in reference.finditer(text)], (category, text)
