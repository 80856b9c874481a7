from django.urls import path

from kopir.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.directory_search, name="search"),
    path("organisations/", views.directory_list, {"key": "organisations"}, name="organisations"),
    path("units/", views.directory_list, {"key": "units"}, name="units"),
    path("people/", views.directory_list, {"key": "people"}, name="people"),
    path("capabilities/", views.directory_list, {"key": "capabilities"}, name="capabilities"),
    path("o/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("o/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("o/<slug:slug>/units/new/", views.unit_create, name="unit_create"),
    path("u/<slug:slug>/", views.unit_detail, name="unit"),
    path("u/<slug:slug>/edit/", views.unit_edit, name="unit_edit"),
    path("u/<slug:slug>/capabilities/new/", views.capability_create, name="capability_create"),
    path("p/<slug:slug>/", views.person_detail, name="person"),
    path("p/<slug:slug>/edit/", views.person_edit, name="person_edit"),
    path("p/<slug:slug>/positions/new/", views.position_create, name="position_create"),
    path("positions/<int:pk>/end/", views.position_end, name="position_end"),
    path("o/<slug:slug>/people/new/", views.person_create, name="person_create"),
    path("c/<slug:slug>/", views.capability_detail, name="capability"),
    path("c/<slug:slug>/edit/", views.capability_edit, name="capability_edit"),
]
