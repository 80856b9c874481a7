from django.contrib.auth import views as auth_views
from django.urls import path

from kopir.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_delete, name="token_revoke"),
    path("org/<slug:slug>/members/", views.members, name="members"),
    path("org/<slug:slug>/members/<int:pk>/", views.member_role, name="member_role"),
    path("org/<slug:slug>/audit/", views.audit_log, name="audit"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
