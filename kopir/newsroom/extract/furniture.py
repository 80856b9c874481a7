"""Strip page furniture (menus, "Latest news" lists, footers, share bars) from pasted or
saved pages, HTML or plain text, keeping the release itself."""

from __future__ import annotations

import re

_BAD_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|header|footer|sidebar|side-bar|aside|breadcrumbs?|share|social|"
    r"related|latest|popular|widget|cookie|banner|comments?|pagination|pager|tags|subscribe|"
    r"advert|ads|lang|search|login|copyright)([\s_-]|$)", re.I)
_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
              "svg", "button", "select", "template"]

# Headings after which a list of other headlines follows.
_LIST_HEADINGS = re.compile(
    r"^\s*(latest news|related news|more news|read also|see also|popular|news|"
    r"последние новости|другие новости|читайте также|похожие новости|популярное|новости|"
    r"соңғы жаңалықтар|басқа жаңалықтар|оқи отырыңыз|жаңалықтар|танымал)\s*:?\s*$", re.I)
_MENU_SPLIT_RE = re.compile(r"\s{2,}|\s*[|•·]\s*")  # items of a menu bar saved as one line
_CRUMB_SPLIT_RE = re.compile(r"\s+/\s+")           # breadcrumbs "Жаңалықтар / Халықаралық ынтымақтастық"
_FOOTER = re.compile(
    r"(©|\(c\)|all rights reserved|все права защищены|барлық құқықтар қорғалған|"
    r"^\s*(share|поделиться|бөлісу|tags|теги|тегтер)\s*:?|cookie|"
    r"^\s*(tel|тел|phone|e-?mail)\s*[.:])", re.I)


def _looks_html(s: str) -> bool:
    return bool(re.search(r"<(html|body|div|p|article|section|nav|br|a)\b", s[:5000], re.I))


def strip_html(html: str) -> str:
    """Main text of an HTML page, one block per line."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    for node in tree.css("[class], [id], [role]"):
        attrs = " ".join(filter(None, [node.attributes.get("class"), node.attributes.get("id"),
                                       node.attributes.get("role")]))
        if _BAD_ATTR.search(attrs) and node.tag not in ("body", "html", "article", "main"):
            node.decompose()
    # Prefer an <article>/<main> container when the page has one.
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        return ""
    lines: list[str] = []
    for node in root.traverse(include_text=False):
        if node.tag in ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "td", "time"):
            txt = node.text(separator=" ", strip=True)
            if not txt:
                continue
            # link lists (menus, "latest news") are mostly anchor text
            links = sum(len(a.text(strip=True)) for a in node.css("a"))
            if node.tag == "li" and links >= 0.6 * len(txt):
                continue
            lines.append(re.sub(r"\s+", " ", txt))
    if not lines:
        lines = [ln.strip() for ln in root.text(separator="\n").splitlines() if ln.strip()]
    # nested <li><p> produce duplicates: keep first occurrence
    seen, out = set(), []
    for ln in lines:
        if ln not in seen:
            seen.add(ln)
            out.append(ln)
    return strip_text("\n".join(out))


def strip_text(text: str) -> str:
    """Remove furniture from plain text: menu lines, headline lists, footers."""
    lines = [ln.rstrip() for ln in text.splitlines()]
    out: list[str] = []
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i].strip()
        if _LIST_HEADINGS.match(ln):
            # skip the heading and the short headline/date lines that follow it
            i += 1
            while i < n and (not lines[i].strip() or len(lines[i].split()) <= 14
                             and not re.search(r"[.!?]\s*$", lines[i].strip())):
                i += 1
            continue
        if _FOOTER.search(ln):
            i += 1
            continue
        # a menu bar saved as one line: "Home   University   Admission   News   Contacts"
        items = [p for p in _MENU_SPLIT_RE.split(ln) if p]
        crumbs = [p for p in _CRUMB_SPLIT_RE.split(ln) if p]
        if (len(items) >= 4 and all(len(p.split()) <= 3 for p in items) and not re.search(r"[.!?]$", ln)) or (
                len(crumbs) >= 2 and all(len(p.split()) <= 3 for p in crumbs) and not re.search(r"[.!?,:]", ln)):
            # a menu bar, or breadcrumbs "Жаңалықтар / Халықаралық ынтымақтастық"
            i += 1
            continue
        # runs of >=3 very short lines are menus ("Home", "About", "News", ...)
        if ln and len(ln.split()) <= 3 and not re.search(r"[.!?:]$", ln):
            j = i
            while j < n and lines[j].strip() and len(lines[j].split()) <= 3 and not re.search(
                    r"[.!?:]$", lines[j].strip()):
                j += 1
            if j - i >= 3:
                i = j
                continue
        out.append(lines[i])
        i += 1
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def strip_furniture(content: str) -> str:
    """Release text from a saved/pasted page; HTML is detected automatically."""
    return strip_html(content) if _looks_html(content) else strip_text(content)
