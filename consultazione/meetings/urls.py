from django.urls import path

from . import views, views_checkin, views_edit, views_manage, views_tables

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nuovo/", views_edit.meeting_new, name="new"),
    path("le-mie-iscrizioni/", views.my_registrations, name="my_registrations"),
    path("le-mie-iscrizioni/<int:pk>/annulla/", views.my_registration_cancel, name="my_registration_cancel"),
    path("i-miei-tavoli/", views_tables.my_tables, name="my_tables"),
    path("annulla/<str:token>/", views.registration_cancel_by_token, name="cancel"),
    path("<slug:slug>/", views.meeting_detail, name="detail"),
    path("<slug:slug>/iscrizione/", views.meeting_register, name="register"),
    path("<slug:slug>/calendario.ics", views.meeting_calendar, name="calendar"),
    path("<slug:slug>/gestione/", views_manage.manage, name="manage"),
    path("<slug:slug>/gestione/modifica/", views_edit.meeting_edit, name="edit"),
    path("<slug:slug>/gestione/annulla/", views_edit.meeting_cancel, name="cancel_meeting"),
    path("<slug:slug>/gestione/iscrizioni/", views_manage.registrations, name="registrations"),
    path("<slug:slug>/gestione/iscrizioni/<int:pk>/conferma/", views_manage.registration_confirm, name="registration_confirm"),
    path("<slug:slug>/gestione/iscrizioni/<int:pk>/annulla/", views_manage.registration_cancel, name="registration_cancel"),
    path("<slug:slug>/gestione/importa/", views_manage.import_registrations, name="import"),
    path("<slug:slug>/gestione/presenze/", views_manage.attendance, name="attendance"),
    path("<slug:slug>/gestione/presenze.csv", views_manage.attendance_export, name="attendance_export"),
    path("<slug:slug>/gestione/ingressi/", views_checkin.checkin, name="checkin"),
    path("<slug:slug>/gestione/ingressi/<int:pk>/", views_checkin.checkin_registration, name="checkin_registration"),
    path("<slug:slug>/gestione/ingressi/presenza/<int:pk>/rimuovi/", views_checkin.attendance_remove, name="attendance_remove"),
    path("<slug:slug>/gestione/tavoli/<int:position>/", views_tables.table, name="table"),
]
