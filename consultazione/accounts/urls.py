from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("pseudonimo/", views.change_pseudonym, name="change_pseudonym"),
    path("dati/", views.download_data, name="download_data"),
    path("elimina/", views.delete_account, name="delete_account"),
]
