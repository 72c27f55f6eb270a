"""Property tests of the checksummed identifiers: USCC (GB 32100-2015) and resident ID numbers (GB 11643-1999)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from fazhi.core.validators import (
    ID_CHECK,
    USCC_ALPHABET,
    id_check_char,
    is_valid_id_number,
    is_valid_uscc,
    mask_id_number,
    uscc_check_char,
    validate_id_number,
    validate_uscc,
)

uscc_bodies = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@given(uscc_bodies)
def test_appending_the_check_char_gives_a_valid_uscc(body):
    code = body + uscc_check_char(body)
    assert is_valid_uscc(code)
    validate_uscc(code)
    assert is_valid_uscc(code.lower())  # entered in lower case, still the same code


@given(uscc_bodies, st.integers(0, 17), st.sampled_from(USCC_ALPHABET))
def test_any_single_character_change_invalidates_a_uscc(body, position, replacement):
    code = body + uscc_check_char(body)
    assume(code[position] != replacement)
    changed = code[:position] + replacement + code[position + 1:]
    assert not is_valid_uscc(changed)
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        validate_uscc(changed)


@given(uscc_bodies, st.sampled_from("IOSVZ!-. "), st.integers(0, 17))
def test_uscc_outside_the_alphabet_or_of_wrong_length_is_invalid(body, bad, position):
    code = body + uscc_check_char(body)
    assert not is_valid_uscc(code[:position] + bad + code[position + 1:])
    assert not is_valid_uscc(code[:-1])
    assert not is_valid_uscc(code + "0")


def test_a_published_uscc_is_valid():
    assert is_valid_uscc("91350100M000100Y43")  # the GB 32100-2015 example
    assert not is_valid_uscc("91350100M000100Y44")


regions = st.sampled_from(["150105", "110101", "440305", "510107", "650102"])
births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today())
sequences = st.integers(0, 999)


def id_body(region, birth, seq) -> str:
    return f"{region}{birth:%Y%m%d}{seq:03d}"


@given(regions, births, sequences)
def test_appending_the_check_char_gives_a_valid_id_number(region, birth, seq):
    body = id_body(region, birth, seq)
    number = body + id_check_char(body)
    assert is_valid_id_number(number)
    validate_id_number(number)


@given(regions, births, sequences, st.integers(0, 17), st.integers(0, 9))
def test_any_single_digit_change_invalidates_an_id_number(region, birth, seq, position, digit):
    body = id_body(region, birth, seq)
    number = body + id_check_char(body)
    replacement = str(digit)
    assume(number[position] != replacement)
    changed = number[:position] + replacement + number[position + 1:]
    # GB 11643's mod-11 check detects every single-character substitution (the weights are coprime to 11).
    assert not is_valid_id_number(changed)
    with pytest.raises(ValidationError, match="身份证"):
        validate_id_number(changed)


@given(regions, births, sequences)
def test_x_check_character(region, birth, seq):
    body = id_body(region, birth, seq)
    check = id_check_char(body)
    if check == "X":
        assert is_valid_id_number(body + "X")
        assert is_valid_id_number(body + "x")  # lower case x is accepted …
    else:
        assert not is_valid_id_number(body + "X")  # … and X is only valid where the checksum gives 10
    assert not is_valid_id_number(body[:-1] + "X" + check)  # X only in the last place


@given(regions, st.dates(min_value=dt.date.today() + dt.timedelta(days=1), max_value=dt.date(2199, 12, 31)),
       sequences)
def test_future_birth_dates_are_invalid(region, birth, seq):
    body = id_body(region, birth, seq)
    assert not is_valid_id_number(body + id_check_char(body))


@pytest.mark.parametrize("birth", ["19850230", "19851301", "19850000", "18991231"])
def test_impossible_birth_dates_are_invalid(birth):
    body = f"150105{birth}123"
    assert not is_valid_id_number(body + id_check_char(body))


def test_check_table_is_the_standard_one():
    assert ID_CHECK == "10X98765432"
    assert is_valid_id_number("11010519491231002X")  # the GB 11643-1999 example


@given(st.text(alphabet="0123456789X", min_size=11, max_size=18))
def test_masking_keeps_only_the_first_six_and_last_four(value):
    masked = mask_id_number(value)
    assert len(masked) == len(value)
    assert masked[:6] == value[:6]
    assert masked[-4:] == value[-4:]
    assert set(masked[6:-4]) <= {"*"}


@given(st.text(alphabet="0123456789X", max_size=10))
def test_masking_short_values_hides_everything(value):
    assert mask_id_number(value) == "*" * len(value)
