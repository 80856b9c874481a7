"""Per-field content translations.

A ``TranslatedField`` on a model stands for three concrete columns, one per
language (``name_kk``, ``name_ru``, ``name_en``), and reading the attribute
gives a ``TranslatedValue`` that renders in the active language and falls back
openly to another language where a translation is missing (ADR 0002).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGS = ("kk", "ru", "en")
LANG_NAMES = {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}
LANG_CODES_SHOWN = {"kk": "ҚАЗ", "ru": "РУС", "en": "ENG"}

# Where a text is missing in the visitor's language, which language to show
# instead: Kazakh and Russian readers read each other's language more often
# than English; English readers get Russian before Kazakh.
FALLBACK_ORDER = {
    "kk": ("kk", "ru", "en"),
    "ru": ("ru", "kk", "en"),
    "en": ("en", "ru", "kk"),
}


def active_language() -> str:
    lang = (get_language() or "kk")[:2]
    return lang if lang in LANGS else "kk"


@dataclass(frozen=True)
class TranslatedValue:
    """The value of a translated field for one object, resolved lazily per language."""

    values: dict

    def resolve(self, lang: str | None = None) -> tuple[str, str | None]:
        """Return ``(text, language_of_text)``; language is None when every version is empty."""
        lang = lang or active_language()
        for candidate in FALLBACK_ORDER.get(lang, LANGS):
            text = self.values.get(candidate) or ""
            if text.strip():
                return text, candidate
        return "", None

    def get(self, lang: str) -> str:
        return self.values.get(lang) or ""

    @property
    def text(self) -> str:
        return self.resolve()[0]

    @property
    def lang(self) -> str | None:
        return self.resolve()[1]

    @property
    def is_fallback(self) -> bool:
        lang = self.lang
        return lang is not None and lang != active_language()

    @property
    def languages(self) -> list[str]:
        return [lang for lang in LANGS if (self.values.get(lang) or "").strip()]

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.languages)


class _TranslatedDescriptor:
    def __init__(self, name: str):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return TranslatedValue({lang: getattr(instance, f"{self.name}_{lang}") for lang in LANGS})

    def __set__(self, instance, value):
        if isinstance(value, TranslatedValue):
            value = value.values
        if isinstance(value, str):
            value = {active_language(): value}
        for lang in LANGS:
            if lang in value:
                setattr(instance, f"{self.name}_{lang}", value[lang] or "")


class TranslatedField:
    """Adds one concrete column per language to a model and a resolving accessor.

    ``kind`` is ``"char"`` (with ``max_length``) or ``"text"``. ``required`` means
    at least one language must be filled; forms and services enforce it.
    """

    def __init__(self, verbose_name, *, kind: str = "char", max_length: int = 300, required: bool = False):
        self.verbose_name = verbose_name
        self.kind = kind
        self.max_length = max_length
        self.required = required

    def make_field(self, lang: str) -> models.Field:
        label = format_lazy("{} ({})", self.verbose_name, LANG_NAMES[lang])
        if self.kind == "text":
            return models.TextField(label, blank=True, default="")
        return models.CharField(label, max_length=self.max_length, blank=True, default="")

    def contribute_to_class(self, cls, name):
        for lang in LANGS:
            cls.add_to_class(f"{name}_{lang}", self.make_field(lang))
        setattr(cls, name, _TranslatedDescriptor(name))
        specs = dict(getattr(cls, "translated_fields", {}))
        specs[name] = self
        cls.translated_fields = specs


def translated_columns(name: str) -> list[str]:
    return [f"{name}_{lang}" for lang in LANGS]


def translated_order(name: str, lang: str | None = None):
    """An expression ordering rows by a translated field as the visitor reads it."""
    lang = lang or active_language()
    return Coalesce(*[NullIf(f"{name}_{code}", models.Value("")) for code in FALLBACK_ORDER[lang]], models.Value(""))
