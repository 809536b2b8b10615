"""The views `sikg viz` draws and `sikg serve` serves: one function from a store and options to a graph."""
from __future__ import annotations

import networkx as nx
from pyoxigraph import Store

from sikg.errors import SikgError
from sikg.viz.networks import focus, funding_network, load_network, only_countries, partnership_network

VIEWS = ("partnerships", "funding", "full")


class ViewError(SikgError, ValueError):
    """A view that cannot be drawn (unknown view, a focus name that matches nothing)."""


def build_view(store: Store, view: str = "full", focus_name: str | None = None, depth: int = 1,
               countries: set[str] | None = None) -> nx.Graph:
    if view not in VIEWS:
        raise ViewError(f"unknown view {view!r} (expected one of {', '.join(VIEWS)})")
    g = load_network(store)
    g = {"full": lambda x: x, "funding": funding_network, "partnerships": partnership_network}[view](g)
    if countries:
        g = only_countries(g, countries)
    if focus_name:
        g = focus(g, resolve_focus(g, focus_name, view), depth)
    return g


def resolve_focus(g: nx.Graph, name: str, view: str = "full") -> str:
    """The node a name (any name or alias, an inflected form too) stands for; ViewError if none."""
    from sikg.queries.named import nominative_variants
    from sikg.viz.networks import find_node

    for candidate in (name, *nominative_variants(name)):
        node = find_node(g, candidate)
        if node is not None:
            return node
    raise ViewError(f"no entity named {name!r} in the {view} view")
