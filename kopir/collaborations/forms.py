from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopir.collaborations.models import CloseReason, Collaboration, Document, Stage
from kopir.collaborations.transitions import allowed_targets
from kopir.core.forms import TranslatedModelForm
from kopir.core.i18n import translated_columns
from kopir.core.models import Sector
from kopir.directory.models import Organisation, Unit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OpenForm(TranslatedModelForm):
    """Open a collaboration by hand: an enterprise and a university unit."""

    started_on = forms.DateField(label=_("started on"), required=False, widget=DateInput())

    class Meta:
        model = Collaboration
        fields = [*translated_columns("title"), *translated_columns("summary"), "enterprise", "unit", "government"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from kopir.accounts.access import is_platform_admin, member_roles
        from kopir.collaborations.access import OPEN_ROLES

        enterprises = Organisation.objects.filter(kind=Organisation.Kind.ENTERPRISE)
        units = Unit.objects.filter(
            organisation__kind__in=[Organisation.Kind.UNIVERSITY, Organisation.Kind.RESEARCH_INSTITUTE])
        if not is_platform_admin(user):
            # A liaison officer opens collaborations of their own side with any partner of the other side.
            own = [pk for pk, role in member_roles(user).items() if role in OPEN_ROLES]
            own_enterprise = enterprises.filter(pk__in=own).exists()
            own_university = units.filter(organisation_id__in=own).exists()
            enterprises = enterprises if own_university else enterprises.filter(pk__in=own)
            units = units if own_enterprise else units.filter(organisation_id__in=own)
        self.fields["enterprise"].queryset = enterprises
        self.fields["unit"].queryset = units.select_related("organisation")
        self.fields["unit"].label_from_instance = lambda u: f"{u.organisation} — {u}"
        self.fields["government"].queryset = Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT)
        self.fields["started_on"].initial = timezone.localdate()

    def _post_clean(self):
        # The service builds and validates the collaboration; the form only checks its inputs.
        pass


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"))
    happened_on = forms.DateField(label=_("date"), required=False, widget=DateInput())
    reason = forms.ChoiceField(label=_("reason for closing"), required=False,
                               choices=[("", "—"), *CloseReason.choices])
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    document_kind = forms.ChoiceField(label=_("kind of document"), required=False,
                                      choices=[("", "—"), *Document.Kind.choices])
    document = forms.FileField(label=_("document (PDF, DOCX, XLSX, PNG or JPEG, up to 10 MB)"), required=False)

    def __init__(self, *args, collaboration, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Stage.choices)
        self.fields["to_stage"].choices = [
            (s, labels[s]) for s in allowed_targets(collaboration.stage,
                                                    stage_before_close=collaboration.stage_before_close)]
        self.fields["happened_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("document") and not cleaned.get("document_kind"):
            self.add_error("document_kind", _("Choose the kind of document."))
        return cleaned

    def documents(self):
        upload = self.cleaned_data.get("document")
        return [(self.cleaned_data["document_kind"], upload)] if upload else []


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind of document"), choices=Document.Kind.choices)
    file = forms.FileField(label=_("file (PDF, DOCX, XLSX, PNG or JPEG, up to 10 MB)"))


class OutcomesForm(TranslatedModelForm):
    class Meta:
        model = Collaboration
        fields = ["contract_value_kzt", "people_trained", "products_introduced", "processes_introduced",
                  *translated_columns("outcomes_note")]


class BoardFilterForm(forms.Form):
    """The filters above the board."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("any stage")), *Stage.choices])
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.filter(level=Sector.Level.SECTION),
        to_field_name="code", empty_label=_("any sector"))
    partner = forms.ModelChoiceField(label=_("Partner"), required=False, queryset=Organisation.objects.none(),
                                     to_field_name="slug", empty_label=_("any partner"))
    stale = forms.BooleanField(label=_("only stale"), required=False)

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners
