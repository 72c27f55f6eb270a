import io

import pytest
from django.core.management import CommandError, call_command

from fazhi.accounts.models import User
from fazhi.records.models import Entry


def test_create_user_validates_password_and_records(district):
    with pytest.raises(CommandError, match="密码"):
        call_command("create_user", username="weak", name="弱密码", role="officer",
                     organisation=district.org_a.name, password="password1")
    assert not User.objects.filter(username="weak").exists()
    call_command("create_user", username="wang_scjg", name="王芳", role="body_admin",
                 organisation=district.org_a.name, password="Shichang#2026", stdout=io.StringIO())
    user = User.objects.get(username="wang_scjg")
    assert (user.role, user.organisation, user.full_name) == ("body_admin", district.org_a, "王芳")
    assert user.check_password("Shichang#2026")
    assert Entry.objects.filter(action="user.created", subject_id=str(user.public_id)).exists()


def test_create_user_refuses_unknown_organisation_and_duplicate_names(district):
    with pytest.raises(CommandError, match="找不到单位"):
        call_command("create_user", username="x1", name="某人", role="officer", organisation="不存在的局",
                     password="Shichang#2026")
    with pytest.raises(CommandError, match="已存在"):
        call_command("create_user", username="legal", name="重名", role="officer",
                     organisation=district.org_a.name, password="Shichang#2026")
