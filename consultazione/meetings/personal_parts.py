"""The personal parts of the meetings pages (core/personal.py)."""

from consultazione.core import pagecache, personal

from . import selectors

personal.keep("meetings.new", "meetings.mine")  # by roles and tables facilitated: kept per person (core/personal.py)


@personal.builds("meetings.mine")
def mine(request):
    """Links to a person's registrations, and to the tables they facilitate if any."""
    user = request.user
    if not user.is_authenticated:
        return {"show_my_tables": False}
    # a table's facilitator is one of its fields: any table saved moves MEETINGS (meetings/apps.py)
    facilitates = pagecache.person_memo(
        "facilitates", user.pk, [pagecache.MEETINGS], lambda: selectors.tables_facilitated_by(user).exists()
    )
    return {"show_my_tables": facilitates}
