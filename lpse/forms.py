from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Case, When
from django.template import loader

from .models import Pengumuman, User
from .roles import ALL_ROLES, check_role_combination

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    password = forms.CharField(
        label="Kata sandi", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": "Email atau kata sandi salah. Perhatikan huruf besar/kecil pada kata sandi.",
        "inactive": "Akun ini tidak aktif. Hubungi LPSE untuk mengaktifkannya kembali.",
    }


class OutboxPasswordResetForm(PasswordResetForm):
    """The reset link goes through the mail outbox like every other mail, so
    a slow or absent mail server never holds up (or breaks) the request."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from .mail import queue_email

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        queue_email(subject=subject, body=body, recipients=[to_email])


class PengumumanForm(forms.ModelForm):
    class Meta:
        model = Pengumuman
        fields = ["jenis", "judul", "isi", "mendesak", "mulai", "selesai"]
        widgets = {"mulai": DATETIME_INPUT, "selesai": DATETIME_INPUT, "isi": forms.Textarea(attrs={"rows": 6})}

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] <= data["mulai"]:
            self.add_error("selesai", "Waktu selesai harus setelah waktu mulai.")
        return data


class UserAdminForm(UserChangeForm):
    """Used by the admin: role changes are checked against Pasal 19(3).

    Built on Django's UserChangeForm so the password hash is shown read-only
    (with the link to set a new one), never as an editable text box.
    """

    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        field_classes = {}

    def clean_groups(self):
        groups = self.cleaned_data.get("groups") or Group.objects.none()
        try:
            check_role_combination([g.name for g in groups])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return groups


class RolesForm(forms.Form):
    """Give roles to a user (Kepala Unit's page and the admin use the rule)."""

    roles = forms.ModelMultipleChoiceField(
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Peran",
        help_text="Peran Unit LPSE tidak boleh digabung dengan PPK atau Pokja ULP/Pejabat Pengadaan (Pasal 19 ayat 3).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The unit's roles first, in the order of its organisation chart (Pasal 5), then outside users.
        order = Case(*[When(name=name, then=i) for i, name in enumerate(ALL_ROLES)], default=len(ALL_ROLES))
        self.fields["roles"].queryset = Group.objects.annotate(urutan=order).order_by("urutan", "name")

    def clean_roles(self):
        roles = self.cleaned_data["roles"]
        try:
            check_role_combination([g.name for g in roles])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return roles


class UserAddForm(forms.ModelForm):
    """Admin's add form: the person sets a password through the reset link."""

    class Meta:
        model = User
        fields = ["email", "nama_lengkap"]

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user
