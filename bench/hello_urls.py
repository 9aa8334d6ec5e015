from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    """No database, no template: what the stack costs on its own."""
    return HttpResponse("Hello, world")


urlpatterns = [path("__hello__", hello), path("", include("consultazione.urls"))]
