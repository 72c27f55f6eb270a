"""Officers and certificates for orgs tests, made through the public API as the legal affairs office.

orgs sits below personnel in the layer contract, so its tests may not import personnel; going through the API
keeps them inside the contract and exercises the write path at the same time.
"""

from __future__ import annotations

import itertools

from django.test import Client
from rest_framework.authtoken.models import Token

from fazhi.core.validators import id_check_char

_serial = itertools.count(1)


def id_number() -> str:
    first17 = f"15010519800101{next(_serial) % 1000:03d}"
    return first17 + id_check_char(first17)


def _client(user) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def make_officer(district, organisation, name: str, *, staff_type: str = "civil_servant") -> dict:
    response = _client(district.legal).post("/api/v1/officers/", {
        "name": name, "gender": "M", "id_number": id_number(), "organisation": str(organisation.public_id),
        "staff_type": staff_type, "post": "科员"}, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def make_certificate(district, officer: dict, number: str, category: str) -> dict:
    response = _client(district.legal).post("/api/v1/certificates/", {
        "officer": officer["id"], "number": number, "categories": [category], "area": "赛罕区",
        "valid_from": "2024-01-01"}, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()
