"""The officials' dashboard, its exports (CSV, XLSX) and the printable report (PDF)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kopir.core.i18n import active_language
from kopir.insights import charts, selectors, tables
from kopir.insights.access import require_dashboard
from kopir.insights.forms import PeriodForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _data(request):
    form = PeriodForm(request.GET or None)
    data = selectors.dashboard(form.filters())
    return form, data


def _charts(data) -> dict:
    funnel = [(str(tables.FUNNEL_LABELS[k]), v) for k, v in data["funnel"].items()]
    return {
        "funnel": charts.hbars(funnel, title=_("From needs to implementations")),
        "monthly": charts.columns(
            data["monthly"], [("started", _("started")), ("agreements", _("agreements signed")),
                              ("implemented", _("implemented"))],
            title=_("Per month"), label_of=lambda s: s["month"].strftime("%m.%y")),
    }


def _context(request, form, data) -> dict:
    f = data["filters"]
    return {
        "form": form, "data": data, "charts": _charts(data), "funnel_labels": tables.FUNNEL_LABELS,
        "breakdowns": [(by, tables.TABLE_TITLES[by], tables.rows_of(by, data)) for by in selectors.BREAKDOWNS],
        "breakdown_columns": tables.BREAKDOWN_COLUMNS, "query": f.as_query(),
        "region": form.cleaned_data.get("region") if form.is_bound and form.is_valid() else None,
        "sector": form.cleaned_data.get("sector") if form.is_bound and form.is_valid() else None,
    }


@login_required
def dashboard(request):
    require_dashboard(request.user)
    form, data = _data(request)
    return render(request, "insights/dashboard.html", _context(request, form, data))


@login_required
def export(request, table, fmt):
    require_dashboard(request.user)
    if table not in tables.TABLES or fmt not in ("csv", "xlsx"):
        raise Http404
    _form, data = _data(request)
    headers, rows = tables.rows_of(table, data)
    name = f"kopir-{table}-{active_language()}"
    if fmt == "csv":
        response = HttpResponse(tables.to_csv(headers, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(tables.to_xlsx(slugify(str(tables.TABLE_TITLES[table])) or table, headers, rows),
                                content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def report(request):
    """A printable PDF for the chosen period, region and sector."""
    require_dashboard(request.user)
    form, data = _data(request)
    context = _context(request, form, data)
    context["generated_for"] = request.user.display_name()
    html = render_to_string("insights/report.html", context, request=request)
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="kopir-report.pdf"'
    return response
