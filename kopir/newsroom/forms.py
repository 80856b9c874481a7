from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kopir.core.forms import TranslatedModelForm
from kopir.core.i18n import LANG_NAMES, LANGS, translated_columns
from kopir.directory.models import Organisation
from kopir.newsroom.models import Release, Tag
from kopir.newsroom.services import validate_image

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ReleaseForm(TranslatedModelForm):
    tags_text = forms.CharField(label=_("tags"), required=False, max_length=300,
                                help_text=_("Separate tags with commas."))
    images = MultipleFileField(label=_("images"), required=False,
                               help_text=_("PNG, JPEG or WebP, at most 5 MB each."))

    class Meta:
        model = Release
        fields = [*translated_columns("title"), *translated_columns("lead"), *translated_columns("body"),
                  "date", "status"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tags_text"].initial = ", ".join(str(t.name) for t in self.instance.tags.all())
        for lang in LANGS:
            self.fields[f"lead_{lang}"].widget.attrs["rows"] = 3

    def clean_images(self):
        images = self.cleaned_data.get("images") or []
        for upload in images:
            validate_image(upload)
        return images

    def clean(self):
        cleaned = super().clean()
        for lang in LANGS:
            if (cleaned.get(f"lead_{lang}") or cleaned.get(f"body_{lang}")) and not cleaned.get(f"title_{lang}"):
                self.add_error(f"title_{lang}", _("Each language version needs its own title."))
        return cleaned


class ImportForm(forms.Form):
    text = forms.CharField(label=_("Pasted text"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("Paste one release, with or without the page around it."))
    files = MultipleFileField(label=_("Files"), required=False,
                              help_text=_("Saved pages (.html) or plain texts (.txt), one release each."))
    lang = forms.ChoiceField(label=_("Language"), required=False,
                             choices=[("", _("detect")), *[(c, LANG_NAMES[c]) for c in LANGS]])
    tags_text = forms.CharField(label=_("tags"), required=False, max_length=300,
                                help_text=_("Separate tags with commas."))

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        for f in files:
            if not f.name.lower().endswith((".txt", ".html", ".htm")):
                raise ValidationError(_("Only .txt and .html files can be imported."))
            if f.size > MAX_IMPORT_BYTES:
                raise ValidationError(_("A file may be at most 5 MB."))
        return files

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not cleaned.get("files"):
            raise ValidationError(_("Paste a text or choose at least one file."))
        return cleaned

    def documents(self):
        """``[(name, text)]`` of the pasted text and each uploaded file."""
        docs = []
        if (self.cleaned_data.get("text") or "").strip():
            docs.append((str(_("pasted text")), self.cleaned_data["text"]))
        for f in self.cleaned_data.get("files") or []:
            raw = f.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1251", errors="replace")
            docs.append((f.name, text))
        return docs


class NewsFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    tag = forms.ModelChoiceField(label=_("Tag"), required=False, queryset=Tag.objects.all(), to_field_name="slug")
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False,
                                          queryset=Organisation.objects.filter(releases__isnull=False).distinct(),
                                          to_field_name="slug")
    lang = forms.ChoiceField(label=_("Language"), required=False,
                             choices=[("", _("any language")), *[(c, LANG_NAMES[c]) for c in LANGS]])

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].empty_label = _("any tag")
        self.fields["organisation"].empty_label = _("any organisation")
        if organisation is not None:
            del self.fields["organisation"]
