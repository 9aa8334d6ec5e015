"""WebSocket routes of the live app and the stack that guards them."""

from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from channels.sessions import CookieMiddleware
from django.urls import re_path

from .consumers import LiveConsumer

websocket_urlpatterns = [
    re_path(r"^ws/live/(?P<code>[A-Za-z0-9]{6})/$", LiveConsumer.as_asgi()),
]


def websocket_application():
    """Origin checked against ALLOWED_HOSTS (WebSockets carry cookies cross-site), cookies parsed,
    then the routes. The consumer reads the participant cookie, or the login for the console."""
    return AllowedHostsOriginValidator(CookieMiddleware(URLRouter(websocket_urlpatterns)))
