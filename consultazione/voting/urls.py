from django.urls import path

from . import views, views_staff, views_supports

app_name = "voting"

urlpatterns = [
    path("", views.exercise_list, name="exercise_list"),
    path("nuovo/", views_staff.exercise_create_view, name="exercise_create"),
    path("<int:pk>/", views.exercise_detail, name="exercise_detail"),
    path("<int:pk>/modifica/", views_staff.exercise_edit_view, name="exercise_edit"),
    path("<int:pk>/apri/", views_staff.exercise_open_view, name="exercise_open"),
    path("<int:pk>/chiudi/", views_staff.exercise_close_view, name="exercise_close"),
    path("<int:pk>/risultati/", views.results, name="results"),
    path("<int:pk>/risultati.csv", views.results_csv, name="results_csv"),
    path("sostegni/<int:pk>/", views_supports.support, name="support"),
    path("sostegni/<int:pk>/ritira/", views_supports.unsupport, name="unsupport"),
]
