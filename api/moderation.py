"""API resources of the moderation app (registered on the shared router)."""
