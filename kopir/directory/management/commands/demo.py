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
        # A domain with demo content of its own offers kopir.<app>.demo with
        # prepare(progress) (before the directory is loaded) and/or load(progress) (after).
        modules = [m for m in (self._demo_module(app) for app in DOMAIN_DEMOS) if m is not None]
        for module in modules:
            if hasattr(module, "prepare"):
                module.prepare(progress=progress)
        result = demo_load(progress=progress)
        if not result["organisations"]:
            raise CommandError("No demo data found in the package.")
        for module in modules:
            if hasattr(module, "load"):
                module.load(progress=progress)
        self.stdout.write(self.style.SUCCESS("Demo loaded."))
        self._show_accounts()

    @staticmethod
    def _demo_module(app):
        try:
            return importlib.import_module(f"kopir.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"kopir.{app}.demo":
                raise
            return None

    def _show_accounts(self):
        path = settings.DATA_DIR / "demo-accounts.txt"
        if not settings.DEMO or not path.exists():
            return
        self.stdout.write("Demo accounts (user / password) — demo mode only:")
        for line in path.read_text(encoding="utf-8").splitlines():
            user, password = line.split("\t")
            self.stdout.write(f"  {user:<24} {password}")
