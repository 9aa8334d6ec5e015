"""API resources of the contributions app (registered on the shared router)."""
