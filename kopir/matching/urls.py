from django.urls import path

from kopir.matching import views

app_name = "matching"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("needs/<int:pk>/introduce/", views.introduce, name="introduce"),
    path("needs/<int:pk>/decline/", views.decline, name="decline"),
]
