"""API resources of the reports app (registered on the shared router)."""
