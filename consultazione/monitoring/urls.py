from django.urls import path

from .views import public, steering

app_name = "monitoring"

urlpatterns = [
    path("", public.plan_overview, name="index"),
    path("confronto/", public.comparison, name="comparison"),
    path("cabina-di-regia/", steering.dashboard, name="steering"),
    path("cabina-di-regia/aggiornamenti/<int:pk>/commenti/", steering.comment_create, name="comment_create"),
    path("cabina-di-regia/aggiornamenti/<int:pk>/sondaggio/", steering.proposal_poll, name="proposal_poll"),
    path("piano/<slug:slug>/", public.plan_overview, name="plan"),
    path("piano/<slug:slug>/asse-<int:code>/", public.axis_detail, name="axis"),
    path("piano/<slug:slug>/azioni/", public.action_list, name="action_list"),
    path("piano/<slug:slug>/azioni/<str:code>/", public.action_page, name="action_detail"),
    path("piano/<slug:slug>/esporta.<str:fmt>", public.export, name="export"),
]
