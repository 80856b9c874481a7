"""Charts drawn on the server as inline SVG: no script, no CDN, and they print."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

PALETTE = ("#0a6b8a", "#d99a1e", "#1f7a3d", "#7a4fa0", "#b3261e")


def hbars(rows: list[tuple[str, int]], *, title: str, width: int = 640, bar: int = 22, gap: int = 8,
          label_width: int = 270) -> str:
    """A horizontal bar chart (the funnel): one labelled bar per row, value at its end."""
    top = max([v for _label, v in rows] + [1])
    height = len(rows) * (bar + gap) + gap
    plot = width - label_width - 60
    parts = []
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar + gap)
        w = round(plot * value / top) if value else 0
        parts.append(format_html(
            '<g class="bar"><text x="{}" y="{}" text-anchor="end">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
            '<text x="{}" y="{}" class="value">{}</text></g>',
            label_width - 8, round(y + bar * 0.7, 1), label, label_width, y, max(w, 1), bar, PALETTE[0], label, value,
            label_width + w + 6, round(y + bar * 0.7, 1), value))
    return format_html(
        '<svg class="chart hbars" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title, width, height, title, mark_safe("".join(parts)))


def columns(series: list[dict], keys: list[tuple[str, str]], *, title: str, label_of, width: int = 640,
            height: int = 220) -> str:
    """Grouped columns per period (e.g. agreements and implementations per month) with a legend."""
    top = max([s[k] for s in series for k, _label in keys] + [1])
    left, bottom, legend = 30, 40, 22
    plot_h = height - bottom - legend
    n = max(len(series), 1)
    slot = (width - left) / n
    col = max(min(slot / (len(keys) + 1), 18), 2)
    parts = [format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>', left, legend + plot_h, width,
                         legend + plot_h),
             format_html('<text x="{}" y="{}" class="tick">{}</text>', 2, legend + 10, top)]
    for i, s in enumerate(series):
        x0 = left + i * slot + (slot - col * len(keys)) / 2
        for j, (key, label) in enumerate(keys):
            h = round(plot_h * s[key] / top) if s[key] else 0
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} {}: {}</title></rect>',
                round(x0 + j * col, 1), legend + plot_h - h, round(col - 1, 1), h, PALETTE[j % len(PALETTE)], label_of(s), label,
                s[key]))
        if n <= 12 or i % max(n // 9, 1) == 0:
            parts.append(format_html('<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text>',
                                     round(left + i * slot + slot / 2, 1), legend + plot_h + 14, label_of(s)))
    legend_items = format_html_join("", '<rect x="{}" y="4" width="12" height="12" fill="{}"/>'
                                    '<text x="{}" y="15">{}</text>',
                                    ((left + k * 170, PALETTE[k % len(PALETTE)], left + k * 170 + 16, label)
                                     for k, (_key, label) in enumerate(keys)))
    return format_html(
        '<svg class="chart columns" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}{}</svg>',
        title, width, height, title, legend_items, mark_safe("".join(parts)))
