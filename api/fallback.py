"""The answer to an /api/ URL that matches no resource: the API's JSON 404, not the site's HTML page
(for instance `/api/v1/priority-exercises/0.5/`, whose id the router's pattern refuses)."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


@extend_schema(exclude=True)
@api_view(ALL_METHODS)
@authentication_classes([])
@permission_classes([AllowAny])
def not_found(request, path=""):
    raise NotFound()
