from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samordna.accounts import onboarding
from samordna.accounts.models import Association


class Command(BaseCommand):
    help = (
        "Associations (samordningsförbund): 'create' makes one with its standard parties, "
        "the FINSAM indicator set, analysis settings and interview guides, and invites its "
        "first director; 'list' shows every association."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create an association, all or nothing.")
        create.add_argument("--name", required=True, help="The association's name.")
        create.add_argument("--slug", required=True, help="Short name in addresses, e.g. roslagen.")
        create.add_argument(
            "--kommun",
            action="append",
            required=True,
            help="A member kommun by code or name (repeat for each), e.g. --kommun 0160.",
        )
        create.add_argument(
            "--region", default="", help="Kolada code of the region; derived from the kommuner."
        )
        create.add_argument("--director", default="", help="E-mail of the first director.")
        create.add_argument("--director-name", default="", help="Name of the first director.")
        sub.add_parser("list", help="Every association with its kommuner and members.")
        admin = sub.add_parser(
            "admin", help="Make a person a national administrator (or no longer one)."
        )
        admin.add_argument("email", help="The person's e-mail address (an existing account).")
        admin.add_argument("--revoke", action="store_true", help="Take the right away.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list()
            return
        if options["action"] == "admin":
            self._admin(options["email"], revoke=options["revoke"])
            return
        data = onboarding.NewAssociation(
            name=options["name"],
            slug=options["slug"],
            kommuner=options["kommun"],
            region=options["region"],
            director_email=options["director"],
            director_name=options["director_name"],
        )
        try:
            association = onboarding.create_association(
                data, actor_label="samordna association create"
            )
        except onboarding.OnboardingError as exc:
            raise CommandError(
                "Förbundet skapades inte:\n" + "\n".join(f"  – {m}" for m in exc.messages)
            ) from exc
        parties = ", ".join(association.parties.values_list("name", flat=True))
        self.stdout.write(
            f"{association.name} ({association.slug}) skapat med parterna {parties}.\n"
            f"Hämta statistik: samordna kolada fetch --set finsam --association "
            f"{association.slug} --years 2015-2024"
        )
        if data.director_email:
            self.stdout.write(f"En inbjudan har skickats till {data.director_email.lower()}.")

    def _admin(self, email: str, *, revoke: bool) -> None:
        from samordna.accounts.models import User
        from samordna.audit.context import acting_as

        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(
                f"Det finns ingen person med e-postadressen {email}; skapa kontot först "
                "(samordna createsuperuser, eller som medlem i ett förbund)."
            )
        with acting_as(None, "samordna association admin"):
            user.is_national_admin = not revoke
            user.save(update_fields=["is_national_admin"])
        state = "inte längre" if revoke else "nu"
        self.stdout.write(f"{user.email} är {state} nationell administratör.")

    def _list(self) -> None:
        for association in Association.objects.order_by("name"):
            kommuner = ", ".join(association.member_municipalities)
            members = association.memberships.count()
            self.stdout.write(
                f"{association.slug}\t{association.name}\t{kommuner}\t"
                f"{association.region_code}\t{members} medlemmar"
            )
