from django.urls import include, path

from .views import dashboard, jobs, opendata

app_name = "reports"

urlpatterns: list = [
    # The restituzione of a meeting and the final report of a process: one package each
    # (data, render, publishing, services, forms, views, urls).
    path("restituzione/", include("consultazione.reports.restituzione.urls")),
    path("", include("consultazione.reports.final_report.urls")),
    path("", dashboard.current_dashboard, name="dashboard"),
    path("open-data/", opendata.open_data_index, name="open_data"),
    path("catalogo.jsonld", opendata.open_data_catalogue, name="open_data_catalogue"),
    path("catalogo.ttl", opendata.open_data_catalogue, {"media_type": "text/turtle"}, name="open_data_catalogue_turtle"),
    path("open-data/<slug:slug>/pacchetto.zip", opendata.open_data_package, name="open_data_package"),
    path("open-data/<slug:slug>/metadata.jsonld", opendata.open_data_metadata, name="open_data_metadata"),
    path("esportazioni/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("esportazioni/<int:pk>/stato/", jobs.job_status, name="job_status"),
    path("esportazioni/<int:pk>/scarica/", jobs.job_download, name="job_download"),
    path("esportazioni/<int:pk>/riprova/", jobs.job_retry, name="job_retry"),
    path("<slug:slug>/", dashboard.process_dashboard, name="process_dashboard"),
    path("<slug:slug>/esportazioni/", jobs.export_index, name="exports"),
]
