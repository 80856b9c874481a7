"""Who may read a need in full, who sees only its anonymised summary, who may act on it.

A public need is read by everyone; a registered-only need by signed-in users. A
confidential need is read in full by its own organisation, by liaison officers
of universities and by the organisations it has been introduced to; other
signed-in users see the summary (kind of help, sector, region), anonymous
visitors nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from kopir.accounts.access import can_edit, is_platform_admin, member_roles
from kopir.accounts.models import Role

FULL = "full"
SUMMARY = "summary"

# Organisations of these kinds post needs; universities and institutes offer.
POSTER_KINDS = frozenset({"enterprise", "government", "fund", "incubator", "other"})
LIAISON_KINDS = ("university", "research_institute")


def _org_ids(user) -> set[int]:
    return set(member_roles(user))


def is_university_liaison(user) -> bool:
    """A liaison officer of a university or research institute (no query unless a liaison somewhere)."""
    from kopir.directory.models import Organisation

    liaison_of = [org_id for org_id, role in member_roles(user).items() if role == Role.LIAISON]
    return bool(liaison_of) and Organisation.objects.filter(pk__in=liaison_of, kind__in=LIAISON_KINDS).exists()


def full_q(user) -> Q:
    """Needs ``user`` may read in full, as a filter."""
    from kopir.needs.models import Need

    if is_platform_admin(user):
        return Q()
    if not getattr(user, "is_authenticated", False):
        return Q(visibility=Need.Visibility.PUBLIC)
    q = Q(visibility__in=[Need.Visibility.PUBLIC, Need.Visibility.REGISTERED])
    orgs = _org_ids(user)
    if orgs:
        q |= Q(organisation_id__in=orgs) | Q(introductions__organisation_id__in=orgs)
    if is_university_liaison(user):
        q |= Q(visibility=Need.Visibility.CONFIDENTIAL)
    return q


def visible_q(user) -> Q:
    """Needs ``user`` may see at all (in full or as the summary), as a filter."""
    from kopir.needs.models import Need

    if getattr(user, "is_authenticated", False):
        return Q()
    return Q(visibility=Need.Visibility.PUBLIC)


def need_access(user, need) -> str | None:
    """``"full"``, ``"summary"`` or None for one need."""
    if is_platform_admin(user) or need.visibility == need.Visibility.PUBLIC:
        return FULL
    if not getattr(user, "is_authenticated", False):
        return None
    if need.visibility == need.Visibility.REGISTERED:
        return FULL
    orgs = _org_ids(user)
    if need.organisation_id in orgs or is_university_liaison(user):
        return FULL
    if orgs and need.introductions.filter(organisation_id__in=orgs).exists():
        return FULL
    return SUMMARY


def can_post_for(user, organisation) -> bool:
    return organisation.kind in POSTER_KINDS and can_edit(user, organisation)


def can_manage(user, need) -> bool:
    """Change, close or delete the need: its organisation's editors."""
    return can_edit(user, need.organisation)


def require_manage(user, need) -> None:
    if not can_manage(user, need):
        raise PermissionDenied(_("Only editors of %(org)s can change this need.") % {"org": need.organisation})


def can_broker(user, need) -> bool:
    """Request introductions and decline matches: the need's editors and university liaison officers."""
    return can_manage(user, need) or is_university_liaison(user)
