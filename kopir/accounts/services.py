"""The accounts write path: memberships, invitations, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopir.accounts.access import forget_roles, require_admin
from kopir.accounts.models import ApiToken, Invitation, Membership, Role, User
from kopir.core.audit import audit_record

INVITATION_DAYS = 14


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def membership_set(*, actor, user: User, organisation, role: str) -> Membership:
    """Give ``user`` ``role`` in ``organisation`` (an admin of it, or a platform admin, may)."""
    if actor is not None:
        require_admin(actor, organisation)
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
    if created:
        audit_record(actor=actor, action="accounts.membership.created", target=membership, organisation=organisation,
                     changes={"user": [None, user.username], "role": [None, role]})
    elif membership.role != role:
        if membership.role == Role.ADMIN and not _other_admin_exists(membership):
            raise ValidationError(_("An organisation needs at least one admin; appoint another admin first."))
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        audit_record(actor=actor, action="accounts.membership.role_changed", target=membership,
                     organisation=organisation, changes={"role": [old, role]})
    forget_roles(user)
    return membership


def _other_admin_exists(membership: Membership) -> bool:
    return Membership.objects.filter(organisation=membership.organisation, role=Role.ADMIN).exclude(pk=membership.pk).exists()


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    require_admin(actor, membership.organisation)
    if membership.role == Role.ADMIN and not _other_admin_exists(membership):
        raise ValidationError(_("An organisation needs at least one admin; appoint another admin first."))
    audit_record(actor=actor, action="accounts.membership.removed", target=membership,
                 organisation=membership.organisation, changes={"user": [membership.user.username, None]})
    membership.delete()


@transaction.atomic
def invitation_create(*, actor, organisation, email: str, role: str, language: str) -> tuple[Invitation, str]:
    """Invite ``email`` to join ``organisation`` as ``role`` and mail them a one-time link.

    Returns the invitation and the link (shown to the admin too, for networks without mail).
    """
    require_admin(actor, organisation)
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation, email=email.strip().lower(), role=role, token_hash=_hash(token),
        invited_by=actor, expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    audit_record(actor=actor, action="accounts.invitation.created", target=invitation, organisation=organisation,
                 changes={"email": [None, invitation.email], "role": [None, role]})
    from django.conf import settings

    with translation.override(language):
        link = settings.SITE_URL + reverse("accounts:invitation_accept", args=[token])
        transaction.on_commit(lambda: send_mail(
            _("Invitation to join %(org)s on kopir") % {"org": organisation},
            _("You have been invited to join %(org)s on kopir as %(role)s. Open this link within %(days)d days to accept:\n\n%(link)s")
            % {"org": organisation, "role": Role(role).label, "days": INVITATION_DAYS, "link": link},
            None, [invitation.email], fail_silently=True,
        ))
    return invitation, link


def invitation_by_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token_hash=_hash(token)).first()


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    """Turn an open invitation into a membership of the signed-in ``user``."""
    invitation = Invitation.objects.select_for_update().filter(token_hash=_hash(token)).first()
    if invitation is None or not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid. Ask the organisation's admin for a new one."))
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    membership = membership_set(actor=None, user=user, organisation=invitation.organisation, role=invitation.role)
    audit_record(actor=user, action="accounts.invitation.accepted", target=invitation,
                 organisation=invitation.organisation)
    return membership


@transaction.atomic
def user_signup(*, data: dict, password: str) -> User:
    """Create an account from the sign-up form (the password is already validated)."""
    user = User(**data)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=user, action="accounts.user.signed_up", target=user)
    return user


@transaction.atomic
def profile_update(*, user: User, data: dict) -> dict:
    """Change the signed-in user's own name, e-mail and interface language."""
    from kopir.core.services import instance_update

    return instance_update(user, data, actor=user, action="accounts.user.updated")


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue an API token; the clear key is returned once and never stored."""
    if not user.is_authenticated:
        raise PermissionDenied
    key = "kp_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100] or "API", prefix=key[3:9], key_hash=_hash(key))
    audit_record(actor=user, action="accounts.api_token.created", target=token)
    return token, key


def api_token_user(key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
