"""kopir news_import --organisation SLUG PATH... — import saved release pages (.html/.txt) in bulk."""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kopir.directory.models import Organisation
from kopir.newsroom import services

SUFFIXES = (".html", ".htm", ".txt")


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.is_file():
            found.append(p)
        else:
            raise CommandError(f"No such file or folder: {raw}")
    return found


class Command(BaseCommand):
    help = "Import existing press releases (folders of saved .html/.txt pages) for one organisation."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--organisation", "-o", required=True, help="slug of the publishing organisation")
        parser.add_argument("--user", help="username recorded as the importer (must be allowed to publish)")
        parser.add_argument("--lang", choices=["kk", "ru", "en"], help="language of every file (default: detect)")

    def handle(self, *args, paths, organisation, user=None, lang=None, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"Unknown organisation: {organisation}")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Unknown user: {user}")
            if not services.can_publish(actor, org):
                raise CommandError(f"{user} may not publish for {organisation}")
        files = _files(paths)
        counts: dict[str, int] = {}
        total = len(files)
        for n, path in enumerate(files, 1):
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1251", errors="replace")
            try:
                status = services.release_import(actor=actor, organisation=org, content=text, name=path.name,
                                                 lang=lang).status
            except ValidationError:
                status = "skipped"
            counts[status] = counts.get(status, 0) + 1
            self._progress(n, total, path.name)
        if total:
            sys.stderr.write("\n")
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "no files")

    def _progress(self, n: int, total: int, name: str) -> None:
        width = 30
        done = int(width * n / total)
        sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {n}/{total} {name[:40]:<40}")
        sys.stderr.flush()
