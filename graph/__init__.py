"""Graph: annotations to RDF quads (one named graph per article), the store, validation, exports."""
