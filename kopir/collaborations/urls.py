from django.urls import path

from kopir.collaborations import views

app_name = "collaborations"
urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.collaboration_open, name="open"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/documents/", views.document_add, name="document_add"),
    path("<int:pk>/documents/<int:doc_pk>/", views.document, name="document"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/countersign/", views.countersign, name="countersign"),
    path("<int:pk>/outcomes/", views.outcomes, name="outcomes"),
]
