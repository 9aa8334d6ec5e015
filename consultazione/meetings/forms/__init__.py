from .edit import AgendaRowForm, CancelForm, MeetingForm, RowsFormSet, TableRowForm
from .participation import CheckInCodeForm, ImportForm, MeetingFilterForm, RegistrationForm, WalkInForm
from .tables import TableContributionForm, TableOutputForm, TableSummaryForm

__all__ = [
    "AgendaRowForm",
    "CancelForm",
    "CheckInCodeForm",
    "ImportForm",
    "MeetingFilterForm",
    "MeetingForm",
    "RegistrationForm",
    "RowsFormSet",
    "TableContributionForm",
    "TableOutputForm",
    "TableRowForm",
    "TableSummaryForm",
    "WalkInForm",
]
