from django.contrib import admin

from kopir.core.audit import audit_record
from kopir.directory.models import Capability, Organisation, Person, Position, Unit
from kopir.directory.services import search_text_for


class SearchableAdmin(admin.ModelAdmin):
    """Admin edits keep the directory search in step and land in the audit log, as the services do."""

    def save_model(self, request, obj, form, change):
        obj.search_text = search_text_for(obj)
        super().save_model(request, obj, form, change)
        changes = {name: [form.initial.get(name), form.cleaned_data.get(name)] for name in form.changed_data}
        audit_record(
            actor=request.user, action=f"directory.{obj._meta.model_name}.{'updated' if change else 'created'}",
            target=obj, organisation=obj if isinstance(obj, Organisation) else getattr(obj, "organisation", None),
            changes=changes,
        )


@admin.register(Organisation)
class OrganisationAdmin(SearchableAdmin):
    list_display = ["slug", "name_kk", "name_ru", "name_en", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["slug", "name_kk", "name_ru", "name_en", "bin"]


@admin.register(Unit)
class UnitAdmin(SearchableAdmin):
    list_display = ["slug", "name_kk", "name_ru", "name_en", "kind", "organisation"]
    list_filter = ["kind", "organisation"]
    search_fields = ["slug", "name_kk", "name_ru", "name_en"]
    autocomplete_fields = ["organisation", "parent", "head"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organisation", "unit"]


@admin.register(Person)
class PersonAdmin(SearchableAdmin):
    list_display = ["slug", "full_name_kk", "full_name_ru", "full_name_en", "owner"]
    search_fields = ["slug", "full_name_kk", "full_name_ru", "full_name_en"]
    inlines = [PositionInline]
    autocomplete_fields = ["owner", "user"]


@admin.register(Capability)
class CapabilityAdmin(SearchableAdmin):
    list_display = ["slug", "title_kk", "title_ru", "title_en", "kind", "unit"]
    list_filter = ["kind", "organisation"]
    search_fields = ["slug", "title_kk", "title_ru", "title_en"]
    autocomplete_fields = ["unit", "people"]

    def save_model(self, request, obj, form, change):
        obj.organisation = obj.unit.organisation
        super().save_model(request, obj, form, change)
