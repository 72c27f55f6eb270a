"""Login security: log in and out, lockout after repeated failures (django-axes), password strength and idle
session expiry."""

import datetime as dt
import os
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from fazhi.accounts.enums import Role
from fazhi.accounts.tests.factories import TEST_PASSWORD, UserFactory

CJK = re.compile(r"[\u4e00-\u9fff]")
LOGIN = reverse("accounts:login")


@pytest.fixture
def user(db):
    return UserFactory(username="zhangsan", role=Role.OFFICER)


def login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_login_and_logout(client, user):
    response = login(client, "zhangsan", TEST_PASSWORD)
    assert response.status_code == 302 and response.url == reverse("web:workbench")
    assert is_logged_in(client)
    assert client.get(reverse("web:workbench")).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response.url == LOGIN
    assert not is_logged_in(client)
    assert client.get(reverse("web:workbench")).status_code == 302


def test_wrong_password_is_refused_with_a_chinese_message(client, user):
    response = login(client, "zhangsan", "wrong-Password-1")
    assert response.status_code == 200
    assert not is_logged_in(client)
    assert CJK.search(response.content.decode())
    assert AccessAttempt.objects.get(username="zhangsan").failures_since_start == 1


def lock_out(client, username="zhangsan"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, username, "wrong-Password-1")


def test_lockout_refuses_the_correct_password(client, user):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "zhangsan", "wrong-Password-1").status_code == 200, attempt
    # The failure that reaches the limit already answers with the locked page.
    response = login(client, "zhangsan", "wrong-Password-1")
    assert response.status_code == 429
    response = login(client, "zhangsan", TEST_PASSWORD)
    assert response.status_code == 429
    assert "账户已锁定" in response.content.decode()
    assert not is_logged_in(client)


def test_lockout_is_per_account(client, user):
    UserFactory(username="lisi")
    lock_out(client)
    assert login(Client(), "lisi", TEST_PASSWORD).status_code == 302


def test_lockout_ends_after_the_cool_off(client, user):
    lock_out(client)
    assert login(client, "zhangsan", TEST_PASSWORD).status_code == 429
    past = timezone.now() - settings.AXES_COOLOFF_TIME * dt.timedelta(hours=1) - dt.timedelta(minutes=1)
    AccessAttempt.objects.filter(username="zhangsan").update(attempt_time=past)
    response = login(client, "zhangsan", TEST_PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_axes_reset_unlocks(client, user):
    lock_out(client)
    assert login(client, "zhangsan", TEST_PASSWORD).status_code == 429
    call_command("axes_reset", verbosity=0)
    assert login(client, "zhangsan", TEST_PASSWORD).status_code == 302


def test_token_endpoint_counts_failures_and_respects_lockout(client, user):
    url = reverse("api:token")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "zhangsan", "password": "wrong-Password-1"})
        assert "token" not in response.json()
    # Locked by failures at the API: neither the token endpoint nor the login page accepts the right password.
    response = client.post(url, {"username": "zhangsan", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert login(client, "zhangsan", TEST_PASSWORD).status_code == 429


@pytest.mark.parametrize("weak", [
    "short1A!",        # shorter than 10
    "password123",     # common
    "8302749158302",   # numeric only
    "alllowercaseletters",  # one character class
    "zhangsan2026",    # close to the user name, two classes
])
def test_weak_passwords_are_rejected_in_chinese(user, weak):
    with translation.override(settings.LANGUAGE_CODE), pytest.raises(ValidationError) as info:
        password_validation.validate_password(weak, user=user)
    assert all(CJK.search(message) for message in info.value.messages), info.value.messages


def test_strong_password_is_accepted(user):
    password_validation.validate_password("Qiang-Mima-7431", user=user)


def test_password_change_page_enforces_strength(client, user):
    login(client, "zhangsan", TEST_PASSWORD)
    url = reverse("accounts:password_change")
    response = client.post(url, {"old_password": TEST_PASSWORD, "new_password1": "abcdefghij",
                                 "new_password2": "abcdefghij"})
    assert response.status_code == 200
    assert "三类" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
    response = client.post(url, {"old_password": TEST_PASSWORD, "new_password1": "Qiang-Mima-7431",
                                 "new_password2": "Qiang-Mima-7431"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Qiang-Mima-7431")


def test_session_expiry_settings():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # the idle clock restarts on every request
    assert int(os.environ.get("FAZHI_SESSION_IDLE_MINUTES", "30")) * 60 == settings.SESSION_COOKIE_AGE


def test_each_request_renews_the_session(client, user):
    login(client, "zhangsan", TEST_PASSWORD)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    client.get(reverse("web:workbench"))
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert remaining > dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_expired_session_redirects_to_login(client, user):
    login(client, "zhangsan", TEST_PASSWORD)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("web:workbench"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
