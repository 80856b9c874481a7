import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kopir.core.refdata.loader import refdata_load
from kopir.directory.demo.loader import demo_load
from kopir.directory.models import Organisation

DOMAIN_DEMOS = ("needs", "matching", "collaborations", "events", "newsroom")


class Command(BaseCommand):
    help = "Load the demo data (kopir demo load); does nothing if the directory already has organisations."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])

    def handle(self, *args, **options):
        refdata_load()
        if Organisation.objects.exists():
            self.stdout.write("The directory already holds data; demo not loaded again.")
            self._show_accounts()
            return
        progress = lambda m: self.stdout.write(f"  {m}")  # noqa: E731
        result = demo_load(progress=progress)
        if not result["organisations"]:
            raise CommandError("No demo data found in the package.")
        # Each domain that has demo content of its own offers kopir.<app>.demo.load(progress).
        for app in DOMAIN_DEMOS:
            try:
                module = importlib.import_module(f"kopir.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"kopir.{app}.demo":
                    raise
                continue
            module.load(progress=progress)
        self.stdout.write(self.style.SUCCESS("Demo loaded."))
        self._show_accounts()

    def _show_accounts(self):
        path = settings.DATA_DIR / "demo-accounts.txt"
        if not settings.DEMO or not path.exists():
            return
        self.stdout.write("Demo accounts (user / password) — demo mode only:")
        for line in path.read_text(encoding="utf-8").splitlines():
            user, password = line.split("\t")
            self.stdout.write(f"  {user:<24} {password}")
