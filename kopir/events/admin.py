from django.contrib import admin

from kopir.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    Registration,
    Session,
    Stand,
)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["title_kk", "title_ru", "title_en", "starts_at", "ends_at", "room_kk", "room_ru", "room_en"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_kk", "title_ru", "title_en", "kind", "organiser", "start_date", "end_date"]
    list_filter = ["kind", "is_published", "registration_open", "brokerage_enabled"]
    search_fields = ["slug", "title_kk", "title_ru", "title_en"]
    autocomplete_fields = ["organiser", "organisations", "people", "part_of"]
    inlines = [SessionInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "participant_type", "status", "queued_at", "checked_in_at"]
    list_filter = ["status", "participant_type"]
    search_fields = ["user__username", "event__slug"]
    raw_id_fields = ["event", "user", "organisation", "units", "capabilities", "sessions", "unavailable_slots"]


@admin.register(Stand)
class StandAdmin(admin.ModelAdmin):
    list_display = ["event", "number", "organisation"]
    raw_id_fields = ["event", "organisation", "capabilities"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["event", "requester", "recipient", "status", "mutual"]
    list_filter = ["status"]
    raw_id_fields = ["event", "requester", "recipient"]


admin.site.register(MeetingSlot)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["slot", "table", "request", "locked"]
    raw_id_fields = ["request", "slot"]
