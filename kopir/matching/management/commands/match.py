from django.core.management.base import BaseCommand

from kopir.matching.engine.cli import main


class Command(BaseCommand):
    help = "Rank and evaluate matches on plain files (kopir match rank|eval --help)."

    def run_from_argv(self, argv):  # argv = [prog, "match", ...]
        raise SystemExit(main(argv[2:]))
