from django import forms
from django.utils.translation import gettext_lazy as _

from kopir.core.forms import TranslatedModelForm
from kopir.core.i18n import translated_columns
from kopir.core.models import Region, Sector
from kopir.directory.models import Capability, Organisation, Person, Position, Unit


def _cols(*names):
    return [c for n in names for c in translated_columns(n)]


class OrganisationForm(TranslatedModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [*_cols("name", "short_name", "description", "city"), "legal_form", "bin", "region", "sector", "website"]


class UnitForm(TranslatedModelForm):
    class Meta:
        model = Unit
        fields = [*_cols("name", "description"), "kind", "parent", "head", "sector"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["head"].queryset = Person.objects.filter(positions__organisation=organisation).distinct()
        self.fields["sector"].queryset = Sector.objects.filter(level=Sector.Level.DIVISION)


class PersonForm(TranslatedModelForm):
    class Meta:
        model = Person
        fields = [*_cols("full_name", "expertise", "bio"), "email"]


class CapabilityForm(TranslatedModelForm):
    class Meta:
        model = Capability
        fields = [*_cols("title", "description"), "kind", "people", "sector", "trl"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(positions__organisation=organisation).distinct()
        self.fields["people"].widget = forms.CheckboxSelectMultiple(choices=self.fields["people"].choices)
        self.fields["sector"].queryset = Sector.objects.filter(level=Sector.Level.DIVISION)


class DirectoryFilterForm(forms.Form):
    """The search box and filters above every directory list."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects.all(), to_field_name="slug")
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.filter(level=Sector.Level.SECTION), to_field_name="code"
    )

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds:
            self.fields["kind"].choices = [("", _("any kind")), *kinds]
        else:
            del self.fields["kind"]
        self.fields["region"].empty_label = _("any region")
        self.fields["sector"].empty_label = _("any sector")


class PositionForm(TranslatedModelForm):
    """A position of a person in the editor's organisation (and optionally one of its units)."""

    class Meta:
        model = Position
        fields = [*_cols("title"), "unit", "is_head"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_head") and not cleaned.get("unit"):
            self.add_error("unit", _("Choose the unit this person heads."))
        return cleaned
