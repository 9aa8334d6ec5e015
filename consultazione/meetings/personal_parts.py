"""The personal parts of the meetings pages (core/personal.py)."""

from consultazione.core import personal

from . import selectors


@personal.builds("meetings.mine")
def mine(request):
    """Links to a person's registrations, and to the tables they facilitate if any."""
    user = request.user
    return {"show_my_tables": user.is_authenticated and selectors.tables_facilitated_by(user).exists()}
