"""The newsroom's write path: publishing releases, importing existing ones, extracting their
facts, and the review of the suggestions that come out of them. Confirmed facts reach the
directory only through ``kopir.directory.services``, with the release recorded as their source."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kopir.accounts.access import can_edit, is_platform_admin, role_in
from kopir.accounts.models import EDIT_ROLES, Role
from kopir.core.audit import audit_record
from kopir.core.i18n import LANGS, translated_columns
from kopir.core.models import Region
from kopir.core.services import instance_apply
from kopir.core.text import normalise, search_blob
from kopir.core.uploads import check_upload
from kopir.directory import services as directory_services
from kopir.directory.models import Organisation, Person, Position
from kopir.newsroom.extract import (
    Linker,
    detect_language,
    extract,
    find_dates,
    link_facts,
    release_similarity,
    strip_furniture,
    text_similarity,
)
from kopir.newsroom.extract.linker import name_key, similarity
from kopir.newsroom.extract.textutil import translit
from kopir.newsroom.models import Mention, Release, ReleaseImage, SourceText, Suggestion, Tag

PUBLISH_ROLES = EDIT_ROLES | {Role.PRESS}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
# How much of the archive an import is compared with (most recent first).
DEDUPE_WINDOW = 200
DUPLICATE_TEXT = 0.6
SAME_EVENT_ENTITIES = 0.5
# Across languages names are spelt and inflected differently, so fewer of them match; the
# same date and the same publishing organisation are required as well.
SAME_EVENT_ENTITIES_ACROSS = 0.35


# --- who may do what -------------------------------------------------------------------------

def can_publish(user, organisation) -> bool:
    """Press officers, liaison officers, editors and admins of the organisation publish and import."""
    return is_platform_admin(user) or role_in(user, organisation) in PUBLISH_ROLES


def require_publish(user, organisation) -> None:
    if not can_publish(user, organisation):
        raise PermissionDenied(_("Only the press office and editors of %(org)s can publish its news.")
                               % {"org": organisation})


def can_review(user, suggestion: Suggestion) -> bool:
    """A new organisation is for platform admins; a person or a position is for the editors
    (admins, editors, liaison officers) of the organisation whose directory entries change."""
    if suggestion.kind == Suggestion.Kind.ORGANISATION:
        return is_platform_admin(user)
    return can_edit(user, suggestion.organisation)


def can_see_release(user, release: Release) -> bool:
    return release.status == Release.Status.PUBLISHED or can_publish(user, release.organisation)


# --- helpers ---------------------------------------------------------------------------------

def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode()).hexdigest()


def unique_slug(model, base: str, *, max_length: int = 80) -> str:
    stem = (slugify(translit(base or "")) or model._meta.model_name)[: max_length - 6].strip("-")
    slug = stem
    while model.objects.filter(slug=slug).exists():
        slug = f"{stem}-{get_random_string(4).lower()}"
    return slug


def _search_text(release: Release) -> str:
    parts = []
    for name in ("title", "lead", "body"):
        parts.extend(getattr(release, col) for col in translated_columns(name))
    return search_blob(*parts)


def tags_from_text(text: str, lang: str) -> list[Tag]:
    """Tags typed as comma-separated words; a new tag is named in the language it was typed in."""
    tags = []
    for raw in (text or "").split(","):
        label = raw.strip()[:60]
        slug = slugify(label, allow_unicode=True)[:60]
        if not slug:
            continue
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={f"name_{lang}": label})
        tags.append(tag)
    return tags


IMAGE_KINDS = ("png", "jpg", "webp")


def validate_image(upload) -> str:
    """The image's content type (PNG, JPEG or WebP), recognised by its content, never by its name."""
    _kind, content_type = check_upload(upload, kinds=IMAGE_KINDS, max_bytes=MAX_IMAGE_BYTES,
                                       too_large=_("An image may be at most 5 MB."),
                                       wrong_type=_("Only PNG, JPEG and WebP images can be attached."))
    return content_type


# --- publishing ------------------------------------------------------------------------------

def _check_texts(release: Release) -> None:
    if not release.languages:
        raise ValidationError(_("Give the release a title in at least one language."))
    for lang in LANGS:
        if (getattr(release, f"lead_{lang}") or getattr(release, f"body_{lang}")) and not getattr(release, f"title_{lang}"):
            raise ValidationError(_("Each language version needs its own title."))


def _enqueue_extraction(release: Release) -> None:
    from kopir.newsroom.tasks import extract_release

    pk = release.pk
    transaction.on_commit(lambda: extract_release.enqueue(pk))


@transaction.atomic
def release_create(*, actor, organisation: Organisation, data: dict[str, Any], tags=(), images=()) -> Release:
    """Publish (or save as a draft) a release of ``organisation`` in one or more languages."""
    if actor is not None:
        require_publish(actor, organisation)
    data = dict(data)
    release = Release(organisation=organisation, created_by=actor if getattr(actor, "is_authenticated", False) else None,
                      **data)
    if not release.slug:
        release.slug = unique_slug(Release, release.title.get("en") or release.title.text or "release")
    if not release.date:
        release.date = timezone.localdate()
    _check_texts(release)
    release.search_text = _search_text(release)
    release.full_clean()
    release.save()
    if tags:
        release.tags.set(tags)
    audit_record(actor=actor, action="newsroom.release.created", target=release, organisation=organisation,
                 changes={"status": [None, release.status], "languages": [None, release.languages],
                          "tags": [None, [t.slug for t in tags]]})
    for upload in images:
        image_add(actor=actor, release=release, upload=upload)
    _enqueue_extraction(release)
    return release


@transaction.atomic
def release_update(*, actor, release: Release, data: dict[str, Any], tags=None) -> dict:
    require_publish(actor, release.organisation)
    changes = instance_apply(release, data)
    if tags is not None:
        before = sorted(release.tags.values_list("slug", flat=True))
        after = sorted(t.slug for t in tags)
        if before != after:
            changes["tags"] = [before, after]
    if not changes:
        return changes
    _check_texts(release)
    release.search_text = _search_text(release)
    release.full_clean()
    release.save()
    if tags is not None:
        release.tags.set(tags)
    audit_record(actor=actor, action="newsroom.release.updated", target=release, organisation=release.organisation,
                 changes=changes)
    if any(k.split("_")[0] in ("title", "lead", "body") for k in changes):
        _enqueue_extraction(release)
    return changes


@transaction.atomic
def release_delete(*, actor, release: Release) -> None:
    require_publish(actor, release.organisation)
    audit_record(actor=actor, action="newsroom.release.deleted", target=release, organisation=release.organisation)
    for image in release.images.all():
        image.file.delete(save=False)
    release.delete()


@transaction.atomic
def image_add(*, actor, release: Release, upload, caption: dict | None = None) -> ReleaseImage:
    if actor is not None:
        require_publish(actor, release.organisation)
    kind = validate_image(upload)
    image = ReleaseImage(release=release, content_type=kind, position=release.images.count(),
                         **{f"caption_{k}": v for k, v in (caption or {}).items() if k in LANGS})
    ext = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}[kind]
    image.file.save(f"{release.slug}-{get_random_string(6).lower()}.{ext}", upload, save=False)
    image.save()
    audit_record(actor=actor, action="newsroom.image.added", target=image, organisation=release.organisation,
                 changes={"release": [None, release.slug], "type": [None, kind]})
    return image


# --- import ----------------------------------------------------------------------------------

@dataclass
class ImportResult:
    """What became of one imported text: ``created`` a release, added as a ``translation`` of
    one, or recognised as a ``duplicate`` of one (nothing written); ``similar`` lists releases
    in the same language that seem to report the same event."""

    status: str
    release: Release | None
    name: str = ""
    lang: str = ""
    score: float = 0.0
    similar: list = field(default_factory=list)


def split_release(text: str) -> tuple[str, str, str]:
    """Title, lead and body of a plain text: the first short paragraph is the title."""
    paras = [p.strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text) if p.strip()]
    if not paras:
        return "", "", ""
    lines = [ln.strip() for ln in paras[0].splitlines() if ln.strip()]
    if len(lines) > 1 and len(lines[0]) <= 200:
        title, rest0 = lines[0], " ".join(lines[1:])
        paras = [rest0, *paras[1:]]
    elif len(paras[0]) <= 200:
        title, paras = paras[0], paras[1:]
    else:
        m = re.match(r"(.{20,200}?[.!?])\s", paras[0])
        title = m.group(1) if m else paras[0][:200].rsplit(" ", 1)[0] + "…"
    lead = paras[0] if paras else ""
    body = "\n\n".join(paras[1:])
    return title[:300], lead, body


def _candidates(lang_text: str, organisation: Organisation):
    return (Release.objects.select_related("organisation").order_by("-date", "-id")[:DEDUPE_WINDOW])


