from django.contrib import admin

from kopir.core.models import AuditEntry, Region, Sector


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_kk", "name_ru", "name_en", "kind"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "name_ru", "name_en"]
    list_filter = ["level"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "organisation", "target_repr"]
    list_filter = ["action"]
    search_fields = ["action", "target_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
