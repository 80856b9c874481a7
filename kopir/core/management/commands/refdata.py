from django.core.management.base import BaseCommand

from kopir.core.refdata.loader import refdata_load


class Command(BaseCommand):
    help = "Load or refresh Kazakhstan's regions and OKED sectors."

    def handle(self, *args, **options):
        counts = refdata_load()
        self.stdout.write(f"regions: {counts['regions']}, sectors: {counts['sectors']}")
