"""Files an event produces: badge QR codes, iCalendar agendas, certificates of
attendance, participant lists (CSV, XLSX) and the printable table plan."""

from __future__ import annotations

import csv
import io

import segno
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from kopir.events.models import Registration


def qr_svg(data: str) -> str:
    """An inline SVG QR code (no external image, no script)."""
    return segno.make(data, error="m").svg_inline(scale=5, dark="#1b1b1b", title=_("Check-in code"))


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//kopir//events//")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def agenda_ics(registration: Registration, *, sessions: bool = True, meetings: bool = True) -> bytes:
    """A participant's agenda as iCalendar: chosen sessions (all, if none chosen) and meetings."""
    from kopir.events.selectors import agenda_sessions, meetings_of

    event = registration.event
    with translation.override(registration.user.language):
        title = event.title.text
        cal = _calendar(title)
        stamp = timezone.now()
        if sessions:
            for s in agenda_sessions(registration):
                item = CalendarEvent()
                item.add("uid", f"session-{s.pk}-{registration.pk}@kopir")
                item.add("dtstamp", stamp)
                item.add("dtstart", s.starts_at)
                item.add("dtend", s.ends_at)
                item.add("summary", s.title.text)
                if s.room:
                    item.add("location", s.room.text)
                if s.description:
                    item.add("description", s.description.text)
                cal.add_component(item)
        if meetings:
            for m in meetings_of(registration):
                item = CalendarEvent()
                item.add("uid", f"meeting-{m.request_id}-{registration.pk}@kopir")
                item.add("dtstamp", stamp)
                item.add("dtstart", m.slot.starts_at)
                item.add("dtend", m.slot.ends_at)
                item.add("summary", _("Meeting with %(name)s") % {"name": m.counterpart.user.display_name()})
                item.add("location", _("%(event)s, table %(table)s") % {"event": title, "table": m.table})
                cal.add_component(item)
    return cal.to_ical()


def certificate_html(registration: Registration) -> str:
    with translation.override(registration.user.language):
        return render_to_string("events/certificate.html", {
            "registration": registration, "event": registration.event,
            "name": registration.user.display_name(), "issued": timezone.localdate(),
        })


def certificate_pdf(registration: Registration) -> bytes:
    """A certificate of attendance in the participant's language (system fonts only)."""
    return html_pdf(certificate_html(registration))


def html_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()



def _participant_rows(registrations) -> tuple[list[str], list[list]]:
    header = [_("Name"), _("Username"), _("E-mail"), _("Organisation"), _("Participant type"), _("Status"),
              _("Registered"), _("Checked in")]
    rows = []
    for r in registrations:
        rows.append([
            r.user.display_name(), r.user.username, r.user.email,
            r.organisation.name.text if r.organisation else "", r.get_participant_type_display(),
            r.get_status_display(), timezone.localtime(r.queued_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(r.checked_in_at).strftime("%Y-%m-%d %H:%M") if r.checked_in_at else "",
        ])
    return header, rows


def _safe_cell(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def participants_csv(registrations) -> str:
    header, rows = _participant_rows(registrations)
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheet programs read UTF-8 correctly with the mark
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_safe_cell(c) for c in row] for row in rows])
    return out.getvalue()


def participants_xlsx(registrations, *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows = _participant_rows(registrations)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Participants")[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True)
    ws.append(header)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_safe_cell(c) for c in row])
    for col, width in zip("ABCDEFGH", (32, 18, 28, 36, 16, 20, 18, 18), strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
