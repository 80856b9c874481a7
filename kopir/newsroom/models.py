"""The newsroom: press releases (one row per release, one column per language, ADR 0005),
their images and tags, the texts they were imported from, and the facts extracted from them:
mentions linked to the directory and suggestions waiting for a liaison officer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopir.core.i18n import LANG_NAMES, LANGS, TranslatedField
from kopir.core.models import TimeStamped

LANG_CHOICES = [(code, LANG_NAMES[code]) for code in LANGS]


class Tag(models.Model):
    slug = models.SlugField(_("short address"), max_length=60, unique=True, allow_unicode=True)
    name = TranslatedField(_("name"), max_length=60, required=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return str(self.name)


class Release(TimeStamped):
    """A press release of one organisation; its language versions are its translated columns."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    class Origin(models.TextChoices):
        WRITTEN = "written", _("written in kopir")
        IMPORTED = "imported", _("imported")

    slug = models.SlugField(_("short address"), max_length=100, unique=True)
    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="releases"
    )
    date = models.DateField(_("date"))
    title = TranslatedField(_("title"), max_length=300, required=True)
    lead = TranslatedField(_("lead"), kind="text")
    body = TranslatedField(_("text"), kind="text")
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="releases")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.WRITTEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(default="", blank=True, editable=False)
    # What the extractor found per language version: {"en": {"organizations": [...], ...}}.
    facts = models.JSONField(default=dict, blank=True, editable=False)
    is_fictional = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("newsroom:release", args=[self.slug])

    @property
    def languages(self) -> list[str]:
        return self.title.languages

    def text_in(self, lang: str) -> str:
        """The whole text of one language version (title, lead and body), for extraction."""
        parts = [getattr(self, f"{name}_{lang}") for name in ("title", "lead", "body")]
        return "\n\n".join(p.strip() for p in parts if p and p.strip())


def release_image_path(instance, filename: str) -> str:
    return f"newsroom/{instance.release.organisation_id}/{filename}"


class ReleaseImage(TimeStamped):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(_("image"), upload_to=release_image_path, max_length=200)
    content_type = models.CharField(max_length=20)
    caption = TranslatedField(_("caption"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.file.name


class SourceText(TimeStamped):
    """A text a release version was imported from (pasted, uploaded or read from a folder),
    after page furniture was stripped; kept to recognise the same release imported again."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="sources")
    lang = models.CharField(_("language"), max_length=2, choices=LANG_CHOICES)
    name = models.CharField(_("file or source"), max_length=300, blank=True, default="")
    text = models.TextField(_("text"))
    fingerprint = models.CharField(max_length=64, db_index=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("imported text")
        verbose_name_plural = _("imported texts")

    def __str__(self) -> str:
        return f"{self.name or self.release} ({self.lang})"


class Mention(models.Model):
    """A name found in one language version of a release, linked to the directory where it could be."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisation")
        PERSON = "person", _("person")
        PLACE = "place", _("place")
        EVENT = "event", _("event")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="mentions")
    lang = models.CharField(_("language"), max_length=2, choices=LANG_CHOICES)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    detail = models.CharField(_("detail"), max_length=300, blank=True, default="")
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="news_mentions"
    )
    person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="news_mentions"
    )
    region = models.ForeignKey("core.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def target(self):
        return self.organisation or self.person or self.region


class Suggestion(TimeStamped):
    """A fact the directory does not hold yet, proposed from a release: a new organisation,
    a new person, or a new position of a person in an organisation."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("new organisation")
        PERSON = "person", _("new person")
        POSITION = "position", _("new position")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="suggestions")
    lang = models.CharField(_("language"), max_length=2, choices=LANG_CHOICES)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Whose directory entries the confirmed fact would change (for positions and people: the
    # organisation; for a new organisation: none, platform admins decide).
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="news_suggestions"
    )
    person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="news_suggestions"
    )
    name = models.CharField(_("name"), max_length=300)
    title = models.CharField(_("position"), max_length=300, blank=True, default="")
    data = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=400, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    result_type = models.CharField(max_length=60, blank=True, default="")
    result_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["status", "kind", "id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self) -> str:
        if self.kind == self.Kind.POSITION:
            return f"{self.name} — {self.title}"
        return self.name
