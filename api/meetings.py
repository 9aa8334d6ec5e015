"""API resources of the meetings app (registered on the shared router)."""
