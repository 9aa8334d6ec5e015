"""Blocking and unblocking accounts (staff), and the list of blocked accounts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from consultazione.accounts.models import User
from consultazione.core.exceptions import DomainError

from .. import selectors
from ..forms import BlockForm
from ..services import user_block, user_unblock
from ._common import handle_domain_error, require


@login_required
def block_user(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    require(request.user, "moderation.block_user", person)
    form = BlockForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if person.is_blocked:
                    user_unblock(actor=request.user, user=person, reason=form.cleaned_data["reason"])
                else:
                    user_block(actor=request.user, user=person, **form.cleaned_data)
            except (ValidationError, DomainError) as exc:
                status = handle_domain_error(request, exc, form)
            else:
                text = _("Account bloccato.") if person.is_blocked else _("Account sbloccato.")
                messages.success(request, text)
                return redirect("moderation:blocked_users")
    return render(request, "moderation/block_form.html", {"form": form, "person": person}, status=status)


@login_required
def blocked_users(request):
    require(request.user, "moderation.view_queue")
    return render(request, "moderation/blocked_users.html", {"people": selectors.blocked_users()})
