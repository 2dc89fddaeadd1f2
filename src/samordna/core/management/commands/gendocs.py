from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from samordna.core.gendocs import cli_markdown, permissions_markdown


class Command(BaseCommand):
    help = "Write the generated reference pages docs/permissions.md and docs/cli.md."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--docs-dir",
            default=str(settings.PROJECT_DIR / "docs"),
            help="Folder to write into (default: the project's docs/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        docs = Path(options["docs_dir"])
        docs.mkdir(parents=True, exist_ok=True)
        (docs / "permissions.md").write_text(permissions_markdown(), encoding="utf-8")
        (docs / "cli.md").write_text(cli_markdown(), encoding="utf-8")
        self.stdout.write(f"Wrote {docs / 'permissions.md'} and {docs / 'cli.md'}.")
