"""Content kinds: each owns its schema, its model and its derived boards."""
