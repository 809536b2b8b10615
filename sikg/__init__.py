"""sikg: the Baltic social-innovation knowledge graph.

Stages, each a sub-package: ``sikg.loaders`` (articles and annotations in, entities resolved),
``sikg.ontology`` (vocabulary and shapes), ``sikg.graph`` (triples, store, exports),
``sikg.queries`` (named SPARQL), ``sikg.viz`` (networks and views).  ``sikg.cli`` fronts them.
"""

__version__ = "0.1.0"
