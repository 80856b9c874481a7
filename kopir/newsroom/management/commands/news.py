from django.core.management.base import BaseCommand

from kopir.newsroom.extract.cli import main


class Command(BaseCommand):
    help = "Extract facts from press releases on plain files (kopir news extract --help)."

    def run_from_argv(self, argv):  # argv = [prog, "news", ...]
        raise SystemExit(main(argv[2:]))
