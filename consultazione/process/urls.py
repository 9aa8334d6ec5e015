from django.urls import path

from . import views

app_name = "process"

urlpatterns = [
    path("<slug:slug>/", views.process_manage, name="manage"),
    path("<slug:slug>/attiva-fase/", views.phase_activate_view, name="phase_activate"),
]
