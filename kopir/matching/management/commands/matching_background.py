from django.core.management.base import BaseCommand

from kopir.matching import reference, store


class Command(BaseCommand):
    help = "Embed the background texts (demo capability titles and descriptions) the matching scores are compared with."

    def handle(self, *args, **options):
        counts = reference.write(store.embedder())
        shown = ", ".join(f"{lang} {n}" for lang, n in counts.items())
        self.stdout.write(f"background of {shown} texts written to {reference.BACKGROUND_FILE}")
