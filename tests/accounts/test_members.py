import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kopir.accounts import services
from kopir.accounts.models import Membership, Role
from kopir.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_invites_by_real_smtp_and_invitee_joins(world, login, smtp_server, django_user_model):
    admin = world.users["shakarim_admin"]
    client = login(admin)
    response = client.post("/kk/accounts/org/shakarim/members/", {"email": "new.lab@example.kz", "role": "editor"})
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["To"] == "new.lab@example.kz"
    # the admin asked in Kazakh, so the invitation is in Kazakh
    body = mail.get_content()
    link = re.search(r"http\S+/accounts/invitation/(\S+)/", body)
    assert link, body
    assert "/kk/" in link.group(0)

    newcomer = django_user_model.objects.create_user("newcomer", password="x-long-password-1")
    client = login(newcomer)
    response = client.post(f"/kk/accounts/invitation/{link.group(1)}/")
    assert response.status_code == 302
    assert Membership.objects.get(user=newcomer).role == Role.EDITOR
    # a second use of the same link is refused with a clear message
    with pytest.raises(ValidationError):
        services.invitation_accept(user=newcomer, token=link.group(1))


def test_only_admins_invite_and_give_roles(world):
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=world.users["shakarim_editor"], organisation=world.orgs["shakarim"],
                                   email="x@example.kz", role="admin", language="en")
    with pytest.raises(PermissionDenied):
        services.membership_set(actor=world.users["kaznu_editor"], user=world.users["kaznu_editor"],
                                organisation=world.orgs["shakarim"], role="admin")


def test_role_change_is_audited_and_last_admin_is_kept(world, login):
    admin = world.users["shakarim_admin"]
    editor_membership = Membership.objects.get(user=world.users["shakarim_editor"])
    client = login(admin)
    client.post(f"/en/accounts/org/shakarim/members/{editor_membership.pk}/", {"role": "liaison"})
    editor_membership.refresh_from_db()
    assert editor_membership.role == Role.LIAISON
    entry = AuditEntry.objects.get(action="accounts.membership.role_changed")
    assert entry.changes == {"role": ["editor", "liaison"]}

    own = Membership.objects.get(user=admin)
    response = client.post(f"/en/accounts/org/shakarim/members/{own.pk}/", {"role": "member"}, follow=True)
    own.refresh_from_db()
    assert own.role == Role.ADMIN
    assert "at least one admin" in response.content.decode()


def test_audit_log_shows_changes_to_admins_only(world, login):
    from kopir.directory.services import unit_update

    unit_update(actor=world.users["shakarim_editor"], unit=world.units["vet"], data={"name_en": "Vet lab"})
    page = login(world.users["shakarim_admin"]).get("/en/accounts/org/shakarim/audit/?action=directory.unit")
    text = page.content.decode()
    assert "directory.unit.updated" in text and "shakarim_editor" in text and "name_en" in text
    assert login(world.users["kaznu_editor"]).get("/en/accounts/org/shakarim/audit/").status_code == 403


def test_signup_and_profile_go_through_services(client, db, refdata):
    from kopir.accounts.models import User

    response = client.post("/en/accounts/signup/", {
        "username": "aruzhan", "email": "aruzhan@example.kz", "first_name": "Aruzhan", "last_name": "",
        "language": "kk", "password1": "a-long-pass-phrase-7", "password2": "a-long-pass-phrase-7"})
    assert response.status_code == 302
    user = User.objects.get(username="aruzhan")
    assert user.check_password("a-long-pass-phrase-7")
    assert AuditEntry.objects.filter(action="accounts.user.signed_up", target_id=str(user.pk)).exists()
    client.post("/en/accounts/profile/", {"profile-first_name": "Аружан", "profile-last_name": "",
                                          "profile-email": "aruzhan@example.kz", "profile-language": "ru"})
    user.refresh_from_db()
    assert user.language == "ru"
    entry = AuditEntry.objects.get(action="accounts.user.updated")
    assert entry.changes == {"first_name": ["Aruzhan", "Аружан"], "language": ["kk", "ru"]}


def test_signup_with_differing_passwords_saves_nothing(client, db, refdata):
    from kopir.accounts.models import User

    response = client.post("/en/accounts/signup/", {
        "username": "dana", "email": "", "first_name": "", "last_name": "", "language": "en",
        "password1": "a-long-pass-phrase-7", "password2": "another-pass-phrase-8"})
    assert response.status_code == 200
    assert "The two passwords differ." in response.content.decode()
    assert not User.objects.filter(username="dana").exists()
