from django.urls import path

from . import views

app_name = "saml"

urlpatterns = [
    path("fine/", views.finish, name="finish"),
    path("nuovo-account/", views.signup, name="signup"),
    path("<str:method>/", views.login, name="login"),
    path("<str:method>/metadata/", views.metadata, name="metadata"),
    path("<str:method>/acs/", views.acs, name="acs"),
    path("<str:method>/slo/", views.slo, name="slo"),
    path("<str:method>/scollega/", views.unlink, name="unlink"),
]
