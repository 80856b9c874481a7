"""The Django side of matching: embeddings cached by content hash, the index's version
stamp, the matches kept per need, and what people did with them (introductions, declines)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kopir.core.models import TimeStamped


class Embedding(models.Model):
    """One vector under the engine's content hash (model id + prefix + cleaned text)."""

    key = models.CharField(max_length=64, primary_key=True)
    dim = models.PositiveSmallIntegerField()
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("embedding")
        verbose_name_plural = _("embeddings")

    def __str__(self) -> str:
        return self.key[:12]


class IndexState(models.Model):
    """Which saved index directory is current for a side (supply or demand).

    The database is the source of truth; the index files are derived. Every
    update writes a new directory and records its name here, so each web process
    compares this stamp with the index it holds and reloads when it is stale.
    """

    class Side(models.TextChoices):
        SUPPLY = "supply", _("labs, people and capabilities")
        DEMAND = "demand", _("needs")

    side = models.CharField(max_length=10, choices=Side.choices, unique=True)
    directory = models.CharField(max_length=100)
    version = models.PositiveIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("index state")
        verbose_name_plural = _("index states")

    def __str__(self) -> str:
        return f"{self.side} v{self.version}"


class Target(models.Model):
    """What a match, an introduction or a decline is about: a unit, a person or a capability."""

    unit = models.ForeignKey("directory.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("directory.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    capability = models.ForeignKey(
        "directory.Capability", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    entity = models.CharField(max_length=40, db_index=True)  # "unit:12", "person:4", "cap:31"

    class Meta:
        abstract = True

    @property
    def target(self):
        return self.unit or self.person or self.capability

    @property
    def target_organisation(self):
        if self.unit_id:
            return self.unit.organisation
        if self.capability_id:
            return self.capability.organisation
        if self.person_id:
            return self.person.owner
        return None


class Match(Target):
    """A need's match as last computed (kept for inboxes, e-mails and the unmatched-needs list)."""

    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="matches")
    lab = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="need_matches",
        help_text=_("The unit whose inbox shows this match (a capability's unit, a person's unit)."),
    )
    score = models.FloatField()
    cosine = models.FloatField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField()
    facets = models.JSONField(default=dict, blank=True)
    is_strong = models.BooleanField(default=False)
    computed_at = models.DateTimeField(auto_now=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["need", "rank"]
        constraints = [models.UniqueConstraint(fields=["need", "entity"], name="one_match_per_need_entity")]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.need_id} → {self.entity} ({self.score:.2f})"


class Introduction(Target, TimeStamped):
    """A collaboration lead: someone asked to introduce a need's organisation to a match."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("introduction requested")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined by the other side")
        CLOSED = "closed", _("closed")

    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="introductions")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="introductions_received",
        help_text=_("The organisation of the lab, person or capability introduced."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    message = models.TextField(_("message"), blank=True, default="")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["need", "entity"], name="one_introduction_per_need_entity")]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def __str__(self) -> str:
        return f"{self.need} → {self.target}"


class Decline(Target, TimeStamped):
    """A need's side said a match does not fit, and why; it lowers that match from then on."""

    class Reason(models.TextChoices):
        NOT_RELEVANT = "not_relevant", _("not what we need")
        TOO_FAR = "too_far", _("too far away")
        NO_CAPACITY = "no_capacity", _("they cannot take it on")
        ALREADY_KNOWN = "already_known", _("we already work with them")
        OTHER = "other", _("other")

    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="declines")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True, default="")
    declined_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["need", "entity"], name="one_decline_per_need_entity")]
        verbose_name = _("declined match")
        verbose_name_plural = _("declined matches")

    def __str__(self) -> str:
        return f"{self.need} ✗ {self.target}"
