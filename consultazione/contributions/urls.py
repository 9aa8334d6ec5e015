from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("", views.contribution_list, name="list"),
    path("nuovo/", views.contribution_create, name="create"),
    path("nuovo/facilitato/", views.facilitated_create, name="facilitated_create"),
    path("simili/", views.similar, name="similar"),
    path("<str:reference>/", views.contribution_detail_page, name="detail"),
    path("<str:reference>/modifica/", views.contribution_edit, name="edit"),
    path("<str:reference>/ritira/", views.contribution_withdraw, name="withdraw"),
    path("<str:reference>/segui/", views.follow, name="follow"),
    path("<str:reference>/non-seguire/", views.unfollow, name="unfollow"),
    path("<str:reference>/commenti/", views.comment_create, name="comment_create"),
    path("<str:reference>/commenti/<int:comment_id>/risposte/", views.replies, name="comment_replies"),
    path("<str:reference>/commenti/<int:comment_id>/modifica/", views.comment_edit, name="comment_edit"),
    path("<str:reference>/commenti/<int:comment_id>/elimina/", views.comment_delete, name="comment_delete"),
]
