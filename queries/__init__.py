"""Named SPARQL queries (``*.rq``) and the function that runs them on a store."""
