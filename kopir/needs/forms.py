from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopir.core.forms import TranslatedModelForm
from kopir.core.i18n import translated_columns
from kopir.core.models import Region, Sector
from kopir.needs.models import Need


class NeedForm(TranslatedModelForm):
    class Meta:
        model = Need
        fields = [*translated_columns("title"), *translated_columns("description"), "kind", "sector", "region",
                  "budget_min", "budget_max", "deadline", "visibility"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(level=Sector.Level.DIVISION)
        if organisations is not None:
            self.fields = {"organisation": forms.ModelChoiceField(
                label=_("on behalf of"), queryset=organisations, empty_label=None), **self.fields}

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", _("The upper budget must not be below the lower one."))
        deadline = cleaned.get("deadline")
        if deadline and "deadline" in self.changed_data and deadline < timezone.localdate():
            self.add_error("deadline", _("The deadline is in the past."))
        return cleaned


class NeedFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind of help"), required=False,
                             choices=[("", _("any kind")), *Need.Kind.choices])
    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects.all(),
                                    to_field_name="slug", empty_label=_("any region"))
    sector = forms.ModelChoiceField(label=_("Sector"), required=False,
                                    queryset=Sector.objects.filter(level=Sector.Level.SECTION), to_field_name="code",
                                    empty_label=_("any sector"))

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"q": data.get("q") or "", "kind": data.get("kind") or "",
                "region": data["region"].slug if data.get("region") else "",
                "sector": data["sector"].code if data.get("sector") else ""}


class DeclineForm(forms.Form):
    entity = forms.RegexField(regex=r"^(unit|person|cap):\d+$", widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Reason"))
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        from kopir.matching.models import Decline

        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = Decline.Reason.choices


class IntroduceForm(forms.Form):
    entity = forms.RegexField(regex=r"^(unit|person|cap):\d+$", widget=forms.HiddenInput)
    message = forms.CharField(label=_("Message"), required=False, max_length=2000)
