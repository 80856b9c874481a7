"""Collaborations between an enterprise and a university unit, from the first
introduction to a result implemented in production (or a reasoned close).

The stages and the moves allowed between them live in ``transitions.py``; every
change goes through ``services.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopir.core.i18n import TranslatedField
from kopir.core.models import Region, Sector, TimeStamped


class Stage(models.TextChoices):
    INTRODUCED = "introduced", _("introduced")
    MEETING_HELD = "meeting_held", _("meeting held")
    PROPOSAL = "proposal", _("proposal")
    AGREEMENT_SIGNED = "agreement_signed", _("agreement signed")
    IN_PROGRESS = "in_progress", _("in progress")
    IMPLEMENTED = "implemented", _("implemented in production")
    CLOSED = "closed", _("closed")


class CloseReason(models.TextChoices):
    NO_BUDGET = "no_budget", _("no budget")
    NO_CAPACITY = "no_capacity", _("the university side cannot take it on")
    NOT_RELEVANT = "not_relevant", _("not what the enterprise needs")
    UNRESPONSIVE = "unresponsive", _("a party stopped responding")
    SOLVED_ELSEWHERE = "solved_elsewhere", _("solved another way")
    OTHER = "other", _("other")


class Collaboration(TimeStamped):
    """A piece of work between an enterprise and a university (through one of its units)."""

    title = TranslatedField(_("title"), max_length=300, required=True)
    summary = TranslatedField(_("summary"), kind="text")
    enterprise = models.ForeignKey(
        "directory.Organisation", verbose_name=_("enterprise"), on_delete=models.PROTECT,
        related_name="collaborations_as_enterprise",
    )
    university = models.ForeignKey(
        "directory.Organisation", verbose_name=_("university"), on_delete=models.PROTECT,
        related_name="collaborations_as_university", editable=False,
    )
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("university lab or unit"), on_delete=models.PROTECT,
        related_name="collaborations",
    )
    government = models.ForeignKey(
        "directory.Organisation", verbose_name=_("government body (optional)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="collaborations_as_government",
        help_text=_("An akimat, ministry or project office that follows this work and may countersign it."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible liaison officer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="owned_collaborations",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT)
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT)

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.INTRODUCED,
                             db_index=True)
    stage_since = models.DateField(_("in this stage since"))
    started_on = models.DateField(_("started on"))
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)
    stale_since = models.DateTimeField(_("flagged as stale since"), null=True, blank=True)
    closed_reason = models.CharField(_("reason for closing"), max_length=20, choices=CloseReason.choices,
                                     blank=True, default="")
    stage_before_close = models.CharField(max_length=20, choices=Stage.choices, blank=True, default="")

    # The enterprise side confirms that the result runs in production; an official may countersign.
    enterprise_confirmed_at = models.DateTimeField(_("confirmed by the enterprise"), null=True, blank=True)
    enterprise_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    countersigned_at = models.DateTimeField(_("countersigned"), null=True, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Outcomes.
    contract_value_kzt = models.PositiveBigIntegerField(_("contract value, KZT"), null=True, blank=True)
    people_trained = models.PositiveIntegerField(_("people trained (retraining courses)"), default=0)
    products_introduced = models.PositiveIntegerField(_("products introduced"), default=0)
    processes_introduced = models.PositiveIntegerField(_("processes introduced"), default=0)
    outcomes_note = TranslatedField(_("what was introduced"), kind="text")

    # Where it came from, when it started from the matching: the need and the introduction.
    need = models.ForeignKey(
        "needs.Need", verbose_name=_("need"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="collaborations",
    )
    introduction = models.OneToOneField(
        "matching.Introduction", verbose_name=_("introduction"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="collaboration",
    )

    search_text = models.TextField(default="", blank=True, editable=False)
    is_fictional = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        indexes = [models.Index(fields=["stage", "last_activity_at"], name="collab_stage_activity")]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("collaborations:detail", args=[self.pk])

    @property
    def party_ids(self) -> set[int]:
        return {pk for pk in (self.enterprise_id, self.university_id, self.government_id) if pk}

    @property
    def is_open(self) -> bool:
        return self.stage not in (Stage.IMPLEMENTED, Stage.CLOSED)

    def has_evidence(self) -> bool:
        return self.documents.filter(kind__in=Document.EVIDENCE_KINDS).exists()


class StageEvent(models.Model):
    """One move of a collaboration: to which stage, on which date, by whom, with what note."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="events")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True, default="")
    to_stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, db_index=True)
    happened_on = models.DateField(_("date"), db_index=True)
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    note = models.TextField(_("note"), blank=True, default="")
    reason = models.CharField(_("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True,
                              default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.collaboration_id}: {self.from_stage or '—'} → {self.to_stage}"


def _document_path(instance, filename: str) -> str:
    from django.utils.crypto import get_random_string

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"collaborations/{instance.collaboration_id}/{get_random_string(20)}.{ext}"


class Document(models.Model):
    """An agreement, a protocol, an implementation act…; served only to the parties."""

    class Kind(models.TextChoices):
        PROTOCOL = "protocol", _("meeting protocol")
        PROPOSAL = "proposal", _("proposal")
        AGREEMENT = "agreement", _("agreement or contract")
        REPORT = "report", _("progress report")
        IMPLEMENTATION_ACT = "implementation_act", _("implementation act")
        EQUIVALENT_EVIDENCE = "equivalent_evidence", _("other proof of implementation")
        OTHER = "other", _("other")

    EVIDENCE_KINDS = (Kind.IMPLEMENTATION_ACT, Kind.EQUIVALENT_EVIDENCE)

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="documents")
    event = models.ForeignKey(StageEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=20, choices=Kind.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("collaborations:document", args=[self.collaboration_id, self.pk])


class DigestSent(models.Model):
    """The weekly digest went to this user for this ISO week (keeps the tick idempotent)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=8)  # "2026-W47"
    collaborations = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="one_digest_per_user_week")]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")

    def __str__(self) -> str:
        return f"{self.user_id} {self.week}"
