"""Uploaded files are recognised by what they contain, never by their name or declared type.

``sniff`` names the kind of a file from its first bytes (and, for Office files, the parts of the
zip package); ``check_upload`` applies a caller's size limit and list of accepted kinds, with the
caller's own messages.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable

from django.core.exceptions import ValidationError

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "webp": "image/webp",
}

_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
)


def _office_kind(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def sniff(upload) -> str | None:
    """The kind of file (a key of ``CONTENT_TYPES``) by its content, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload)
    return None


def upload_size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    return size


def check_upload(upload, *, kinds: Iterable[str], max_bytes: int, too_large: str, wrong_type: str,
                 empty: str | None = None) -> tuple[str, str]:
    """Return ``(kind, content type)`` of an accepted upload or raise ``ValidationError`` with the
    caller's message: ``too_large`` over ``max_bytes``, ``empty`` for no bytes at all (when given),
    ``wrong_type`` when the content is none of ``kinds``."""
    size = upload_size(upload)
    if size > max_bytes:
        raise ValidationError(too_large, code="too_large")
    if size == 0 and empty is not None:
        raise ValidationError(empty, code="empty")
    kind = sniff(upload)
    if kind not in kinds:
        raise ValidationError(wrong_type, code="type")
    return kind, CONTENT_TYPES[kind]
