from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kopir.core.models import Region, Sector
from kopir.insights.selectors import Filters


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.Form):
    """Region, sector and period above the dashboard (and for the report and exports)."""

    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects.all(),
                                    to_field_name="slug", empty_label=_("all regions"))
    sector = forms.ModelChoiceField(label=_("Sector"), required=False,
                                    queryset=Sector.objects.filter(level=Sector.Level.SECTION),
                                    to_field_name="code", empty_label=_("all sectors"))
    date_from = forms.DateField(label=_("from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("to"), required=False, widget=DateInput())

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            for short, full in (("from", "date_from"), ("to", "date_to")):
                if short in data and full not in data:
                    data[full] = data[short]
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise ValidationError(_("The period ends before it starts."))
        return cleaned

    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            return Filters()
        d = self.cleaned_data
        return Filters(region=d["region"].slug if d.get("region") else "",
                       sector=d["sector"].code if d.get("sector") else "",
                       date_from=d.get("date_from"), date_to=d.get("date_to"))
