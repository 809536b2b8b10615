"""The IRI scheme: every IRI sikg mints (entities, countries, articles, graphs, roles, memberships,
the dataset) comes from here, under one base IRI, with one rule for names that slug alike.

The scheme is stated in ontology/sikg.ttl; ``DEFAULT_BASE_IRI`` is where the graph is built. A
deployment that serves the graph under its own domain says so in one place, the environment variable
``SIKG_BASE_IRI`` (or the ``--base-iri`` of `sikg publish` and `sikg serve`, which read it): the
release's dumps and the served answers move the data's IRIs there (``IriScheme.moved``), while the
store keeps the scheme it was built with.

>>> IRIS.entity("Organisation", "Liepājas Diakonijas centrs")
'https://w3id.org/sikg/id/organisation/liepajas-diakonijas-centrs'
>>> IRIS.country("LV"), IRIS.article_graph("01_sif")
('https://w3id.org/sikg/id/country/lv', 'https://w3id.org/sikg/graph/article/01-sif')
>>> IriScheme("https://data.example.lv/sikg/").role("valdes priekšsēdētāja")
'https://data.example.lv/sikg/id/role/valdes-priekssedetaja'
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

#: Where every IRI minted by sikg lives: entities under ``id/``, article graphs under ``graph/``.
DEFAULT_BASE_IRI: Final = "https://w3id.org/sikg/"
#: The environment variable that names a deployment's own base IRI (publish and serve read it).
BASE_IRI_VARIABLE: Final = "SIKG_BASE_IRI"


def check_base_iri(iri: str) -> str:
    """The base IRI if it is an http(s) IRI ending in / or #; ValueError saying what is wrong.

    >>> check_base_iri("https://data.example.lv/sikg/")
    'https://data.example.lv/sikg/'
    >>> check_base_iri("data.example.lv")
    Traceback (most recent call last):
    ...
    ValueError: a base IRI must be an http(s) IRI ending in / or #, got 'data.example.lv'
    """
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+[/#]", iri or ""):
        raise ValueError(f"a base IRI must be an http(s) IRI ending in / or #, got {iri!r}")
    return iri


def strip_diacritics(text: str) -> str:
    """Letters without their accents (compatibility forms decomposed too).

    >>> strip_diacritics("Ziemeļvalstu")
    'Ziemelvalstu'
    """
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


def slugify(text: str) -> str:
    """A readable IRI segment: diacritics dropped, lower case, words joined by hyphens.

    >>> slugify("Ziemeļvalstu Ministru padomes birojs Latvijā")
    'ziemelvalstu-ministru-padomes-birojs-latvija'
    >>> slugify("<script>")
    'script'
    """
    text = re.sub(r"[^a-z0-9]+", "-", strip_diacritics(text).casefold()).strip("-")
    return text[:80].rstrip("-") or "x" + hashlib.sha1(text.encode()).hexdigest()[:8]


def _digest(text: str, n: int) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:n]


@dataclass(frozen=True, slots=True)
class IriScheme:
    """The IRIs of one deployment, under ``base`` (ending in ``/``)."""

    base: str = DEFAULT_BASE_IRI

    @property
    def id_base(self) -> str:
        return self.base + "id/"

    @property
    def entity_graph(self) -> str:
        """The graph of what resolution decided: names, types, countries, links."""
        return self.base + "graph/entities"

    @property
    def projection_graph(self) -> str:
        """The graph of derived statements that whole-graph queries read (graph/projections.py):
        never published or exported."""
        return self.base + "graph/projections"

    def partnership(self, first: str, second: str) -> str:
        """A pair of organisations that share a project (``first`` the IRI that sorts first)."""
        return f"{self.base}projection/partnership/{_digest(first + ' ' + second, 20)}"

    def type_base(self, etype: str) -> str:
        """Where the entities of a type live (``…/id/organisation/``)."""
        return f"{self.id_base}{etype.lower()}/"

    def entity(self, etype: str, name: str) -> str:
        """An entity of a type with a canonical name (before ``disambiguate``)."""
        return self.type_base(etype) + slugify(name)

    def disambiguate(self, iri: str, name: str, aliases: tuple[str, ...] | list[str] = ()) -> str:
        """The collision rule: a different entity whose IRI is taken gets a suffix hashed from its names.

        >>> IRIS.disambiguate(IRIS.entity("Project", "Ābele"), "Abele")
        'https://w3id.org/sikg/id/project/abele-636547af'
        """
        return f"{iri}-{_digest(name + '|' + '|'.join(aliases), 8)}"

    def country(self, iso: str) -> str:
        return f"{self.id_base}country/{iso.lower()}"

    def article(self, stem: str) -> str:
        return f"{self.id_base}article/{slugify(stem)}"

    def article_graph(self, stem: str) -> str:
        """The named graph of one article's statements."""
        return f"{self.base}graph/article/{slugify(stem)}"

    def role(self, label: str) -> str:
        return f"{self.id_base}role/{slugify(label)}"

    def membership(self, member: str, organisation: str, role: str) -> str:
        """An org:Membership: one per member, organisation and role IRI."""
        return f"{self.id_base}membership/{_digest(f'{member}|{organisation}|{role}', 16)}"

    def is_minted(self, iri: str) -> bool:
        """Whether an IRI is one of this scheme's (entities and graphs), not the ontology's or another's."""
        return iri.startswith((self.id_base, self.base + "graph/"))

    @property
    def dataset(self) -> str:
        """The dataset the graph is published as."""
        return self.base + "dataset"

    def moved(self, to_base: str) -> tuple[tuple[str, str], ...]:
        """(from, to) prefix pairs that move this scheme's data IRIs (entities, graphs, the dataset)
        under ``to_base``; the ontology's terms stay where they are.

        >>> IRIS.moved("https://data.example.lv/")[0]
        ('https://w3id.org/sikg/id/', 'https://data.example.lv/id/')
        """
        return tuple((self.base + part, to_base + part) for part in ("id/", "graph/", "dataset"))


#: The scheme the graph is built with.
IRIS: Final = IriScheme()
