from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    # No `.json` twin of every route: JSON is the only format served, and the twins passed a
    # `format` argument that ViewSet methods without **kwargs refused with a 500.
    include_format_suffixes = False


router = Router()
