"""Reads of the reports app: the statistics (defined once, see registry.py) and the dashboard."""

from .dashboard import Dashboard, cached_dashboard, dashboard, dashboard_key
from .registry import STATISTICS, definitions
from .scope import Reference, Scope

__all__ = ["STATISTICS", "Dashboard", "Reference", "Scope", "cached_dashboard", "dashboard", "dashboard_key", "definitions"]
