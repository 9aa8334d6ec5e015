"""API resources of the live app (registered on the shared router)."""
