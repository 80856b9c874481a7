"""Load the demo directory (``data/*.json``) through the same services users go through.

The demo is the project's own text: facts and names from the two source news
items, extended with clearly fictional labs, people, equipment and courses.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction

from kopir.accounts.models import Role, User
from kopir.accounts.services import membership_set
from kopir.core.models import Region, Sector
from kopir.directory import services
from kopir.directory.models import Organisation, Person, Unit

DATA = Path(__file__).resolve().parent / "data"
LANGS = ("kk", "ru", "en")

ACCOUNT_ROLES = {
    "org_admin": Role.ADMIN, "editor": Role.EDITOR, "liaison": Role.LIAISON, "member": Role.MEMBER,
    "official": Role.MEMBER, "reviewer": Role.MEMBER, "student": Role.MEMBER, "press": Role.PRESS,
}


def read(name: str) -> list[dict]:
    path = DATA / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def tr(prefix: str, values: dict | None) -> dict:
    values = values or {}
    return {f"{prefix}_{lang}": values.get(lang, "") or "" for lang in LANGS}


def _sector(code):
    return Sector.objects.filter(code=code).first() if code else None


def _region(slug):
    return Region.objects.filter(slug=slug).first() if slug else None


@transaction.atomic
def demo_load(progress: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    """Create the demo organisations, units, people, positions, capabilities and accounts.

    Returns counts, and ``accounts`` (username → password) for the caller to show in demo mode.
    """
    orgs = {}
    for row in read("organisations"):
        orgs[row["slug"]] = services.organisation_create(actor=None, data={
            "slug": row["slug"], "kind": row["kind"], **tr("name", row["name"]),
            **tr("short_name", row.get("short_name")), **tr("description", row.get("description")),
            **tr("city", row.get("city")), "legal_form": row.get("legal_form", ""), "bin": row.get("bin") or None,
            "region": _region(row.get("region")), "sector": _sector(row.get("sector")),
            "website": row.get("website", ""), "is_fictional": row.get("is_fictional", False),
        })
    progress(f"organisations: {len(orgs)}")

    unit_rows = read("units")
    units: dict[str, Unit] = {}
    for row in unit_rows:
        units[row["slug"]] = services.unit_create(actor=None, organisation=orgs[row["organisation"]], data={
            "slug": row["slug"], "kind": row["kind"], **tr("name", row["name"]),
            **tr("description", row.get("description")), "sector": _sector(row.get("sector")),
            "is_fictional": row.get("is_fictional", False),
        })
    for row in unit_rows:
        if row.get("parent"):
            Unit.objects.filter(pk=units[row["slug"]].pk).update(parent=units[row["parent"]])
    progress(f"units: {len(units)}")

    people: dict[str, Person] = {}
    for row in read("people"):
        positions = row.get("positions") or []
        owner = orgs[positions[0]["organisation"]] if positions else next(iter(orgs.values()))
        person = services.person_create(actor=None, owner=owner, data={
            "slug": row["slug"], **tr("full_name", row["full_name"]), **tr("bio", row.get("bio")),
            **tr("expertise", row.get("expertise")), "email": row.get("email", ""),
            "is_fictional": row.get("is_fictional", False),
        })
        for pos in positions:
            services.position_add(
                actor=None, person=person, organisation=orgs[pos["organisation"]],
                unit=units.get(pos.get("unit") or ""),
                data={**tr("title", pos["title"]), "is_head": bool(pos.get("is_head"))},
            )
        people[row["slug"]] = person
    for row in unit_rows:
        if row.get("head") and row["head"] in people:
            Unit.objects.filter(pk=units[row["slug"]].pk).update(head=people[row["head"]])
    progress(f"people: {len(people)}")

    caps = 0
    for row in read("capabilities"):
        unit = Unit.objects.get(pk=units[row["unit"]].pk)
        services.capability_create(actor=None, unit=unit, data={
            "slug": row["slug"], "kind": row["kind"], **tr("title", row["title"]),
            **tr("description", row.get("description")), "sector": _sector(row.get("sector")),
            "trl": row.get("trl"), "details": row.get("details") or {}, "is_fictional": row.get("is_fictional", True),
        }, people=[people[s] for s in row.get("people", []) if s in people])
        caps += 1
    progress(f"capabilities: {caps}")

    accounts = _demo_accounts(orgs, people)
    return {"organisations": len(orgs), "units": len(units), "people": len(people), "capabilities": caps,
            "accounts": accounts}


def _demo_accounts(orgs: dict[str, Organisation], people: dict[str, Person]) -> dict[str, str]:
    """Demo users with random passwords, kept in the data directory (never in the code)."""
    accounts: dict[str, str] = {}
    for row in read("accounts"):
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(row["username"], password=password, language=row.get("language", "kk"))
        if row["role"] == "platform_admin":
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        person = people.get(row.get("person") or "")
        if person is not None and person.user_id is None:
            Person.objects.filter(pk=person.pk).update(user=user)
            if person.email:
                User.objects.filter(pk=user.pk).update(email=person.email)
        org = orgs.get(row.get("organisation") or "")
        if org is not None and row["role"] in ACCOUNT_ROLES:
            membership_set(actor=None, user=user, organisation=org, role=ACCOUNT_ROLES[row["role"]])
        accounts[row["username"]] = password
    path = Path(settings.DATA_DIR) / "demo-accounts.txt"
    path.write_text("".join(f"{u}\t{p}\n" for u, p in accounts.items()), encoding="utf-8")
    path.chmod(0o600)
    return accounts
