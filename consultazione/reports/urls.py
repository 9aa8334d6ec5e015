from django.urls import include, path

app_name = "reports"

urlpatterns: list = [
    path("restituzione/", include("consultazione.reports.restituzione.urls")),
]
