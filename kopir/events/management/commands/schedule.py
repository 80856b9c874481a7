"""``kopir schedule ...``: pass-through to the pure-Python scheduler CLI."""

from django.core.management.base import BaseCommand

from kopir.events.scheduler.cli import main


class Command(BaseCommand):
    help = "Schedule 1:1 brokerage meetings from a JSON instance (kopir schedule solve --help)."

    def run_from_argv(self, argv):  # argv = [prog, "schedule", ...]
        raise SystemExit(main(argv[2:]))
