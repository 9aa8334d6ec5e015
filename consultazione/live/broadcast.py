"""The only module that talks to the channel layer (ARCHITECTURE §3.4)."""

from channels.layers import get_channel_layer

__all__ = ["get_channel_layer"]
