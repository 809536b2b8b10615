"""Dates written in articles ("2021. gada 7. janvārī", "16th and 19th of August 2022", "15.07.2021"),
as ISO 8601: an event's start date, and a sign that a sentence reports a dated happening."""
from __future__ import annotations

import re

_MONTHS = {"janvār": 1, "februār": 2, "mart": 3, "aprīl": 4, "maij": 5, "jūnij": 6, "jūlij": 7, "august": 8,
           "septembr": 9, "oktobr": 10, "novembr": 11, "decembr": 12, "january": 1, "february": 2, "march": 3,
           "april": 4, "may": 5, "june": 6, "july": 7, "august ": 8, "september": 9, "october": 10,
           "november": 11, "december": 12}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True)).replace(" ", "")
_LV_DATE = re.compile(rf"(?:(\d{{4}})\.\s*gada\s+)?(\d{{1,2}})\.\s*(?:(?:līdz|-|–)\s*\d{{1,2}}\.\s*)?({_MONTH_RE})\w*",
                      re.IGNORECASE)
_EN_DATE = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:and|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
                      rf"({_MONTH_RE})\w*\s*(\d{{4}})?", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")


def find_date(text: str) -> str | None:
    """The first date in a text as ISO 8601 (``--MM-DD`` when the year is not given).

    >>> find_date("2021. gada 7. janvārī notika"), find_date("No 13. līdz 15. septembrim")
    ('2021-01-07', '--09-13')
    >>> find_date("between 16th and 19th of August 2022")
    '2022-08-16'
    """
    m = _LV_DATE.search(text)
    if m:
        year, day, month = m.group(1), int(m.group(2)), _MONTHS[m.group(3).lower()]
        if 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    m = _EN_DATE.search(text)
    if m:
        day, month, year = int(m.group(1)), _MONTHS.get(m.group(2).lower()), m.group(3)
        if month and 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    m = _NUMERIC_DATE.search(text)
    if m and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    return None


_YEAR = re.compile(r"(?<![\d,])((?:19|20)\d\d)(?![\d,])")


def first_year(text: str) -> str | None:
    """The first year an article names: its dateline mostly ("Published: 2017-05-22",
    "Ievietots 22.06.2017"), the year its dates without one belong to.

    >>> first_year("Ievietots 22.06.2017. Forums notika 5. maijā"), first_year("24 projekti, 1000 eiro")
    ('2017', None)
    """
    m = _YEAR.search(text)
    return m.group(1) if m else None


def with_year(date: str | None, year: str | None) -> str | None:
    """A date without its year (``--MM-DD``) given one; any other date as it is.

    >>> with_year("--05-05", "2017"), with_year("2016-12-11", "2017"), with_year("--05-05", None)
    ('2017-05-05', '2016-12-11', '--05-05')
    """
    if date and year and date.startswith("--"):
        return f"{year}{date[1:]}"
    return date