def find_same(text: str, lang: str, facts: dict, organisation: Organisation) -> dict:
    """Compare an incoming text with the archive: ``{"duplicate": (release, score) | None,
    "translation_of": (release, score) | None, "similar": [(release, score)]}``."""
    out = {"duplicate": None, "translation_of": None, "similar": []}
    fp = fingerprint(text)
    same = SourceText.objects.filter(fingerprint=fp).select_related("release").first()
    if same is not None:
        out["duplicate"] = (same.release, 1.0)
        return out
    best_event = None
    for release in _candidates(text, organisation):
        for other_lang in release.languages:
            other = release.text_in(other_lang)
            if other_lang == lang:
                score = text_similarity(text, other)
                if score >= DUPLICATE_TEXT:
                    out["duplicate"] = (release, score)
                    return out
            other_facts = (release.facts or {}).get(other_lang)
            if not other_facts:
                continue
            sim = release_similarity(text, other, facts, other_facts)
            if other_lang != lang and sim["same_date"] and sim["entities"] >= SAME_EVENT_ENTITIES_ACROSS:
                if lang not in release.languages and release.organisation_id == organisation.pk:
                    if best_event is None or sim["entities"] > best_event[1]:
                        best_event = (release, sim["entities"])
            elif other_lang == lang and sim["same_date"] and sim["entities"] >= SAME_EVENT_ENTITIES:
                out["similar"].append((release, sim["entities"]))
    out["translation_of"] = best_event
    return out


@transaction.atomic
def release_import(*, actor, organisation: Organisation, content: str, name: str = "", lang: str | None = None,
                   tags=(), is_fictional: bool = False) -> ImportResult:
    """Import one existing release (pasted text or a saved .txt/.html page).

    Page furniture is stripped and the language detected; the same release imported again is
    recognised and nothing is written; the same event already published in another language
    becomes that release's translation. Facts are extracted after the commit.
    """
    if actor is not None:
        require_publish(actor, organisation)
    text = strip_furniture(content or "").strip()
    if len(text) < 40:
        raise ValidationError(_("There is too little text to import."))
    lang = lang if lang in LANGS else detect_language(text)
    facts = extract(text, lang)
    found = find_same(text, lang, facts, organisation)
    if found["duplicate"]:
        release, score = found["duplicate"]
        return ImportResult("duplicate", release, name=name, lang=lang, score=score)
    title, lead, body = split_release(text)
    if not title:
        raise ValidationError(_("There is too little text to import."))
    user = actor if getattr(actor, "is_authenticated", False) else None
    if found["translation_of"]:
        release, score = found["translation_of"]
        before = release.languages
        for key, value in (("title", title), ("lead", lead), ("body", body)):
            setattr(release, f"{key}_{lang}", value)
        release.search_text = _search_text(release)
        release.save()
        status = "translation"
        audit_record(actor=actor, action="newsroom.release.translation_imported", target=release,
                     organisation=organisation, changes={"languages": [before, release.languages],
                                                         "source": [None, name]})
    else:
        dates = find_dates(text)
        date = datetime.date.fromisoformat(dates[0].iso) if dates else timezone.localdate()
        release = Release(
            organisation=organisation, date=date, status=Release.Status.PUBLISHED, origin=Release.Origin.IMPORTED,
            created_by=user, is_fictional=is_fictional,
            **{f"title_{lang}": title, f"lead_{lang}": lead, f"body_{lang}": body},
        )
        release.slug = unique_slug(Release, title)
        release.search_text = _search_text(release)
        release.full_clean()
        release.save()
        if tags:
            release.tags.set(tags)
        status, score = "created", 0.0
        audit_record(actor=actor, action="newsroom.release.imported", target=release, organisation=organisation,
                     changes={"languages": [None, [lang]], "source": [None, name]})
    SourceText.objects.create(release=release, lang=lang, name=name[:300], text=text, fingerprint=fingerprint(text),
                              imported_by=user)
    release.facts = {**(release.facts or {}), lang: facts}
    release.save(update_fields=["facts"])
    _enqueue_extraction(release)
    return ImportResult(status, release, name=name, lang=lang, score=score, similar=found["similar"])


# --- extraction ------------------------------------------------------------------------------

def gazetteer() -> list[dict]:
    """The linker's entries: every directory organisation, person and region under all the
    names it has in the three languages (plus short names and legal-form spellings)."""
    entries = []
    for org in Organisation.objects.all():
        names = [v for v in (*org.name.values.values(), *org.short_name.values.values()) if v]
        entries.append({"id": f"o:{org.pk}", "kind": "organization", "names": names})
    for person in Person.objects.all():
        entries.append({"id": f"p:{person.pk}", "kind": "person",
                        "names": [v for v in person.full_name.values.values() if v]})
    for region in Region.objects.all():
        entries.append({"id": f"r:{region.pk}", "kind": "place",
                        "names": [v for v in (*region.name.values.values(), *region.centre.values.values()) if v]})
    return entries


