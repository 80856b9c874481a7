"""The dashboard's tables as plain rows, shared by the page, the CSV/XLSX exports and the PDF."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext_lazy as _

from kopir.collaborations.models import Stage

FUNNEL_LABELS = {
    "needs": _("needs posted"),
    "matched": _("needs with a good match"),
    "introduced": Stage.INTRODUCED.label,
    "meeting_held": Stage.MEETING_HELD.label,
    "proposal": Stage.PROPOSAL.label,
    "agreement_signed": Stage.AGREEMENT_SIGNED.label,
    "in_progress": Stage.IN_PROGRESS.label,
    "implemented": Stage.IMPLEMENTED.label,
    "closed": Stage.CLOSED.label,
}

TABLE_TITLES = {
    "funnel": _("Funnel"),
    "region": _("By region"),
    "sector": _("By sector"),
    "university": _("By university"),
    "enterprise": _("By enterprise"),
    "labs": _("Most active labs"),
    "unmatched": _("Needs without a good match"),
    "monthly": _("Per month"),
}
TABLES = tuple(TABLE_TITLES)

BREAKDOWN_COLUMNS = [
    ("started", _("started")), ("agreements", _("agreements signed")), ("implemented", _("implemented")),
    ("closed", _("closed")), ("contract_value_kzt", _("contract value, KZT")),
    ("people_trained", _("people trained")), ("products", _("products introduced")),
    ("processes", _("processes introduced")),
]
KEY_HEADERS = {"region": _("region"), "sector": _("sector"), "university": _("university"),
               "enterprise": _("enterprise")}


def _name(obj) -> str:
    if obj is None:
        return str(_("not given"))
    if hasattr(obj, "code") and hasattr(obj, "name"):
        return f"{obj.code} — {obj.name}"
    return str(obj)


def rows_of(table: str, data: dict) -> tuple[list[str], list[list]]:
    """``(headers, rows)`` of one table, in the active language."""
    if table == "funnel":
        return [str(_("stage")), str(_("count"))], [[str(FUNNEL_LABELS[k]), v] for k, v in data["funnel"].items()]
    if table in KEY_HEADERS:
        headers = [str(KEY_HEADERS[table]), *[str(label) for _k, label in BREAKDOWN_COLUMNS]]
        rows = [[_name(r["key"]), *[r[k] for k, _label in BREAKDOWN_COLUMNS]] for r in data["tables"][table]]
        return headers, rows
    if table == "labs":
        headers = [str(_("lab or unit")), str(_("university")), str(_("collaborations")),
                   str(_("agreements signed")), str(_("implemented"))]
        return headers, [[str(r["unit"]), str(r["university"]), r.get("collaborations", 0), r.get("agreements", 0),
                          r.get("implemented", 0)] for r in data["labs"]]
    if table == "unmatched":
        headers = [str(_("need")), str(_("kind of help")), str(_("sector")), str(_("region")), str(_("posted"))]
        return headers, [[str(r["need"]) if r["need"] else str(_("(confidential)")), str(r["kind"]),
                          _name(r["sector"]) if r["sector"] else "", str(r["region"] or ""), r["posted"]]
                         for r in data["unmatched"]["rows"]]
    if table == "monthly":
        headers = [str(_("month")), str(_("started")), str(_("agreements signed")), str(_("implemented"))]
        return headers, [[r["month"].strftime("%Y-%m"), r["started"], r["agreements"], r["implemented"]]
                         for r in data["monthly"]]
    raise KeyError(table)


def to_csv(headers, rows) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # A byte-order mark so spreadsheet programs read Cyrillic correctly.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _cell(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = value if not isinstance(value, str) else value
    # Cells starting with a formula character are neutralised (CSV injection).
    if isinstance(text, str) and text[:1] in ("=", "+", "-", "@"):
        return "'" + text
    return text


def to_xlsx(title: str, headers, rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31] or "kopir"
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) if isinstance(v, str) else v for v in row])
    for i, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [len(str(r[i - 1])) for r in rows] + [8])
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(width + 2, 60)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
