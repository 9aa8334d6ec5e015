from django.urls import path

from .views import public, staff, supports

app_name = "voting"

urlpatterns = [
    path("", public.exercise_list, name="exercise_list"),
    path("nuovo/", staff.exercise_create_view, name="exercise_create"),
    path("<int:pk>/", public.exercise_detail, name="exercise_detail"),
    path("<int:pk>/modifica/", staff.exercise_edit_view, name="exercise_edit"),
    path("<int:pk>/apri/", staff.exercise_open_view, name="exercise_open"),
    path("<int:pk>/chiudi/", staff.exercise_close_view, name="exercise_close"),
    path("<int:pk>/risultati/", public.results, name="results"),
    path("<int:pk>/risultati.csv", public.results_csv, name="results_csv"),
    path("sostegni/<int:pk>/", supports.support, name="support"),
    path("sostegni/<int:pk>/ritira/", supports.unsupport, name="unsupport"),
]