def _split_id(link) -> tuple[str, int] | tuple[None, None]:
    if not link:
        return None, None
    prefix, pk = str(link).split(":", 1)
    return prefix, int(pk)


def _has_position(person_id: int, org_id: int, title: str) -> bool:
    key = name_key(title)
    for pos in Position.objects.filter(person_id=person_id, organisation_id=org_id):
        for known in pos.title.values.values():
            k2 = name_key(known or "")
            if k2 and (k2 == key or key in k2 or k2 in key or similarity(key, k2) >= 85):
                return True
    return False


ORG_KIND = {"company": Organisation.Kind.ENTERPRISE, "university": Organisation.Kind.UNIVERSITY,
            "government": Organisation.Kind.GOVERNMENT}


@transaction.atomic
def release_extract(*, release: Release, langs=None, linker: Linker | None = None) -> dict:
    """Extract and link the facts of a release's language versions (system work, run by the
    task after a release is saved). Mentions are rebuilt; suggestions still waiting are
    replaced; what was confirmed or rejected before is not proposed again."""
    release = Release.objects.select_for_update().get(pk=release.pk)
    langs = [lg for lg in (langs or release.languages) if lg in release.languages]
    linker = linker or Linker(gazetteer())
    facts_all = dict(release.facts or {})
    counts = {"mentions": 0, "suggestions": 0}
    release.mentions.filter(lang__in=langs).delete()
    release.suggestions.filter(status=Suggestion.Status.PENDING, lang__in=langs).delete()
    decided = set(Suggestion.objects.exclude(status=Suggestion.Status.PENDING).values_list("key", flat=True))
    pending = set(Suggestion.objects.filter(status=Suggestion.Status.PENDING).values_list("key", flat=True))
    orgs_by_pk = {}
    proposed_here = set(release.suggestions.filter(kind=Suggestion.Kind.POSITION).values_list("key", flat=True))
    proposed_here = {tuple(k[len("position:"):].split("|")[:2]) for k in proposed_here}

    def org(pk):
        if pk not in orgs_by_pk:
            orgs_by_pk[pk] = Organisation.objects.filter(pk=pk).first()
        return orgs_by_pk[pk]

    def suggest(lang, kind, key, **fields):
        if key in decided or key in pending:
            return
        pending.add(key)
        Suggestion.objects.create(release=release, lang=lang, kind=kind, key=key[:400], **fields)
        counts["suggestions"] += 1

    for lang in langs:
        facts = extract(release.text_in(lang), lang, names=linker.spotter)
        link_facts(facts, linker)
        facts_all[lang] = facts
        mentions = []
        for item in facts["organizations"]:
            prefix, pk = _split_id(item.get("link"))
            mentions.append(Mention(release=release, lang=lang, kind=Mention.Kind.ORGANISATION, name=item["name"][:300],
                                    detail=item.get("legal_form", ""), organisation_id=pk if prefix == "o" else None))
            if not item.get("link"):
                suggest(lang, Suggestion.Kind.ORGANISATION, f"organisation:{name_key(item['name'])}",
                        name=item["name"][:300],
                        data={"legal_form": item.get("legal_form", ""), "kind": item.get("kind", "organization"),
                              "aliases": item.get("aliases", [])})
        for item in facts["places"]:
            prefix, pk = _split_id(item.get("link"))
            mentions.append(Mention(release=release, lang=lang, kind=Mention.Kind.PLACE, name=item["name"][:300],
                                    region_id=pk if prefix == "r" else None))
        for item in facts["events"]:
            mentions.append(Mention(release=release, lang=lang, kind=Mention.Kind.EVENT, name=item["name"][:300],
                                    detail=item.get("date", "")))
        for item in facts["people"]:
            prefix, person_pk = _split_id(item.get("link"))
            person_pk = person_pk if prefix == "p" else None
            titles = "; ".join(p["title"] for p in item.get("positions", []))
            mentions.append(Mention(release=release, lang=lang, kind=Mention.Kind.PERSON, name=item["name"][:300],
                                    detail=titles[:300], person_id=person_pk))
            person_key = f"p:{person_pk}" if person_pk else name_key(item["name"])
            proposed = False
            for pos in item.get("positions", []):
                oprefix, org_pk = _split_id(pos.get("organization_link"))
                if oprefix != "o" or not pos.get("title"):
                    continue
                if person_pk and _has_position(person_pk, org_pk, pos["title"]):
                    proposed = True
                    continue
                if (person_key, str(org_pk)) in proposed_here:
                    continue  # one position per person and organisation per release is enough
                proposed_here.add((person_key, str(org_pk)))
                target = org(org_pk)
                suggest(lang, Suggestion.Kind.POSITION,
                        f"position:{person_key}|{org_pk}|{name_key(pos['title'])}",
                        name=item["name"][:300], title=pos["title"][:300], organisation=target, person_id=person_pk,
                        data={"organisation_name": pos.get("organization") or ""})
                proposed = True
            if not person_pk and not proposed:
                suggest(lang, Suggestion.Kind.PERSON, f"person:{name_key(item['name'])}", name=item["name"][:300],
                        organisation=release.organisation,
                        data={"positions": item.get("positions", [])})
        Mention.objects.bulk_create(mentions)
        counts["mentions"] += len(mentions)
    release.facts = facts_all
    release.save(update_fields=["facts"])
    return counts


