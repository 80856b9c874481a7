"""Fact extraction from university press releases (kk / ru / en). Pure Python, no Django.

Public API::

    from kopir.newsroom.extract import extract, Linker, link_facts, find_duplicates

    facts = extract(text, lang=None)          # dict: organizations, people, places, events, dates
    linker = Linker(directory_entries)        # [{"id", "kind", "names": [...]}]
    link_facts(facts, linker)                 # adds "link": id | None to each item
    find_duplicates([{"id", "text"}, ...])    # [{"a", "b", "kind", "score"}]
"""

from .dates import find_dates
from .dedupe import find_duplicates, release_similarity, text_similarity
from .facts import extract
from .furniture import strip_furniture, strip_html, strip_text
from .linker import Linker, link_facts, name_key
from .ner import Span, find_entities
from .textutil import detect_language, latin_key, split_sentences, translit

__all__ = [
    "Linker", "Span", "detect_language", "extract", "find_dates", "find_duplicates",
    "find_entities", "latin_key", "link_facts", "name_key", "release_similarity",
    "split_sentences", "strip_furniture", "strip_html", "strip_text", "text_similarity",
    "translit",
]
