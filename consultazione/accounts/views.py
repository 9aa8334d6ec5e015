from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core import personal_data
from consultazione.core.exceptions import DomainError

from . import services
from .forms import DeleteAccountForm, PseudonymForm
from .selectors import user_is_verified, user_roles


def _profile(request, *, status=200, **forms):
    return render(
        request,
        "accounts/profile.html",
        {
            "is_verified": user_is_verified(request.user),
            "roles": sorted(user_roles(request.user)),
            "delete_form": forms.get("delete_form") or DeleteAccountForm(),
            "pseudonym_form": forms.get("pseudonym_form") or PseudonymForm(initial={"pseudonym": request.user.pseudonym}),
            "profile_sections": personal_data.profile_sections_for(request.user),
        },
        status=status,
    )


@login_required
def profile(request):
    return _profile(request)


@login_required
@require_POST
def change_pseudonym(request):
    form = PseudonymForm(request.POST)
    if form.is_valid():
        old = request.user.pseudonym
        try:
            services.user_change_pseudonym(actor=request.user, user=request.user, pseudonym=form.cleaned_data["pseudonym"])
        except ValidationError as exc:
            form.add_error("pseudonym", exc.message_dict.get("pseudonym") or exc.messages)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if request.user.pseudonym != old:
                messages.success(request, _("Da ora compari come «%(name)s».") % {"name": request.user.pseudonym})
            return redirect("accounts:profile")
    return _profile(request, pseudonym_form=form, status=400)


@login_required
def download_data(request):
    payload = services.user_export_data(actor=request.user, user=request.user)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="i-miei-dati.json"'
    return response


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return _profile(request, delete_form=form, status=400)
    services.user_delete_account(actor=request.user, user=request.user)
    logout(request)
    messages.success(request, _("Il tuo account è stato eliminato. I tuoi contributi restano in forma anonima."))
    return redirect("/")
