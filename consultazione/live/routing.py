"""WebSocket routes of the live app and the stack that guards them."""

from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import re_path

from .consumers import LiveConsumer

websocket_urlpatterns = [
    re_path(r"^ws/live/(?P<code>[A-Za-z0-9]{6})/$", LiveConsumer.as_asgi()),
]


def websocket_application():
    """Origin checked against ALLOWED_HOSTS (WebSockets carry cookies cross-site), then cookies,
    session and user (the presenter console needs the login), then the routes."""
    return AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
