"""Roles are Django groups with fixed names: a person can hold several (e.g. moderator and
facilitator). Citizens are every verified account; stakeholder representatives are derived
from a verified organisation membership (stakeholders app)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitatore")
    MODERATOR = "moderator", _("Moderatore")
    STAFF = "staff", _("Staff dell'ente")
    STEERING = "steering", _("Componente della Cabina di regia")
