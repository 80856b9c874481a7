"""The directory: organisations, their units, people with positions, and capabilities."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopir.core.i18n import TranslatedField
from kopir.core.models import Region, Sector, TimeStamped
from kopir.directory.validators import validate_bin


class Searchable(TimeStamped):
    """A directory row kept searchable across its three languages by its service."""

    search_text = models.TextField(default="", blank=True, editable=False)

    class Meta:
        abstract = True


class Organisation(Searchable):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university")
        ENTERPRISE = "enterprise", _("enterprise")
        GOVERNMENT = "government", _("government body")
        RESEARCH_INSTITUTE = "research_institute", _("research institute")
        INCUBATOR = "incubator", _("incubator or hub")
        FUND = "fund", _("fund")
        OTHER = "other", _("other")

    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=300, required=True)
    short_name = TranslatedField(_("short name"), max_length=80)
    description = TranslatedField(_("description"), kind="text")
    legal_form = models.CharField(_("legal form"), max_length=40, blank=True, default="")
    bin = models.CharField(
        _("BIN"), max_length=12, blank=True, null=True, unique=True, validators=[validate_bin],
        help_text=_("Business identification number: 12 digits."),
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT)
    city = TranslatedField(_("city"), max_length=120)
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT)
    website = models.URLField(_("website"), blank=True, default="")
    is_fictional = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.slug])


class Person(Searchable):
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    full_name = TranslatedField(_("full name"), max_length=200, required=True)
    email = models.EmailField(_("e-mail"), blank=True, default="")
    bio = TranslatedField(_("biography"), kind="text")
    expertise = TranslatedField(_("expertise"), kind="text")
    owner = models.ForeignKey(
        Organisation, verbose_name=_("maintained by"), on_delete=models.PROTECT, related_name="maintained_people",
        help_text=_("The organisation whose staff keep this record up to date."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    is_fictional = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return str(self.full_name)

    def get_absolute_url(self) -> str:
        return reverse("directory:person", args=[self.slug])

    @property
    def organisation(self) -> Organisation:
        return self.owner


class Unit(Searchable):
    class Kind(models.TextChoices):
        FACULTY = "faculty", _("faculty")
        DEPARTMENT = "department", _("department")
        LABORATORY = "laboratory", _("laboratory")
        RESEARCH_CENTRE = "research_centre", _("research centre")
        CENTRE = "centre", _("centre")
        OFFICE = "office", _("office")

    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=300, required=True)
    description = TranslatedField(_("description"), kind="text")
    head = models.ForeignKey(
        Person, verbose_name=_("head"), null=True, blank=True, on_delete=models.SET_NULL, related_name="headed_units"
    )
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT)
    is_fictional = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("directory:unit", args=[self.slug])


class Position(TimeStamped):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="positions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="positions"
    )
    title = TranslatedField(_("position"), max_length=300, required=True)
    is_head = models.BooleanField(_("heads the unit"), default=False)
    is_current = models.BooleanField(_("current"), default=True)

    class Meta:
        ordering = ["-is_current", "-is_head", "id"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"


class Capability(Searchable):
    class Kind(models.TextChoices):
        SERVICE = "service", _("service")
        TECHNOLOGY = "technology", _("technology")
        EQUIPMENT = "equipment", _("equipment")
        COURSE = "course", _("course")
        RETRAINING_COURSE = "retraining_course", _("retraining course")
        RESEARCH_RESULT = "research_result", _("research result")

    slug = models.SlugField(_("short address"), max_length=100, unique=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="capabilities")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="capabilities", editable=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = TranslatedField(_("title"), max_length=300, required=True)
    description = TranslatedField(_("description"), kind="text")
    people = models.ManyToManyField(Person, verbose_name=_("people"), blank=True, related_name="capabilities")
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"), null=True, blank=True, choices=[(i, str(i)) for i in range(1, 10)]
    )
    details = models.JSONField(_("details"), default=dict, blank=True)
    is_fictional = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("directory:capability", args=[self.slug])
