"""Validation of Kazakhstan's business identification number (BIN)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS_FIRST = tuple(range(1, 12))
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def bin_check_digit(first_eleven: str) -> int | None:
    """The control digit for 11 digits, or None when no digit can be valid."""
    digits = [int(c) for c in first_eleven]
    remainder = sum(d * w for d, w in zip(digits, _WEIGHTS_FIRST, strict=True)) % 11
    if remainder == 10:
        remainder = sum(d * w for d, w in zip(digits, _WEIGHTS_SECOND, strict=True)) % 11
        if remainder == 10:
            return None
    return remainder


def validate_bin(value: str) -> None:
    """Raise a ValidationError with a message a user can act on when ``value`` is not a valid BIN."""
    if not value.isdigit() or len(value) != 12:
        raise ValidationError(
            _("A BIN has exactly 12 digits; you entered “%(value)s”."), code="bin_format", params={"value": value}
        )
    expected = bin_check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        raise ValidationError(
            _("The BIN “%(value)s” fails its check digit; please check it against the registration certificate."),
            code="bin_checksum",
            params={"value": value},
        )
