from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samordna.accounts.models import Association
from samordna.sources.http import SourceError
from samordna.statistics import fetching
from samordna.statistics.cli import refusal, summary
from samordna.statistics.fileformat import ImportRefused


class Command(BaseCommand):
    help = (
        "PxWeb (SCB v2; Folkhälsomyndigheten and Skolverket v1): fetch a table selection into "
        "the warehouse as indicator INDICATOR (one indicator per value of any other multi-valued "
        "variable: INDICATOR.<code>). Region, time and sex become area, period and gender. "
        "Example: samordna pxweb fetch --table TAB6471 --indicator SCB_FOLKMANGD "
        "--title 'Folkmängd' --unit antal --select Region=12 --select Alder=* "
        "--select Kon=* --select Tid=2026M01"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        fetch = sub.add_parser("fetch", help="Fetch a table selection.")
        fetch.add_argument("--dialect", choices=["v1", "v2"], default="v2")
        fetch.add_argument(
            "--url", default="", help="v2: the API root (default SCB); v1: the table's URL."
        )
        fetch.add_argument("--table", default="", help="v2: the table id (TAB6471).")
        fetch.add_argument("--indicator", required=True, help="Indicator id to store under.")
        fetch.add_argument("--title", required=True, help="Indicator title.")
        fetch.add_argument("--unit", default="", help="Unit (antal, andel (%%), …).")
        fetch.add_argument("--source", default="", help="Source name (default: the table's).")
        fetch.add_argument(
            "--select",
            action="append",
            default=[],
            metavar="VARIABLE=CODE,CODE",
            help="Values of a variable; * for all. Repeat per variable.",
        )
        fetch.add_argument("--association", help="Association slug recorded on the load.")
        fetch.add_argument("--dry-run", action="store_true")
        fetch.add_argument("--offline", action="store_true", help="Read only the cache.")
        fetch.add_argument("--refresh", action="store_true", help="Ignore the cache.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dialect"] == "v2" and not options["table"]:
            raise CommandError("Ange --table för PxWeb v2 (t.ex. TAB6471).")
        if options["dialect"] == "v1" and not options["url"]:
            raise CommandError("Ange tabellens adress med --url för PxWeb v1.")
        wanted: dict[str, list[str]] = {}
        for item in options["select"]:
            name, sep, values = item.partition("=")
            if not sep or not name.strip() or not values.strip():
                raise CommandError(f"--select ”{item}” ska skrivas VARIABEL=kod,kod.")
            wanted[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
        association = None
        if options["association"]:
            association = Association.objects.filter(slug=options["association"]).first()
            if association is None:
                raise CommandError(
                    f"Det finns inget förbund med kortnamnet {options['association']}; "
                    "se samordna association list."
                )
        source = fetching.px_source(
            options["dialect"],
            options["url"],
            options["table"],
            offline=options["offline"],
            refresh=options["refresh"],
        )
        try:
            variables = fetching.px_variables(source)
            selection = fetching.px_selection(variables, wanted)
            outcome = fetching.fetch_pxweb(
                source,
                selection=selection,
                labels={name: labels for name, (_codes, labels) in variables.items()},
                indicator=options["indicator"],
                title=options["title"],
                unit=options["unit"],
                source_name=options["source"],
                association=association,
                dry_run=options["dry_run"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        except ImportRefused as refused:
            raise refusal(self.stderr, refused, "PxWeb-hämtningen") from refused
        finally:
            source.client.close()
        self.stdout.write(summary(outcome, "Hämtat från PxWeb", calls=source.client.calls))
