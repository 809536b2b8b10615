"""An article's language, decided once when it is read: from its metadata where that says, else
detected from its text (lingua, offline; a count of Latvian letters where lingua is absent).

>>> detect_language("Projektu finansiāli atbalsta Sabiedrības integrācijas fonds.")
'lv'
>>> detect_language("The project is funded by the fund.")
'en'
"""
from __future__ import annotations

import re
from functools import cache
from typing import Final

#: The language of a stand-in article (an annotation whose article was not given) and of labels
#: that come from no article (roles, the Latvian names of countries).
DEFAULT_LANGUAGE: Final = "lv"


@cache
def _detector():
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    langs = [Language.LATVIAN, Language.ENGLISH, Language.LITHUANIAN, Language.ESTONIAN, Language.RUSSIAN,
             Language.GERMAN, Language.POLISH, Language.FINNISH, Language.SWEDISH]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


_LV_LETTERS = re.compile(r"[āčēģīķļņšūž]", re.IGNORECASE)


def detect_language(text: str) -> str:
    """ISO 639-1 code of a text's language."""
    sample = text[:1500]
    detector = _detector()
    if detector is not None:
        lang = detector.detect_language_of(sample)
        if lang is not None:
            return lang.iso_code_639_1.name.lower()
    letters = sum(ch.isalpha() for ch in sample) or 1
    return "lv" if len(_LV_LETTERS.findall(sample)) / letters > 0.01 else "en"
