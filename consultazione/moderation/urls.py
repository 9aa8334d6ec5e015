from django.urls import path

from .views import curation, netiquette, outcomes, public, queue, review, users

app_name = "moderation"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("decidi/", queue.bulk_decide, name="bulk_decide"),
    path("registro/", queue.audit_log, name="audit_log"),
    path("motivi/", public.reasons, name="reasons"),
    path("contributi/<int:pk>/", review.contribution_review, name="contribution"),
    path("contributi/<int:pk>/archivia-segnalazioni/", review.contribution_dismiss, name="contribution_dismiss"),
    path("contributi/<int:pk>/modifica/", netiquette.contribution_edit, name="contribution_edit"),
    path("contributi/<int:pk>/classificazione/", curation.retag, name="retag"),
    path("contributi/<int:pk>/duplicato/", curation.duplicate_of, name="duplicate_of"),
    path("contributi/<int:pk>/esito/", outcomes.outcome, name="outcome"),
    path("contributi/<int:pk>/segnala/", public.report_contribution, name="report_contribution"),
    path("commenti/<int:pk>/", review.comment_review, name="comment"),
    path("commenti/<int:pk>/archivia-segnalazioni/", review.comment_dismiss, name="comment_dismiss"),
    path("commenti/<int:pk>/modifica/", netiquette.comment_edit, name="comment_edit"),
    path("commenti/<int:pk>/segnala/", public.report_comment, name="report_comment"),
    path("unisci/", curation.merge, name="merge"),
    path("risposte/nuova/", outcomes.thematic_create, name="thematic_create"),
    path("risposte/<int:pk>/", outcomes.thematic_detail, name="thematic_detail"),
    path("utenti/bloccati/", users.blocked_users, name="blocked_users"),
    path("utenti/<int:pk>/blocco/", users.block_user, name="block_user"),
]
