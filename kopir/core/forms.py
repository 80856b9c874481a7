"""Form pieces shared by the domains: translated fields entered per language."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from kopir.core.i18n import LANG_NAMES, LANGS, translated_columns


class TranslatedModelForm(forms.ModelForm):
    """A ModelForm that lays out each translated field as one input per language.

    At least one language is required for the model's required translated fields;
    the error says so in the user's language.
    """

    def translated_groups(self):
        """``[(label, [bound fields kk, ru, en]), ...]`` for the template."""
        groups = []
        for name, spec in self._meta.model.translated_fields.items():
            cols = [c for c in translated_columns(name) if c in self.fields]
            if cols:
                groups.append((spec.verbose_name, spec.required, [self[c] for c in cols]))
        return groups

    def plain_fields(self):
        translated = {c for name in self._meta.model.translated_fields for c in translated_columns(name)}
        return [self[name] for name in self.fields if name not in translated]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.model.translated_fields:
            for lang in LANGS:
                field = self.fields.get(f"{name}_{lang}")
                if field is not None:
                    field.label = LANG_NAMES[lang]
                    field.widget.attrs["lang"] = lang

    def clean(self):
        cleaned = super().clean()
        for name, spec in self._meta.model.translated_fields.items():
            cols = [c for c in translated_columns(name) if c in self.fields]
            if spec.required and cols and not any((cleaned.get(c) or "").strip() for c in cols):
                self.add_error(cols[0], _("Fill in “%(field)s” in at least one language.") % {"field": spec.verbose_name})
        return cleaned

    def cleaned_fields(self) -> dict:
        """Every form field's cleaned value; the service compares them with the row and keeps
        what changed (``core.services.instance_update``)."""
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}
