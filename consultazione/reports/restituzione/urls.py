from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/", views.restituzione, name="restituzione"),
    path("<slug:slug>/genera/", views.build, name="restituzione_build"),
    path("<slug:slug>/pubblica/", views.publish, name="restituzione_publish"),
    path("<slug:slug>/restituzione.pdf", views.download, {"fmt": "pdf"}, name="restituzione_pdf"),
    path("<slug:slug>/restituzione.docx", views.download, {"fmt": "docx"}, name="restituzione_docx"),
]
