"""Refuse malformed input with a 400 before any view, form or query sees it (core.input).

Checked: the path, the query string (names and values), the form fields of a POST (names, values
and upload file names) and, for a JSON body, the whole decoded document (strings, keys, depth).
A NUL byte in a lookup is a 500 on PostgreSQL ("A string literal cannot contain NUL"), an unpaired
surrogate fails every UTF-8 encoder, and deep JSON makes DRF's parser recurse: all end here.
API requests (and JSON bodies) get the API's error body `{"detail", "code"}`; pages get the
site's 400 page.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .input import BAD_CHARACTERS, MalformedInput, check_text, has_bad_characters, loads

API_PREFIX = "/api/"


def _is_json(request) -> bool:
    content_type = request.META.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    return content_type == "application/json" or (content_type.startswith("application/") and content_type.endswith("+json"))


def _check_querydict(querydict) -> None:
    for key, values in querydict.lists():
        check_text(key)
        for value in values:
            check_text(value)


def check_request(request) -> None:
    """Raise MalformedInput for the first bad part of the request."""
    if has_bad_characters(request.path_info) or has_bad_characters(request.path):
        raise MalformedInput(_("L'indirizzo contiene caratteri non ammessi."), code=BAD_CHARACTERS)
    _check_querydict(request.GET)
    if request.method in ("GET", "HEAD", "OPTIONS") and not request.META.get("CONTENT_LENGTH"):
        return
    if _is_json(request):
        if request.body:
            loads(request.body)
    elif request.method == "POST":
        _check_querydict(request.POST)
        for key, files in request.FILES.lists():
            check_text(key)
            for upload in files:
                check_text(upload.name or "")


class MalformedInputMiddleware:
    """After the auth and message middleware (the 400 page shows who is logged in), before any
    view: a refused request reaches no view, form or query (CSRF's check runs in process_view)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check_request(request)
        except MalformedInput as error:
            return refusal(request, error)
        return self.get_response(request)


def refusal(request, error: MalformedInput):
    body = {"detail": error.message, "code": error.code}
    if request.path_info.startswith(API_PREFIX) or _is_json(request):
        return JsonResponse(body, status=400)
    return render(request, "400.html", {"message": error.message}, status=400)
