from django import forms
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import Role, User


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language"]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)


class SignUpForm(forms.ModelForm):
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=10)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    class Meta:
        model = User
        fields = ["username", "email", "first_name", "last_name", "language"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        else:
            from django.contrib.auth.password_validation import validate_password

            try:
                validate_password(cleaned.get("password1") or "", self.instance)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
