"""Sign-in, profile and API tokens, organisation members and invitations, the audit log."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kopir.accounts import services
from kopir.accounts.access import require_admin
from kopir.accounts.forms import InvitationForm, ProfileForm, RoleForm, SignUpForm, TokenForm
from kopir.accounts.models import Membership
from kopir.core.models import AuditEntry
from kopir.directory.models import Organisation


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        user = services.user_signup(data=data, password=form.cleaned_data["password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to kopir."))
        return redirect(request.GET.get("next") or "core:home")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    # The form validates a copy, so the service sees what changed.
    form = ProfileForm(request.POST or None, instance=copy.copy(request.user), prefix="profile")
    token_form = TokenForm(prefix="token")
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, data={name: form.cleaned_data[name] for name in form.Meta.fields})
        messages.success(request, _("Saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {
        "form": form, "token_form": token_form, "tokens": request.user.api_tokens.all(),
        "memberships": request.user.memberships.select_related("organisation"),
    })


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST, prefix="token")
    if form.is_valid():
        _token, key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("Your new API token (shown only once): %(key)s") % {"key": key})
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_delete(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    token.delete()
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    require_admin(request.user, org)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _inv, link = services.invitation_create(
            actor=request.user, organisation=org, email=form.cleaned_data["email"], role=form.cleaned_data["role"],
            language=request.LANGUAGE_CODE,
        )
        messages.success(request, _("Invitation sent. You can also pass on this link: %(link)s") % {"link": link})
        return redirect("accounts:members", slug=slug)
    return render(request, "accounts/members.html", {
        "org": org, "form": form, "role_form": RoleForm(),
        "memberships": org.memberships.select_related("user").order_by("role", "user__username"),
        "invitations": org.invitations.filter(accepted_at__isnull=True),
    })


@login_required
@require_POST
def member_role(request, slug, pk):
    org = get_object_or_404(Organisation, slug=slug)
    require_admin(request.user, org)
    membership = get_object_or_404(Membership, pk=pk, organisation=org)
    form = RoleForm(request.POST)
    try:
        if request.POST.get("remove"):
            services.membership_remove(actor=request.user, membership=membership)
            messages.success(request, _("Member removed."))
        elif form.is_valid():
            services.membership_set(actor=request.user, user=membership.user, organisation=org,
                                    role=form.cleaned_data["role"])
            messages.success(request, _("Role changed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:members", slug=slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = services.invitation_by_token(token)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.invitation_accept(user=request.user, token=token)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("You are now a member of %(org)s.") % {"org": membership.organisation})
            return redirect(membership.organisation.get_absolute_url())
    return render(request, "accounts/invitation.html", {"invitation": invitation, "token": token})


@login_required
def audit_log(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    require_admin(request.user, org)
    entries = AuditEntry.objects.filter(organisation=org).select_related("actor")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit.html", {"org": org, "page": page, "action": action})
