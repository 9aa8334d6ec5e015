"""API resources of the voting app (registered on the shared router)."""
