"""Login, logout, passwords and personal API tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samordna.accounts import invitations as invitation_service
from samordna.accounts.forms import ApiTokenForm
from samordna.accounts.models import ApiToken, Invitation, User
from samordna.audit import security
from samordna.audit.models import SecurityEvent
from samordna.core.access import authenticated, public
from samordna.core.converters import object_id
from samordna.core.pagination import paginate


class _PasswordChange(auth_views.PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        security.record(SecurityEvent.Kind.PASSWORD_CHANGED, request=self.request, user=form.user)
        return response


class _PasswordReset(auth_views.PasswordResetView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        typed = form.cleaned_data["email"]
        # The person it concerns, when there is one; the page answers the same either way.
        user = User.objects.filter(email__iexact=typed, is_active=True).first()
        kind = SecurityEvent.Kind.PASSWORD_RESET_REQUESTED
        security.record(kind, request=self.request, user=user, email=typed)
        return response


class _PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        kind = SecurityEvent.Kind.PASSWORD_RESET_DONE
        security.record(kind, request=self.request, user=form.user)
        return response


login = public(auth_views.LoginView.as_view(redirect_authenticated_user=True))
logout = public(auth_views.LogoutView.as_view())
password_change = authenticated(
    _PasswordChange.as_view(success_url=reverse_lazy("accounts:password_change_done"))
)
password_change_done = authenticated(auth_views.PasswordChangeDoneView.as_view())
password_reset = public(
    _PasswordReset.as_view(
        success_url=reverse_lazy("accounts:password_reset_done"),
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
    )
)
password_reset_done = public(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = public(
    _PasswordResetConfirm.as_view(success_url=reverse_lazy("accounts:password_reset_complete"))
)
password_reset_complete = public(auth_views.PasswordResetCompleteView.as_view())


@authenticated
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        expires = timezone.now() + timedelta(days=form.cleaned_data["expires_in_days"])
        _token, new_key = ApiToken.issue(request.user, form.cleaned_data["name"], expires)  # type: ignore[arg-type]
        form = ApiTokenForm()
    paged = paginate(request, ApiToken.objects.filter(user=request.user.pk).order_by("-created_at"))
    context = {"form": form, "tokens": paged.page, "paged": paged, "new_key": new_key}
    return render(request, "accounts/token_list.html", context)


@authenticated
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token.revoke()
    messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("accounts:token_list")


@authenticated
def invitations(request: HttpRequest) -> HttpResponse:
    """The person's own invitations: accept (becoming a member) or decline."""
    user = cast(User, request.user)  # @authenticated: never anonymous here
    if request.method == "POST":
        found = get_object_or_404(
            Invitation, pk=object_id(request.POST.get("invitation")), user=user
        )
        accept = request.POST.get("answer") == "accept"
        try:
            membership = invitation_service.answer(found, user, accept=accept)
        except invitation_service.InvitationError as exc:
            messages.error(request, str(exc))
        else:
            if membership is not None:
                name = membership.association.name
                messages.success(request, _("You are now a member of %(name)s.") % {"name": name})
                return redirect(membership.association)
            messages.success(request, _("The invitation was declined."))
        return redirect("accounts:invitations")
    pending = invitation_service.pending_for(user)
    return render(request, "accounts/invitations.html", {"invitations": pending})
