from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultazione.core import personal_data

from . import services
from .forms import DeleteAccountForm
from .selectors import user_is_verified, user_roles


@login_required
def profile(request):
    extra_sections = personal_data.profile_sections_for(request.user)
    return render(
        request,
        "accounts/profile.html",
        {
            "is_verified": user_is_verified(request.user),
            "roles": sorted(user_roles(request.user)),
            "delete_form": DeleteAccountForm(),
            "profile_sections": extra_sections,
        },
    )


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
        return render(
            request,
            "accounts/profile.html",
            {
                "is_verified": user_is_verified(request.user),
                "roles": sorted(user_roles(request.user)),
                "delete_form": form,
                "profile_sections": personal_data.profile_sections_for(request.user),
            },
            status=400,
        )
    services.user_delete_account(actor=request.user, user=request.user)
    logout(request)
    messages.success(request, _("Il tuo account è stato eliminato. I tuoi contributi restano in forma anonima."))
    return redirect("/")
