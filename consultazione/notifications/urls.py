from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("preferenze/", views.preferences, name="preferences"),
    path("annulla-iscrizione/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
