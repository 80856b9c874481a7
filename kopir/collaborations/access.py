"""Who may see and do what with a collaboration.

The parties are the enterprise, the university (through its unit) and, when one
follows the work, a government body. Every member of a party sees the
collaboration; nobody else does (platform admins excepted). Editors, liaison
officers and admins of the enterprise or the university move it; liaison officers
and admins open one by hand; the enterprise's editors confirm implementation; an
official of the government party countersigns.
"""

from __future__ import annotations

from django.db.models import Q

from kopir.accounts.access import can_edit, is_platform_admin, member_roles, role_in
from kopir.accounts.models import Role

OPEN_ROLES = frozenset({Role.ADMIN, Role.LIAISON})


def visible_q(user) -> Q:
    """The collaborations ``user`` may see, as a filter (nothing for anonymous visitors)."""
    if is_platform_admin(user):
        return Q()
    orgs = list(member_roles(user))
    if not orgs:
        return Q(pk__in=[])
    return Q(enterprise_id__in=orgs) | Q(university_id__in=orgs) | Q(government_id__in=orgs)


def is_party(user, collaboration) -> bool:
    if is_platform_admin(user):
        return True
    return bool(collaboration.party_ids & set(member_roles(user)))


def can_work(user, collaboration) -> bool:
    """Move stages, upload documents, record outcomes."""
    return can_edit(user, collaboration.enterprise) or can_edit(user, collaboration.university)


def can_open_for(user, organisation) -> bool:
    return is_platform_admin(user) or role_in(user, organisation) in OPEN_ROLES


def can_open_any(user) -> bool:
    return is_platform_admin(user) or any(role in OPEN_ROLES for role in member_roles(user).values())


def can_confirm(user, collaboration) -> bool:
    return can_edit(user, collaboration.enterprise)


def can_countersign(user, collaboration) -> bool:
    return collaboration.government_id is not None and role_in(user, collaboration.government) is not None


def is_official(user) -> bool:
    """A member of a government body (akimat, ministry, project office)."""
    if not getattr(user, "is_authenticated", False):
        return False
    orgs = member_roles(user)
    if not orgs:
        return False
    from kopir.directory.models import Organisation

    return Organisation.objects.filter(pk__in=list(orgs), kind=Organisation.Kind.GOVERNMENT).exists()
