"""The slice of a process that every statistic reads: the process, optionally one axis, one zone,
one phase and one stakeholder category.

Each statistic starts from these querysets, so a filter means the same thing everywhere:
- axis: contributions of that axis (and their comments and supports), exercises of that axis,
  meetings that treat that axis;
- zone: contributions located in that zone, ballots whose declared zone is that zone,
  meetings for that zone (as the public calendar filters them);
- phase: contributions sent during that phase, ballots of exercises of that phase, meetings of
  that phase;
- category: contributions sent on behalf of an organisation of that category, ballots cast on
  behalf of one, attendances of people representing one (and the meetings they attended).
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.models import Comment, CommentStatus, Contribution
from consultazione.contributions.selectors.plans import plan_label, plans_open_to_any_kind
from consultazione.meetings.models import Attendance, Meeting
from consultazione.plan.models import Axis
from consultazione.process.models import Phase, Process
from consultazione.stakeholders.models import Category
from consultazione.territory.models import ZonaOmogenea
from consultazione.voting.models import Ballot, ExerciseStatus, Support


@dataclass
class Scope:
    process: Process
    axis: Axis | None = None
    zona: ZonaOmogenea | None = None
    phase: Phase | None = None
    category: Category | None = None
    now: object = field(default_factory=timezone.now)

    @property
    def is_filtered(self) -> bool:
        return any(value is not None for value in (self.axis, self.zona, self.phase, self.category))

    def all_contributions(self) -> QuerySet[Contribution]:
        """Every contribution of the process, whatever its status (for the moderation funnel)."""
        qs = Contribution.objects.filter(process=self.process)
        if self.axis is not None:
            qs = qs.filter(axis=self.axis)
        if self.zona is not None:
            qs = qs.filter(zona=self.zona)
        if self.phase is not None:
            qs = qs.filter(phase=self.phase)
        if self.category is not None:
            qs = qs.filter(organisation__category=self.category)
        return qs

    def contributions(self) -> QuerySet[Contribution]:
        """Public contributions: published, not reserved to moderators, author not blocked."""
        return self.all_contributions().public()

    def comments(self) -> QuerySet[Comment]:
        return Comment.objects.filter(contribution__in=self.contributions(), status=CommentStatus.PUBLISHED)

    def supports(self) -> QuerySet[Support]:
        return Support.objects.filter(contribution__in=self.contributions())

    def ballots(self) -> QuerySet[Ballot]:
        qs = Ballot.objects.filter(exercise__process=self.process).exclude(exercise__status=ExerciseStatus.DRAFT)
        if self.axis is not None:
            qs = qs.filter(exercise__axis=self.axis)
        if self.zona is not None:
            qs = qs.filter(zona=self.zona)
        if self.phase is not None:
            qs = qs.filter(exercise__phase=self.phase)
        if self.category is not None:
            qs = qs.filter(category=self.category)
        return qs

    def meetings(self) -> QuerySet[Meeting]:
        """Meetings of the process; a zone matches as in the public calendar (zones treated,
        the macro-area's zones, or the venue's zone)."""
        qs = Meeting.objects.filter(process=self.process)
        if not self.is_filtered:
            return qs
        if self.axis is not None:
            qs = qs.filter(axes=self.axis)
        if self.zona is not None:
            qs = qs.filter(Q(zones=self.zona) | Q(macro_area__zones=self.zona) | Q(venue_comune__zona=self.zona))
        if self.phase is not None:
            qs = qs.filter(phase=self.phase)
        if self.category is not None:
            qs = qs.filter(attendances__category=self.category)
        return Meeting.objects.filter(pk__in=qs.values("pk"))

    def attendances(self) -> QuerySet[Attendance]:
        qs = Attendance.objects.filter(meeting__in=self.meetings())
        if self.category is not None:
            qs = qs.filter(category=self.category)
        return qs


@dataclass
class Reference:
    """Labels of the dimensions (axes, zones, phases, categories): four small queries, loaded once."""

    axes: dict[int, Axis]
    zones: dict[int, ZonaOmogenea]
    phases: dict[int, object]
    categories: dict[int, Category]

    process: Process | None = None

    @classmethod
    def load(cls, process: Process) -> "Reference":
        """Axes of every plan contributions may point at (the plan being built first, then the
        plan in force), so a criticità filed on the plan in force is counted under its own axis."""
        plan_ids = list(plans_open_to_any_kind(process).values())
        axes = Axis.objects.filter(plan_id__in=plan_ids).select_related("plan")
        return cls(
            axes={axis.pk: axis for axis in sorted(axes, key=lambda axis: (plan_ids.index(axis.plan_id), axis.code))},
            zones={zone.pk: zone for zone in ZonaOmogenea.objects.select_related("macro_area").order_by("number")},
            phases={phase.pk: phase for phase in process.phases.order_by("position")},
            categories={category.pk: category for category in Category.objects.order_by("position", "code")},
            process=process,
        )

    @property
    def working_axes(self) -> list[int]:
        """The axes of the plan being built: every table lists them, even at zero; an axis of the
        plan in force is listed where something was counted on it."""
        working = self.process.working_plan_id if self.process is not None else None
        return [pk for pk, axis in self.axes.items() if axis.plan_id == working]

    def axis_label(self, pk) -> str:
        """ "3. Title"; an axis of another plan than the one being built names its plan too."""
        axis = self.axes.get(pk)
        if axis is None:
            axis = Axis.objects.select_related("plan").filter(pk=pk).first()
            if axis is None:
                return str(_("asse eliminato")) if pk is not None else ""
        if self.process is not None and axis.plan_id == self.process.working_plan_id:
            return f"{axis.code}. {axis.title}"
        return f"{axis.code}. {axis.title} ({plan_label(axis.plan, self.process)})"
