import contextlib

import pytest
from django.db import connection, transaction

from fazhi.records import services as records
from fazhi.records import triggers


@contextlib.contextmanager
def triggers_lifted():
    """Tamper like someone who controls the database: drop the triggers, change rows, put the triggers back."""
    triggers.remove(connection)
    try:
        yield
    finally:
        triggers.install(connection)


def tamper(sql: str, params=()):
    with triggers_lifted(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def chain(db):
    """Five entries on one ledger; returns the ledger key."""
    key = "body:00000000-0000-0000-0000-0000000000aa"
    with transaction.atomic():
        for n in range(5):
            records.append(ledger_key=key, ledger_name="测试主体", actor=None, action="officer.changed",
                           subject_type="personnel.Officer", subject_id=f"00000000-0000-0000-0000-00000000000{n}",
                           payload={"n": n, "姓名": "张三"})
    return key