# --- review ----------------------------------------------------------------------------------

def _lang_data(prefix: str, lang: str, value: str) -> dict:
    return {f"{prefix}_{lang}": value}


def _decide(suggestion: Suggestion, actor, status: str) -> None:
    suggestion.status = status
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()


@transaction.atomic
def suggestion_confirm(*, actor, suggestion: Suggestion) -> Any:
    """Confirm a suggestion: the directory gets the new organisation, person or position
    through its own services, and the audit log records the release it came from."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not can_review(actor, suggestion):
        raise PermissionDenied(_("You cannot decide on this suggestion."))
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError(_("This suggestion has already been decided."))
    release, lang = suggestion.release, suggestion.lang
    created: dict[str, Any] = {}
    if suggestion.kind == Suggestion.Kind.ORGANISATION:
        data = {"slug": unique_slug(Organisation, suggestion.name),
                "kind": ORG_KIND.get(suggestion.data.get("kind"), Organisation.Kind.OTHER),
                "legal_form": suggestion.data.get("legal_form", "")[:40], **_lang_data("name", lang, suggestion.name)}
        result = directory_services.organisation_create(actor=actor, data=data)
        release.mentions.filter(kind=Mention.Kind.ORGANISATION, name=suggestion.name).update(organisation=result)
        created["organisation"] = [None, result.slug]
    elif suggestion.kind == Suggestion.Kind.PERSON:
        result = directory_services.person_create(
            actor=actor, owner=suggestion.organisation,
            data={"slug": unique_slug(Person, suggestion.name), **_lang_data("full_name", lang, suggestion.name)})
        release.mentions.filter(kind=Mention.Kind.PERSON, name=suggestion.name).update(person=result)
        created["person"] = [None, result.slug]
    else:
        person = suggestion.person
        if person is None:
            person = directory_services.person_create(
                actor=actor, owner=suggestion.organisation,
                data={"slug": unique_slug(Person, suggestion.name), **_lang_data("full_name", lang, suggestion.name)})
            release.mentions.filter(kind=Mention.Kind.PERSON, name=suggestion.name).update(person=person)
            created["person"] = [None, person.slug]
        result = directory_services.position_add(
            actor=actor, person=person, organisation=suggestion.organisation, unit=None,
            data=_lang_data("title", lang, suggestion.title))
        created["position"] = [None, result.pk]
        # Other waiting proposals for the same unknown person now point at the new record.
        Suggestion.objects.filter(status=Suggestion.Status.PENDING, person__isnull=True, name=suggestion.name,
                                  kind=Suggestion.Kind.POSITION).update(person=person)
    _decide(suggestion, actor, Suggestion.Status.CONFIRMED)
    suggestion.result_type = result._meta.label_lower
    suggestion.result_id = str(result.pk)
    suggestion.save()
    audit_record(actor=actor, action="newsroom.suggestion.confirmed", target=suggestion,
                 organisation=suggestion.organisation or release.organisation,
                 changes={"status": [Suggestion.Status.PENDING, Suggestion.Status.CONFIRMED],
                          "source_release": [None, release.slug], **created})
    return result


@transaction.atomic
def suggestion_reject(*, actor, suggestion: Suggestion) -> Suggestion:
    """Reject a suggestion; the same fact is not proposed again by later extractions."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not can_review(actor, suggestion):
        raise PermissionDenied(_("You cannot decide on this suggestion."))
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError(_("This suggestion has already been decided."))
    _decide(suggestion, actor, Suggestion.Status.REJECTED)
    suggestion.save()
    audit_record(actor=actor, action="newsroom.suggestion.rejected", target=suggestion,
                 organisation=suggestion.organisation or suggestion.release.organisation,
                 changes={"status": [Suggestion.Status.PENDING, Suggestion.Status.REJECTED],
                          "source_release": [None, suggestion.release.slug]})
    return suggestion
