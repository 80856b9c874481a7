from django import forms
from django.utils.translation import gettext_lazy as _

from kopir.core.forms import TranslatedModelForm
from kopir.core.i18n import translated_columns
from kopir.core.models import Region
from kopir.directory.models import Capability, Organisation, Person, Unit
from kopir.events.models import Event, ParticipantType, Session, Stand


def _cols(*names):
    return [c for n in names for c in translated_columns(n)]


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(TranslatedModelForm):
    participant_types = forms.MultipleChoiceField(
        label=_("who may register"), choices=ParticipantType.choices, widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Event
        fields = [*_cols("title", "description", "venue"), "kind", "organiser", "part_of", "region", "start_date",
                  "end_date", "is_published", "registration_open", "capacity", "participant_types",
                  "brokerage_enabled", "organisations"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        self.fields["organiser"].empty_label = None
        if self.instance.pk:
            del self.fields["organiser"]
            parents = Event.objects.filter(organiser=self.instance.organiser).exclude(pk=self.instance.pk)
        else:
            parents = Event.objects.filter(organiser__in=organisers)
        self.fields["part_of"].queryset = parents
        self.fields["region"].queryset = Region.objects.all()
        self.fields["organisations"].queryset = Organisation.objects.all()
        self.fields["organisations"].widget.attrs["size"] = 8
        self.fields["capacity"].widget.attrs["min"] = 0
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("participant_types", list(ParticipantType.values))

    def clean_capacity(self):
        value = self.cleaned_data.get("capacity")
        if value is not None and value < 0:
            raise forms.ValidationError(_("The number of places cannot be negative."))
        return value


class SessionForm(TranslatedModelForm):
    class Meta:
        model = Session
        fields = [*_cols("title", "description", "room"), "starts_at", "ends_at", "speakers"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(
            positions__organisation__in=[event.organiser_id, *event.organisations.values_list("pk", flat=True)]
        ) | event.people.all()
        self.fields["speakers"].queryset = people.distinct()
        self.fields["speakers"].widget.attrs["size"] = 8
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class RegistrationForm(forms.Form):
    participant_type = forms.ChoiceField(label=_("I come as"))
    organisation = forms.ModelChoiceField(label=_("on behalf of"), required=False, queryset=Organisation.objects.none())

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = event.participant_types or []
        self.fields["participant_type"].choices = [(v, lbl) for v, lbl in ParticipantType.choices if v in allowed]
        orgs = Organisation.objects.filter(memberships__user=user)
        self.fields["organisation"].queryset = orgs
        self.fields["organisation"].empty_label = _("myself")
        first = orgs.first()
        if first is not None and not self.is_bound:
            self.initial["organisation"] = first.pk
            kind = {"university": "university", "research_institute": "university", "government": "government",
                    "enterprise": "enterprise"}.get(first.kind)
            if kind in allowed:
                self.initial["participant_type"] = kind


class StandForm(TranslatedModelForm):
    class Meta:
        model = Stand
        fields = ["number", "organisation", *_cols("description"), "capabilities"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        org_ids = [event.organiser_id, *event.organisations.values_list("pk", flat=True)]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=org_ids)
        caps = Capability.objects.filter(organisation_id__in=org_ids).select_related("organisation")
        if self.instance.pk:
            caps = caps.filter(organisation=self.instance.organisation)
        self.fields["capabilities"].queryset = caps
        self.fields["capabilities"].widget.attrs["size"] = 10
        self.fields["capabilities"].help_text = _("Only the exhibitor's own capabilities can be shown.")


class ProfileForm(forms.Form):
    offer = forms.CharField(label=_("What I offer"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                            max_length=3000)
    seek = forms.CharField(label=_("What I seek"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=3000)
    units = forms.ModelMultipleChoiceField(label=_("Our units"), required=False, queryset=Unit.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)
    capabilities = forms.ModelMultipleChoiceField(label=_("Our capabilities"), required=False,
                                                  queryset=Capability.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.filter(memberships__user=user)
        self.fields["units"].queryset = Unit.objects.filter(organisation__in=orgs)
        self.fields["capabilities"].queryset = Capability.objects.filter(organisation__in=orgs)
        self.fields["capabilities"].widget.attrs["size"] = 8


class MeetingRequestForm(forms.Form):
    message = forms.CharField(label=_("Message"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class SlotGridForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DateInput())
    start = forms.TimeField(label=_("First meeting starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Last meeting ends by"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=_("Minutes per meeting"), min_value=5, max_value=240, initial=20)
    breaks = forms.CharField(label=_("Breaks"), required=False, max_length=300,
                             help_text=_("For example: 11:00-11:15, 13:00-14:00"))
    tables = forms.IntegerField(label=_("Tables"), min_value=1, max_value=500)
    max_meetings = forms.IntegerField(label=_("Meetings per participant"), min_value=0, max_value=100)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if not self.is_bound:
            self.initial.update({"day": event.start_date, "tables": event.meeting_tables,
                                 "max_meetings": event.meeting_max_default})

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The meeting day must end after it starts."))
        day = cleaned.get("day")
        if day and not (self.event.start_date <= day <= self.event.end_date):
            self.add_error("day", _("Choose a day of the event."))
        return cleaned


class AvailabilityForm(forms.Form):
    max_meetings = forms.IntegerField(label=_("Maximum meetings"), min_value=0, max_value=100, required=False,
                                      help_text=_("Empty: the event's default."))
    available = forms.ModelMultipleChoiceField(label=_("Available in"), queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        slots = registration.event.slots.order_by("starts_at", "id")
        self.fields["available"].queryset = slots
        if not self.is_bound:
            away = set(registration.unavailable_slots.values_list("pk", flat=True))
            self.initial.update({"max_meetings": registration.max_meetings,
                                 "available": [s.pk for s in slots if s.pk not in away]})


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("any kind")), *Event.Kind.choices])
    when = forms.ChoiceField(label=_("When"), required=False,
                             choices=[("", _("any time")), ("upcoming", _("upcoming")), ("past", _("past"))])
    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects.all(),
                                    to_field_name="slug", empty_label=_("any region"))
