"""``kopir matching_rebuild``: build the matching index again from the database alone."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Rebuild the matching index (labs, people, capabilities and open needs) from the database; "
            "embeddings already cached in the database are reused. Add --matches to recompute stored matches.")

    def add_arguments(self, parser):
        parser.add_argument("--matches", action="store_true", help="also recompute every open need's matches")

    def handle(self, *args, **options):
        from kopir.matching import store

        bars = {}

        def progress(side, done, total):
            width = 30
            filled = int(width * done / total) if total else width
            line = f"\r  {side:<7} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
            self.stdout.write(line, ending="")
            self.stdout.flush()
            bars[side] = total

        result = store.rebuild(progress=progress if options["verbosity"] else None)
        if bars:
            self.stdout.write("")
        for side, n in result.items():
            self.stdout.write(f"  {side}: {n} documents")
        if options["matches"]:
            from kopir.matching.tasks import store_matches
            from kopir.needs.models import Need

            needs = list(Need.objects.filter(status=Need.Status.OPEN).select_related("organisation", "sector"))
            for i, need in enumerate(needs, 1):
                store_matches(need)
                self.stdout.write(f"\r  matches [{i}/{len(needs)}]", ending="")
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Matching index rebuilt."))
