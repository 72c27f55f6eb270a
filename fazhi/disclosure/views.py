"""The public portal: no login, and every field shown comes from fazhi.disclosure.selectors."""

from django.shortcuts import render

from fazhi.disclosure import selectors
from fazhi.disclosure.forms import CertificateVerifyForm


def home(request):
    return render(request, "disclosure/home.html")


def certificate_verify(request):
    """GET ?number=…: anyone checks whether an enforcement certificate is valid today."""
    form = CertificateVerifyForm(request.GET if "number" in request.GET else None)
    result = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        result = selectors.certificate_verification(form.cleaned_data["number"])
    return render(request, "disclosure/certificate_verify.html",
                  {"form": form, "result": result, "searched": searched, "today": selectors.today()})


def certificate_qr(request, number: str):
    """The address printed as a QR code on a certificate: the same verdict, without typing the number."""
    form = CertificateVerifyForm(data={"number": number})
    result = selectors.certificate_verification(number)
    return render(request, "disclosure/certificate_verify.html",
                  {"form": form, "result": result, "searched": True, "today": selectors.today()})
