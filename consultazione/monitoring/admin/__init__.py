from . import other, tracking  # noqa: F401 - registers the ModelAdmins
