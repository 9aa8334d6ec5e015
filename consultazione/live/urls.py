from django.urls import path, register_converter

from .views import facilitator, public, question_sources, questions


class CodeConverter:
    """Six letters or digits; lower case is accepted and looked up in upper case."""

    regex = "[A-Za-z0-9]{6}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "livecode")

app_name = "live"

urlpatterns = [
    path("", public.join, name="join"),
    path("sessioni/", facilitator.session_list, name="session_list"),
    path("sessioni/nuova/", facilitator.session_new, name="session_new"),
    path("<livecode:code>/", public.phone, name="phone"),
    path("<livecode:code>/entra/", public.join_session, name="join_session"),
    path("<livecode:code>/projector/", public.projector, name="projector"),
    path("<livecode:code>/qr.svg", public.qr, name="qr"),
    path("<livecode:code>/presenter/", facilitator.presenter, name="presenter"),
    path("<livecode:code>/modifica/", facilitator.session_edit, name="session_edit"),
    path("<livecode:code>/accrediti/", facilitator.checkin_codes, name="checkin_codes"),
    path("<livecode:code>/risultati.csv", facilitator.results_csv, name="results_csv"),
    path("<livecode:code>/controlli/<slug:action>/", facilitator.session_control, name="session_control"),
    path("<livecode:code>/domande/nuova/", questions.question_new, name="question_new"),
    path("<livecode:code>/domande/nuova/<slug:source>/", question_sources.question_from_source, name="question_new_from"),
    path("<livecode:code>/domande/<int:pk>/modifica/", questions.question_edit, name="question_edit"),
    path("<livecode:code>/domande/<int:pk>/<slug:action>/", questions.question_control, name="question_control"),
    path("<livecode:code>/risposte/<int:pk>/<slug:action>/", questions.entry_control, name="entry_control"),
]
