from django.urls import path

from . import views

app_name = "stakeholders"

urlpatterns = [
    path("richiesta/", views.request_membership, name="request"),
    path("richieste/", views.queue, name="queue"),
    path("richieste/<int:pk>/verifica/", views.verify, name="verify"),
    path("richieste/<int:pk>/rifiuta/", views.refuse, name="refuse"),
]
