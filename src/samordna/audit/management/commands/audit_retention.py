from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from samordna.accounts.models import Association
from samordna.audit import appendonly, security
from samordna.audit.models import AuditEvent, SecurityEvent


class Command(BaseCommand):
    help = (
        "Remove an association's audit and security events older than a date — only after a "
        "decision on gallring (retention) or a legal duty to delete. The audit tables refuse "
        "every UPDATE and DELETE otherwise; this command is the one way through, and it "
        "records what it removed, why and when as a security event of its own."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="The association's slug.")
        parser.add_argument(
            "--before", required=True, help="Remove events recorded before this day, YYYY-MM-DD."
        )
        parser.add_argument(
            "--reason", required=True, help="The decision it follows (diarienummer, paragraf)."
        )
        parser.add_argument(
            "--confirm", action="store_true", help="Remove; without it, only count."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        association = Association.objects.filter(slug=options["association"]).first()
        if association is None:
            raise CommandError(f"Det finns inget förbund med kortnamnet {options['association']}.")
        try:
            day = datetime.date.fromisoformat(options["before"])
        except ValueError as exc:
            raise CommandError(
                f"--before: {options['before']} är inget datum (ÅÅÅÅ-MM-DD)."
            ) from exc
        reason = options["reason"].strip()
        if not reason:
            raise CommandError("--reason: ange beslutet som gallringen följer.")
        cutoff = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        audit = AuditEvent.objects.filter(association=association, created_at__lt=cutoff)
        secure = SecurityEvent.objects.filter(association=association, created_at__lt=cutoff)
        counts = audit.count(), secure.count()
        if not options["confirm"]:
            self.stdout.write(
                f"{counts[0]} ändringshändelser och {counts[1]} säkerhetshändelser före {day} "
                "skulle tas bort. Kör igen med --confirm för att ta bort dem."
            )
            return
        with appendonly.unlocked():
            removed_audit = audit._raw_delete(audit.db)
            removed_security = secure._raw_delete(secure.db)
            detail = (
                f"{removed_audit} ändringshändelser och {removed_security} säkerhetshändelser "
                f"före {day} borttagna. Beslut: {reason}"
            )
            security.record(SecurityEvent.Kind.RETENTION, association=association, detail=detail)
        self.stdout.write(detail)
