from .comments import CommentEditForm, CommentForm
from .contribution import ContributionEditForm, ContributionForm, FacilitatedContributionForm
from .filters import ContributionFilterForm

__all__ = [
    "CommentEditForm",
    "CommentForm",
    "ContributionEditForm",
    "ContributionFilterForm",
    "ContributionForm",
    "FacilitatedContributionForm",
]
