"""The national administrator's pages: every association, and a new one."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samordna.accounts import onboarding
from samordna.accounts.forms import NewAssociationForm
from samordna.accounts.models import Association
from samordna.core.access import national_admin
from samordna.core.pagination import paginate
from samordna.statistics.models import Area


@national_admin
def association_admin_list(request: HttpRequest) -> HttpResponse:
    associations = Association.objects.annotate(
        member_count=Count("memberships", distinct=True)
    ).order_by("name", "pk")
    paged = paginate(request, associations)
    context = {"associations": paged.page, "paged": paged}
    return render(request, "accounts/national_list.html", context)


@national_admin
def association_new(request: HttpRequest) -> HttpResponse:
    """New association: fill from the known list, add kommun rows, or create."""
    known = {k.key: k for k in onboarding.known_forbund()}
    action = request.POST.get("action", "") if request.method == "POST" else ""
    notes: list[str] = []
    errors: list[str] = []
    if action == "fill" and request.POST.get("known") in known:
        chosen = known[request.POST["known"]]
        form = NewAssociationForm(initial=NewAssociationForm.initial_for(chosen))
        notes = NewAssociationForm.notes_for(chosen)
    elif action in {"more", "create"}:
        form = NewAssociationForm(request.POST, extra_rows=3 if action == "more" else 0)
        if action == "create" and form.is_valid():
            try:
                association = onboarding.create_association(
                    form.new_association(),
                    actor=request.user,  # type: ignore[arg-type]
                    site_url=f"{request.scheme}://{request.get_host()}",
                )
            except onboarding.OnboardingError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    _("%(name)s was created with its parties and indicator set.")
                    % {"name": association.name},
                )
                return redirect("national:association_list")
    else:
        form = NewAssociationForm()
    areas = Area.objects.filter(kind=Area.Kind.MUNICIPALITY).order_by("name")
    context = {
        "form": form,
        "known": list(known.values()),
        "kommun_options": [f"{a.name} ({a.code})" for a in areas],
        "notes": notes,
        "errors": errors,
    }
    return render(request, "accounts/national_new.html", context)
