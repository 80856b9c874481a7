from django.urls import path

from kopir.newsroom import feeds, views

app_name = "newsroom"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("rss/", feeds.ReleaseRss(), name="rss"),
    path("atom/", feeds.ReleaseAtom(), name="atom"),
    path("o/<slug:slug>/", views.organisation_feed, name="organisation"),
    path("o/<slug:slug>/rss/", feeds.ReleaseRss(), name="organisation_rss"),
    path("o/<slug:slug>/atom/", feeds.ReleaseAtom(), name="organisation_atom"),
    path("o/<slug:slug>/new/", views.release_create, name="release_create"),
    path("o/<slug:slug>/import/", views.release_import, name="import"),
    path("o/<slug:slug>/review/", views.review, name="review"),
    path("r/<slug:slug>/", views.release_detail, name="release"),
    path("r/<slug:slug>/edit/", views.release_edit, name="release_edit"),
    path("i/<int:pk>/", views.image, name="image"),
    path("s/<int:pk>/confirm/", views.suggestion_confirm, name="suggestion_confirm"),
    path("s/<int:pk>/reject/", views.suggestion_reject, name="suggestion_reject"),
]
