"""Events: a programme of sessions, registration with a waiting list, exhibitor
stands, and brokerage (1:1 meetings scheduled into slots at tables)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopir.core.i18n import TranslatedField
from kopir.core.models import Region, TimeStamped


class ParticipantType(models.TextChoices):
    ENTERPRISE = "enterprise", _("enterprise")
    UNIVERSITY = "university", _("university")
    GOVERNMENT = "government", _("government")
    STUDENT = "student", _("student")
    MEDIA = "media", _("media")


def all_participant_types() -> list[str]:
    return list(ParticipantType.values)


class Event(TimeStamped):
    class Kind(models.TextChoices):
        SCIENCE_WEEK = "science_week", _("science week")
        EXPO = "expo", _("expo")
        MEETUP = "meetup", _("meetup")
        MEETING = "meeting", _("meeting")
        SEMINAR = "seminar", _("seminar")
        MASTER_CLASS = "master_class", _("master class")
        CONFERENCE = "conference", _("conference")
        EXCURSION = "excursion", _("excursion")

    slug = models.SlugField(_("short address"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = TranslatedField(_("title"), max_length=300, required=True)
    description = TranslatedField(_("description"), kind="text")
    venue = TranslatedField(_("venue"), max_length=300)
    organiser = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="events_organised"
    )
    part_of = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="parts"
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished events are seen only by the organiser.")
    )
    organisations = models.ManyToManyField(
        "directory.Organisation", verbose_name=_("taking part"), blank=True, related_name="events"
    )
    people = models.ManyToManyField("directory.Person", verbose_name=_("guests and speakers"), blank=True,
                                    related_name="events")
    # registration
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.IntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit; a full event keeps a waiting list.")
    )
    participant_types = models.JSONField(_("who may register"), default=all_participant_types, blank=True)
    # brokerage
    brokerage_enabled = models.BooleanField(_("brokerage meetings"), default=False)
    meeting_tables = models.PositiveSmallIntegerField(_("meeting tables"), default=10)
    meeting_max_default = models.PositiveSmallIntegerField(_("meetings per participant"), default=6)
    schedule_computed_at = models.DateTimeField(null=True, blank=True, editable=False)
    schedule_status = models.CharField(max_length=20, blank=True, default="", editable=False)
    schedule_objective = models.FloatField(null=True, blank=True, editable=False)
    schedule_bound = models.FloatField(null=True, blank=True, editable=False)
    is_fictional = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["-start_date", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def is_past(self) -> bool:
        return self.end_date < timezone.localdate()

    @property
    def has_ended_or_ends_today(self) -> bool:
        return self.end_date <= timezone.localdate()

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        if self.capacity is not None and self.capacity < 0:
            errors["capacity"] = _("The number of places cannot be negative.")
        unknown = [t for t in (self.participant_types or []) if t not in ParticipantType.values]
        if unknown:
            errors["participant_types"] = _("Unknown participant type: %(types)s.") % {"types": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)

    def days(self) -> list:
        from datetime import timedelta

        n = (self.end_date - self.start_date).days
        return [self.start_date + timedelta(days=i) for i in range(max(n, 0) + 1)]

    def places_taken(self) -> int:
        """Registrations that hold a place (not waiting, not cancelled)."""
        return self.registrations.filter(status=Registration.Status.REGISTERED).count()

    def is_full(self) -> bool:
        return self.capacity is not None and self.places_taken() >= self.capacity


class Session(TimeStamped):
    """One item of the programme: a talk, a workshop, a visit; in a room at a time."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = TranslatedField(_("title"), max_length=300, required=True)
    description = TranslatedField(_("description"), kind="text")
    room = TranslatedField(_("room"), max_length=120)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    speakers = models.ManyToManyField("directory.Person", verbose_name=_("speakers"), blank=True,
                                      related_name="event_sessions")

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return str(self.title)


class Registration(TimeStamped):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    participant_type = models.CharField(_("participant type"), max_length=20, choices=ParticipantType.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    queued_at = models.DateTimeField(_("in line since"), default=timezone.now)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    sessions = models.ManyToManyField(Session, verbose_name=_("personal agenda"), blank=True, related_name="attendees")
    # brokerage profile
    offer = models.TextField(_("what I offer"), blank=True, default="")
    seek = models.TextField(_("what I seek"), blank=True, default="")
    units = models.ManyToManyField("directory.Unit", verbose_name=_("units"), blank=True, related_name="+")
    capabilities = models.ManyToManyField("directory.Capability", verbose_name=_("capabilities"), blank=True,
                                          related_name="+")
    max_meetings = models.PositiveSmallIntegerField(
        _("maximum meetings"), null=True, blank=True, help_text=_("Empty: the event's default.")
    )
    unavailable_slots = models.ManyToManyField("MeetingSlot", verbose_name=_("not available in"), blank=True,
                                               related_name="+")

    class Meta:
        ordering = ["queued_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_event")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.user.display_name()} @ {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.REGISTERED

    @property
    def has_profile(self) -> bool:
        return bool(self.offer.strip() or self.seek.strip())

    def meeting_cap(self) -> int:
        return self.event.meeting_max_default if self.max_meetings is None else self.max_meetings


class Stand(TimeStamped):
    """An exhibitor's stand at an expo."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stands")
    number = models.CharField(_("stand number"), max_length=20)
    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("exhibitor"), on_delete=models.PROTECT, related_name="stands"
    )
    description = TranslatedField(_("what is shown"), kind="text")
    capabilities = models.ManyToManyField("directory.Capability", verbose_name=_("capabilities shown"), blank=True,
                                          related_name="stands")

    class Meta:
        ordering = ["number", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="one_stand_per_number")]
        verbose_name = _("stand")
        verbose_name_plural = _("stands")

    def __str__(self) -> str:
        return f"{self.number} — {self.organisation}"


class MeetingSlot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        return f"{start:%Y-%m-%d %H:%M}–{timezone.localtime(self.ends_at):%H:%M}"


class MeetingRequest(TimeStamped):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests_sent")
    recipient = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests_received")
    message = models.TextField(_("message"), blank=True, default="")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    mutual = models.BooleanField(_("both asked"), default=False)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["requester", "recipient"], name="one_request_per_pair"),
            models.CheckConstraint(condition=~models.Q(requester=models.F("recipient")), name="no_request_to_self"),
        ]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")

    def __str__(self) -> str:
        return f"{self.requester.user.display_name()} → {self.recipient.user.display_name()}"

    def other(self, registration: Registration) -> Registration:
        return self.recipient if registration.pk == self.requester_id else self.requester


class Meeting(models.Model):
    """A scheduled meeting: an accepted request placed in a slot at a table."""

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="meetings")
    table = models.PositiveSmallIntegerField(_("table"))
    locked = models.BooleanField(_("locked"), default=False,
                                 help_text=_("A locked meeting keeps its slot when the plan is computed again."))

    class Meta:
        ordering = ["slot__starts_at", "table"]
        constraints = [models.UniqueConstraint(fields=["slot", "table"], name="one_meeting_per_table")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.slot} · {self.table} · {self.request}"
