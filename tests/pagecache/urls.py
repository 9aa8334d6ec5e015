"""A cacheable page with a CSRF-protected form, to prove such a page is never stored."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import include, path

from consultazione.core import pagecache


@pagecache.page(pagecache.CONTRIBUTIONS)
def page_with_form(request):
    return HttpResponse(f'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


urlpatterns = [path("test-form/", page_with_form), path("", include("consultazione.urls"))]
