"""Reference data every domain uses (regions, sectors) and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kopir.core.i18n import TranslatedField


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Region(models.Model):
    """A region or a city of republican significance of Kazakhstan."""

    class Kind(models.TextChoices):
        CITY = "city", _("city of republican significance")
        REGION = "region", _("region")

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=120, required=True)
    centre = TranslatedField(_("administrative centre"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return str(self.name)


class Sector(models.Model):
    """A section or division of the national classifier of economic activities (OKED)."""

    class Level(models.TextChoices):
        SECTION = "section", _("section")
        DIVISION = "division", _("division")

    code = models.CharField(_("code"), max_length=4, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = TranslatedField(_("name"), max_length=300, required=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector (OKED)")
        verbose_name_plural = _("sectors (OKED)")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class AuditEntry(models.Model):
    """One change made through a service: who, what (a dotted action name), when, which fields."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.action} {self.target_repr}"
