from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from samordna.accounts.models import Association
from samordna.core.navigation import sections_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs: the current association, its navigation, the switcher."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    associations = (
        list(Association.objects.for_user(user))
        if user is not None and user.is_authenticated
        else []
    )
    match = getattr(request, "resolver_match", None)
    navigation = (
        sections_for(membership, request.path, match.namespace if match else "")
        if membership is not None
        else []
    )
    return {
        "current_association": getattr(request, "association", None),
        "current_membership": membership,
        "navigation": navigation,
        "current_section": next((s for s in navigation if s.current), None),
        "my_associations": associations,
    }
