"""API resources of the monitoring app (registered on the shared router)."""
