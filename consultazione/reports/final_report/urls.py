from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/rapporto/", views.report_preview, name="report_preview"),
    path("<slug:slug>/rapporto/modifica/", views.report_edit, name="report_edit"),
    path("<slug:slug>/rapporto/pdf/", views.report_pdf, name="report_pdf"),
    path("<slug:slug>/rapporto/pubblica/", views.report_publish, name="report_publish"),
]
