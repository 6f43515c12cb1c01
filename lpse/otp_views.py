"""Second-factor pages: the code after the password, enrolment, recovery codes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import otp

SETUP_DEVICE_KEY = "lpse_otp_setup_device"


class CodeForm(forms.Form):
    kode = forms.CharField(
        label="Kode",
        max_length=20,
        help_text="Enam angka dari aplikasi autentikator, atau satu kode pemulihan (delapan karakter).",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class EnrolForm(forms.Form):
    kode = forms.CharField(
        label="Kode dari aplikasi",
        max_length=10,
        help_text="Enam angka yang tampil di aplikasi autentikator setelah kode QR dipindai.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _after(request) -> str:
    return otp.safe_next(request, reverse("lpse:after-login"))


@never_cache
@login_required
def otp_verify(request):
    """The second step of signing in: a code from the app or a recovery code."""
    user = request.user
    if otp.is_verified(request) or not request.session.get(otp.REQUIRED_KEY):
        return redirect(_after(request))
    if not otp.has_totp_device(user):
        return redirect(f"{reverse('lpse:otp-setup')}?next={_after(request)}")
    if otp.is_locked_out(request, user):
        return otp.lockout_response(request, user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            device = otp.verify_second_factor(user=user, code=form.cleaned_data["kode"], request=request)
            if device is not None:
                otp.session_verify(request=request, device=device)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    messages.warning(
                        request,
                        f"Kode pemulihan telah dipakai dan tidak berlaku lagi; tersisa {left}. "
                        "Buat kode baru dari halaman profil bila hampir habis.",
                    )
                return redirect(_after(request))
            if otp.is_locked_out(request, user):
                return otp.lockout_response(request, user)
            form.add_error(
                "kode",
                "Kode salah, sudah dipakai, atau sudah kedaluwarsa. Tunggu kode berikutnya di aplikasi lalu coba lagi.",
            )
        status = 400
    return render(request, "lpse/otp_verify.html", {"form": form, "next": _after(request)}, status=status)


@never_cache
@login_required
def otp_setup(request):
    """Enrol an authenticator app: QR code and key on the page, confirmed by its first code."""
    user = request.user
    if otp.has_totp_device(user) and not otp.is_verified(request):
        # Replacing the authenticator needs the current one first.
        return redirect(f"{reverse('lpse:otp-verify')}?next={_after(request)}")
    device = TOTPDevice.objects.filter(
        user=user, confirmed=False, pk=request.session.get(SETUP_DEVICE_KEY) or 0
    ).first()
    if device is None:
        device = otp.totp_device_start(user=user)
        request.session[SETUP_DEVICE_KEY] = device.pk
    form = EnrolForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            codes = otp.totp_device_confirm(device=device, code=form.cleaned_data["kode"])
            if codes is not None:
                request.session.pop(SETUP_DEVICE_KEY, None)
                otp.session_verify(request=request, device=device)
                request.session[otp.RECOVERY_CODES_KEY] = codes
                messages.success(request, "Verifikasi dua langkah aktif.")
                return redirect(f"{reverse('lpse:otp-recovery-codes')}?next={_after(request)}")
            form.add_error("kode", "Kode tidak cocok. Pastikan jam ponsel tepat, lalu masukkan kode yang tampil.")
        status = 400
    context = {
        "form": form,
        "qr": otp.totp_qr_data_uri(device),
        "secret": otp.totp_secret(device),
        "mandatory": otp.second_factor_mandatory(user),
        "next": _after(request),
    }
    return render(request, "lpse/otp_setup.html", context, status=status)


@never_cache
@login_required
def otp_recovery_codes(request):
    """Recovery codes, shown once; POST (after the second factor) makes a new set."""
    if request.method == "POST":
        if not otp.is_verified(request) or not otp.has_totp_device(request.user):
            messages.error(request, "Aktifkan verifikasi dua langkah terlebih dahulu.")
            return redirect("lpse:profil")
        request.session[otp.RECOVERY_CODES_KEY] = otp.recovery_codes_create(user=request.user)
        return redirect("lpse:otp-recovery-codes")
    codes = request.session.pop(otp.RECOVERY_CODES_KEY, None)
    return render(request, "lpse/otp_recovery_codes.html", {"codes": codes, "next": _after(request)})
