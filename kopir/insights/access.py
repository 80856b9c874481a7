"""Who opens the indicators: officials (members of a government body) and platform admins."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kopir.accounts.access import is_platform_admin
from kopir.collaborations.access import is_official


def can_view_dashboard(user) -> bool:
    return is_platform_admin(user) or is_official(user)


def require_dashboard(user) -> None:
    if not can_view_dashboard(user):
        raise PermissionDenied(_("The indicators are for officials of government bodies."))
