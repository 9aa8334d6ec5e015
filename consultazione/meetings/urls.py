from django.urls import path

from .views import checkin, edit, manage, public, tables

app_name = "meetings"

urlpatterns = [
    path("", public.meeting_list, name="list"),
    path("nuovo/", edit.meeting_new, name="new"),
    path("le-mie-iscrizioni/", public.my_registrations, name="my_registrations"),
    path("le-mie-iscrizioni/<int:pk>/annulla/", public.my_registration_cancel, name="my_registration_cancel"),
    path("i-miei-tavoli/", tables.my_tables, name="my_tables"),
    path("annulla/<str:token>/", public.registration_cancel_by_token, name="cancel"),
    path("<slug:slug>/", public.meeting_detail, name="detail"),
    path("<slug:slug>/iscrizione/", public.meeting_register, name="register"),
    path("<slug:slug>/calendario.ics", public.meeting_calendar, name="calendar"),
    path("<slug:slug>/gestione/", manage.manage, name="manage"),
    path("<slug:slug>/gestione/modifica/", edit.meeting_edit, name="edit"),
    path("<slug:slug>/gestione/annulla/", edit.meeting_cancel, name="cancel_meeting"),
    path("<slug:slug>/gestione/iscrizioni/", manage.registrations, name="registrations"),
    path("<slug:slug>/gestione/iscrizioni/<int:pk>/conferma/", manage.registration_confirm, name="registration_confirm"),
    path("<slug:slug>/gestione/iscrizioni/<int:pk>/annulla/", manage.registration_cancel, name="registration_cancel"),
    path("<slug:slug>/gestione/importa/", manage.import_registrations, name="import"),
    path("<slug:slug>/gestione/presenze/", manage.attendance, name="attendance"),
    path("<slug:slug>/gestione/presenze.csv", manage.attendance_export, name="attendance_export"),
    path("<slug:slug>/gestione/ingressi/", checkin.checkin, name="checkin"),
    path("<slug:slug>/gestione/ingressi/<int:pk>/", checkin.checkin_registration, name="checkin_registration"),
    path("<slug:slug>/gestione/ingressi/presenza/<int:pk>/rimuovi/", checkin.attendance_remove, name="attendance_remove"),
    path("<slug:slug>/gestione/tavoli/<int:position>/", tables.table, name="table"),
]
