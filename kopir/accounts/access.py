"""Who may do what: the few access checks every view and endpoint goes through."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kopir.accounts.models import EDIT_ROLES, Membership, Role


def member_roles(user) -> dict[int, str]:
    """``{organisation_id: role}`` for the user, loaded once per request (``forget_roles`` drops it)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cache = getattr(user, "_kopir_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._kopir_roles = cache
    return cache


def role_in(user, organisation) -> str | None:
    """The user's role in ``organisation``, or None."""
    if organisation is None:
        return None
    return member_roles(user).get(organisation.pk)


def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def can_edit(user, organisation) -> bool:
    """Staff edit what their own organisation owns; platform admins edit everything."""
    return is_platform_admin(user) or role_in(user, organisation) in EDIT_ROLES


def can_admin(user, organisation) -> bool:
    """Organisation admins manage members, invitations and see the audit log."""
    return is_platform_admin(user) or role_in(user, organisation) == Role.ADMIN


def require_edit(user, organisation) -> None:
    if not can_edit(user, organisation):
        raise PermissionDenied(_("Only editors of %(org)s can change this.") % {"org": organisation})


def require_admin(user, organisation) -> None:
    if not can_admin(user, organisation):
        raise PermissionDenied(_("Only admins of %(org)s can do this.") % {"org": organisation})


def forget_roles(user) -> None:
    """Drop the per-request role cache after a membership changes."""
    if hasattr(user, "_kopir_roles"):
        del user._kopir_roles
