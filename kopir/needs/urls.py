from django.urls import path

from kopir.needs import views

app_name = "needs"
urlpatterns = [
    path("", views.need_list, name="list"),
    path("new/", views.need_create, name="create"),
    path("unmatched/", views.unmatched, name="unmatched"),
    path("offers/", views.offer_list, name="offers"),
    path("offers/<slug:slug>/", views.offer_detail, name="offer"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/edit/", views.need_edit, name="edit"),
    path("<int:pk>/close/", views.need_close, name="close"),
]
