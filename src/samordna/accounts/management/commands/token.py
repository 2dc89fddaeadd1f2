from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from samordna.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = (
        "Personal API tokens, the same as Konto › API-nycklar: 'create' prints a new token "
        "once (keep it secret), 'revoke' ends one, 'list' shows a person's tokens."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it once.")
        create.add_argument("--user", required=True, help="The person's e-mail address.")
        create.add_argument("--name", required=True, help="What the token is for.")
        create.add_argument("--expires", help="Last day it works, YYYY-MM-DD (default: never).")
        revoke = sub.add_parser("revoke", help="Revoke a token by its beginning (sam_…).")
        revoke.add_argument("--user", required=True, help="The person's e-mail address.")
        revoke.add_argument("--prefix", required=True, help="The token's first 12 characters.")
        listing = sub.add_parser("list", help="A person's tokens.")
        listing.add_argument("--user", required=True, help="The person's e-mail address.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["user"].strip()).first()
        if user is None:
            raise CommandError(
                f"Det finns ingen person med e-postadressen {options['user']}; "
                "lägg till personen i ett förbund först."
            )
        getattr(self, f"_{options['action']}")(user, options)

    def _create(self, user: User, options: dict[str, Any]) -> None:
        name = options["name"].strip()
        if not name or len(name) > 100:
            raise CommandError("Skriv vad nyckeln ska användas till (högst 100 tecken).")
        expires = None
        if options.get("expires"):
            try:
                day = datetime.date.fromisoformat(options["expires"])
            except ValueError as exc:
                raise CommandError("--expires ska skrivas ÅÅÅÅ-MM-DD, t.ex. 2027-06-30.") from exc
            if day < timezone.localdate():
                raise CommandError(f"Datumet {day} har redan varit; välj ett senare.")
            end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
            expires = timezone.make_aware(end)
        token, key = ApiToken.issue(user, name, expires_at=expires)
        self.stderr.write(
            f"Nyckeln ”{token.name}” för {user.email} visas bara nu; spara den säkert."
        )
        self.stdout.write(key)

    def _revoke(self, user: User, options: dict[str, Any]) -> None:
        token = user.api_tokens.filter(
            key_prefix=options["prefix"].strip()[:12], revoked_at__isnull=True
        ).first()
        if token is None:
            raise CommandError(
                f"{user.email} har ingen giltig nyckel som börjar med {options['prefix']}."
            )
        token.revoke()
        self.stdout.write(f"Nyckeln ”{token.name}” ({token.key_prefix}…) är återkallad.")

    def _list(self, user: User, options: dict[str, Any]) -> None:
        for token in user.api_tokens.all():
            state = "återkallad" if token.revoked_at else "giltig"
            expires = f", går ut {token.expires_at:%Y-%m-%d}" if token.expires_at else ""
            self.stdout.write(f"{token.key_prefix}…\t{token.name}\t{state}{expires}")
