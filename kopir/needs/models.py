"""Needs that enterprises post: what help they want, where, by when, and who may read it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopir.core.i18n import TranslatedField
from kopir.core.models import Region, Sector, TimeStamped


class Need(TimeStamped):
    class Kind(models.TextChoices):
        JOINT_RESEARCH = "joint_research", _("joint research")
        TESTING = "testing", _("testing and analysis")
        TRAINING = "training", _("training or retraining")
        EQUIPMENT_ACCESS = "equipment_access", _("access to equipment")
        CONSULTING = "consulting", _("consulting")
        INTERNSHIP = "internship", _("internships")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        REGISTERED = "registered", _("registered users only")
        CONFIDENTIAL = "confidential", _("confidential")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="needs"
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=Kind.choices)
    title = TranslatedField(_("title"), max_length=300, required=True)
    description = TranslatedField(_("description"), kind="text")
    language = models.CharField(
        _("language of the text"), max_length=2, blank=True, default="", editable=False,
        help_text=_("Detected from the text when the need is saved."),
    )
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT)
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT)
    budget_min = models.PositiveBigIntegerField(_("budget from, KZT"), null=True, blank=True)
    budget_max = models.PositiveBigIntegerField(_("budget up to, KZT"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    visibility = models.CharField(
        _("who may read it"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC,
        help_text=_("Confidential: only university liaison officers and the parties you are introduced to read "
                    "the details; everyone else sees the kind of help, the sector and the region."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(default="", blank=True, editable=False)
    is_fictional = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True) | Q(budget_max__isnull=True) | Q(budget_min__lte=F("budget_max")),
                name="need_budget_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", args=[self.pk])

    @property
    def is_confidential(self) -> bool:
        return self.visibility == self.Visibility.CONFIDENTIAL

    @property
    def language_name(self) -> str:
        from kopir.core.i18n import LANG_NAMES

        return str(LANG_NAMES.get(self.language, self.language))

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
