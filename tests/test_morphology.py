"""Latvian names back to the nominative: hunspell-lv, simplemma, declension rules."""
from __future__ import annotations

import pytest

from sikg.loaders.morphology import (
    decline,
    hunspell_available,
    nominative_person,
    nominative_phrase,
    nominative_word,
)


def test_hunspell_lv_is_installed_and_used():
    """The README set-up installs hunspell-lv; without it morphology degrades to rules."""
    assert hunspell_available()


@pytest.mark.parametrize(("words", "expected"), [
    (["Liepājas", "Diakonijas", "centra"], "Liepājas Diakonijas centrs"),
    (["Ziemeļvalstu", "Ministru", "padomes", "biroja"], "Ziemeļvalstu Ministru padomes birojs"),
    (["Latvijas", "Pilsoniskās", "alianses"], "Latvijas Pilsoniskā alianse"),
    (["Rucavas", "pašvaldības", "Sociālā", "dienesta"], "Rucavas pašvaldības Sociālais dienests"),
    (["Labklājības", "ministrijā"], "Labklājības ministrija"),
    (["Latvijas", "Universitātes"], "Latvijas Universitāte"),
    (["Sabiedrības", "integrācijas", "fonds"], "Sabiedrības integrācijas fonds"),
])
def test_organisation_head_and_agreeing_adjectives_inflect_genitive_modifiers_stay(words, expected):
    assert nominative_phrase(words) == expected


@pytest.mark.parametrize(("words", "expected"), [
    (["Kristīnei", "Tarvidai"], "Kristīne Tarvida"),
    (["Ramonai", "Petravičai"], "Ramona Petraviča"),
    (["Reinim", "Bērziņam"], "Reinis Bērziņš"),
    (["Mārtiņam", "Urdzem"], "Mārtiņš Urdze"),
    (["Daina", "Mežecka"], "Daina Mežecka"),
])
def test_person_names_take_their_case_from_the_first_name(words, expected):
    assert nominative_person(words) == expected


def test_accusative_first_name_known_from_the_first_name_list():
    assert nominative_person(["Uldi", "Dūmiņu"], {"Uldis"}) == "Uldis Dūmiņš"


@pytest.mark.parametrize(("word", "expected"), [("Zviedrijā", "Zviedrija"), ("birojā", "birojs"),
                                                 ("Valmieras", "Valmiera"), ("centra", "centrs")])
def test_single_words(word, expected):
    assert nominative_word(word) == expected


def test_decline_gives_every_case_for_gazetteers():
    forms = decline("Apvienotā Karaliste")
    assert forms["gen"] == "Apvienotās Karalistes" and forms["loc"] == "Apvienotajā Karalistē"


def test_only_adjectives_next_to_the_head_decline_with_it():
    from sikg.loaders.morphology import decline

    assert decline("Eiropas Ekonomiskās zonas finanšu instruments")["gen"] == \
        "Eiropas Ekonomiskās zonas finanšu instrumenta"
    assert decline("Eiropas Sociālais fonds")["dat"] == "Eiropas Sociālajam fondam"
    assert decline("EEZ un Norvēģijas finanšu instrumenti")["loc"] == "EEZ un Norvēģijas finanšu instrumentos"
