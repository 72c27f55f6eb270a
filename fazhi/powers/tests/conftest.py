"""Fixtures shared by the powers tests (each area keeps its own module; add yours below)."""

from fazhi.powers.tests.items_fixtures import library  # noqa: F401 - the power-list tests' law library
