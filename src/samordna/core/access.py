"""Access rules: how every view and API operation reaches association data.

Every view is declared with exactly one rule, kept on the view function as
``view.access_rule`` so that the permission test can walk all URLs and fail
when one has none:

* ``public``: anyone, logged in or not (login page, password reset).
* ``authenticated``: any logged-in person (own password, own API tokens).
* ``national_admin``: a national administrator, above the associations
  (creating associations); anyone else gets 403.
* ``requires(perm)``: a member of the association named by the ``slug`` URL
  argument whose role holds ``perm``. A non-member gets 404, never 403, so
  that another association's data is not even confirmed to exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from samordna.accounts.models import Association, Membership
from samordna.accounts.roles import Perm

F = TypeVar("F", bound=Callable[..., Any])


class AssociationRequest(HttpRequest):
    """A request that passed ``requires``: it carries the association and membership."""

    association: Association
    membership: Membership


@dataclass(frozen=True)
class AccessRule:
    kind: str  # "public", "authenticated" or "permission"
    perm: Perm | None = None
    # Further permissions any one of which also opens the view (``view`` or ``view_own``).
    alternatives: tuple[Perm, ...] = ()

    def __str__(self) -> str:
        if self.perm is None:
            return self.kind
        return " | ".join(p.value for p in self.perms)

    @property
    def perms(self) -> tuple[Perm, ...]:
        return ((self.perm,) if self.perm is not None else ()) + self.alternatives

    def admits_role(self, role: str) -> bool:
        from samordna.accounts.roles import role_has

        return any(role_has(role, p) for p in self.perms)


PUBLIC = AccessRule("public")
AUTHENTICATED = AccessRule("authenticated")
NATIONAL = AccessRule("national")


def membership_for(user: Any, slug: str) -> Membership:
    """The user's membership in the association ``slug``; 404 when there is none."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (
        Membership.objects.select_related("association", "user")
        .filter(user=user, association__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def association_for(
    user: Any, slug: str, perm: Perm, *alternatives: Perm
) -> tuple[Association, Membership]:
    """The association ``slug`` if ``user`` is a member holding ``perm`` (or an alternative).

    Raises Http404 for a non-member and PermissionDenied for a member whose
    role lacks them all.
    """
    membership = membership_for(user, slug)
    if not membership.has_any(perm, *alternatives):
        raise PermissionDenied
    return membership.association, membership


def enter_association(request: HttpRequest, slug: str, perm: Perm, *alternatives: Perm) -> None:
    """Check access to association ``slug`` and put it and the membership on the request."""
    association, membership = association_for(request.user, slug, perm, *alternatives)
    request.association = association  # type: ignore[attr-defined]
    request.membership = membership  # type: ignore[attr-defined]


def mark_access(view: F, rule: AccessRule) -> F:
    """Record the view's access rule for the URL permission walk."""
    view.access_rule = rule  # type: ignore[attr-defined]
    return view


def public(view: F) -> F:
    """Anyone may call the view."""
    return mark_access(view, PUBLIC)


def authenticated(view: F) -> F:
    """Any logged-in person may call the view; others go to the login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return mark_access(cast(F, wrapper), AUTHENTICATED)


def national_admin(view: F) -> F:
    """Only national administrators (above the associations); others get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(request.user, "is_national_admin", False):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return mark_access(cast(F, wrapper), NATIONAL)


def requires(perm: Perm, *alternatives: Perm) -> Callable[[F], F]:
    """Only members of the ``slug`` association whose role holds ``perm`` or an alternative.

    Sets ``request.association`` and ``request.membership`` for the view. A view
    opened by a ``*_own`` permission still checks the object itself.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            enter_association(request, kwargs["slug"], perm, *alternatives)
            return view(request, *args, **kwargs)

        return mark_access(cast(F, wrapper), AccessRule("permission", perm, alternatives))

    return decorator
