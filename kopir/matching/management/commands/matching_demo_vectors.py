from django.core.management.base import BaseCommand

from kopir.matching.demo import SEED, export


class Command(BaseCommand):
    help = "Write the cached embeddings of a freshly loaded demo to the package's demo seed file."

    def handle(self, *args, **options):
        count = export()
        self.stdout.write(f"{count} vectors written to {SEED}")
