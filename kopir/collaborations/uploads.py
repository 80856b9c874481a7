"""Collaboration documents are checked by what they contain, not by their name.

Accepted: PDF, DOCX and XLSX (zip packages with the Office content types), PNG and
JPEG, up to 10 MB.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kopir.core import uploads

MAX_BYTES = 10 * 1024 * 1024
KINDS = ("pdf", "docx", "xlsx", "png", "jpg")


def check_upload(upload) -> tuple[str, str]:
    """Return ``(extension, content type)`` or raise ``ValidationError``."""
    return uploads.check_upload(
        upload, kinds=KINDS, max_bytes=MAX_BYTES,
        too_large=_("The file is larger than 10 MB."), empty=_("The file is empty."),
        wrong_type=_("Only PDF, DOCX, XLSX, PNG and JPEG files are accepted."))
