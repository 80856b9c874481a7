from django.urls import path

from kopir.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/sessions/new/", views.session_edit, name="session_create"),
    path("<slug:slug>/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("<slug:slug>/sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/me/", views.agenda, name="agenda"),
    path("<slug:slug>/me/sessions/<int:pk>/", views.agenda_toggle, name="agenda_toggle"),
    path("<slug:slug>/me/badge/", views.badge, name="badge"),
    path("<slug:slug>/me/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<slug:slug>/me/certificate.pdf", views.certificate, name="certificate"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants.<str:fmt>", views.participants_export, name="participants_export"),
    path("<slug:slug>/check-in/<str:token>/", views.checkin, name="checkin"),
    path("<slug:slug>/stands/new/", views.stand_edit, name="stand_create"),
    path("<slug:slug>/stands/<int:pk>/edit/", views.stand_edit, name="stand_edit"),
    path("<slug:slug>/stands/<int:pk>/delete/", views.stand_delete, name="stand_delete"),
    path("<slug:slug>/brokerage/", views.brokerage, name="brokerage"),
    path("<slug:slug>/brokerage/profile/", views.brokerage_profile, name="brokerage_profile"),
    path("<slug:slug>/brokerage/ask/<int:pk>/", views.meeting_request, name="meeting_request"),
    path("<slug:slug>/brokerage/requests/<int:pk>/<str:answer>/", views.meeting_answer, name="meeting_answer"),
    path("<slug:slug>/brokerage/setup/", views.brokerage_setup, name="brokerage_setup"),
    path("<slug:slug>/brokerage/setup/participants/<int:pk>/", views.brokerage_participant,
         name="brokerage_participant"),
    path("<slug:slug>/brokerage/meetings/<int:pk>/lock/", views.meeting_lock, name="meeting_lock"),
    path("<slug:slug>/brokerage/schedule/", views.schedule, name="schedule"),
    path("<slug:slug>/brokerage/tables/", views.table_plan, name="table_plan"),
    path("<slug:slug>/brokerage/tables.pdf", views.table_plan_pdf, name="table_plan_pdf"),
]
