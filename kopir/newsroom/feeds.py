"""RSS 2.0 and Atom feeds of the news, across kopir or per organisation, in the URL's language."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from kopir.core.i18n import active_language
from kopir.directory.models import Organisation
from kopir.newsroom import selectors

FEED_SIZE = 30


class ReleaseRss(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, slug=None):
        return get_object_or_404(Organisation, slug=slug) if slug else None

    def title(self, obj):
        if obj is None:
            return _("kopir news")
        return _("News of %(org)s") % {"org": obj.name.text}

    def link(self, obj):
        return reverse("newsroom:organisation", args=[obj.slug]) if obj else reverse("newsroom:feed")

    def description(self, obj):
        return _("Press releases of universities, enterprises and government bodies on kopir.")

    def feed_extra_kwargs(self, obj):
        return {}

    def items(self, obj):
        return selectors.release_list(organisation=obj.slug if obj else "", lang=active_language())[:FEED_SIZE]

    def item_title(self, item):
        return getattr(item, f"title_{active_language()}")

    def item_description(self, item):
        lang = active_language()
        return getattr(item, f"lead_{lang}") or getattr(item, f"body_{lang}")[:600]

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"kopir-release-{item.pk}-{active_language()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9, 0)))

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.name.text

    def item_categories(self, item):
        return [t.name.text for t in item.tags.all()]


class ReleaseAtom(ReleaseRss):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
