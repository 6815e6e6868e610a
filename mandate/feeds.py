"""Atom and RSS feeds of recent status changes: all of them, per party, per leader,
read from the one status history."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, Stylesheet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.xmlutils import SimplerXMLGenerator

from directives.models import Directive
from mandate.views import known_as_or_404
from politics.models import Leader, Party
from promises.models import Promise
from tracking.models import StatusUpdate
from tracking.scorecards import recent_changes

FEED_LENGTH = 50


# Browsers transform a feed with its stylesheet only when it comes as XML: Chromium shows
# application/atom+xml and application/rss+xml as plain text, Firefox offers to download them.
# Feed readers tell Atom from RSS by the root element, whatever the type.
FEED_CONTENT_TYPE = "application/xml; charset=utf-8"


class RssWithStylesheets(Rss201rev2Feed):
    content_type = FEED_CONTENT_TYPE


class AtomWithStylesheets(Atom1Feed):
    """Django's Atom feed, with the ``xml-stylesheet`` instructions its RSS feed writes."""

    content_type = FEED_CONTENT_TYPE

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class StatusChangesFeed(Feed):
    """RSS 2.0 of the newest status updates of public items, optionally for one party or leader.
    Opened in a browser, a feed reads as a page (static/feeds/feed.xsl), not as raw XML."""

    description_template = "feeds/change_description.html"
    feed_type = RssWithStylesheets

    def stylesheets(self):
        return [Stylesheet(reverse("feed_stylesheet"), mimetype="text/xsl")]

    def __init__(self, scope=None):
        super().__init__()
        self.scope = scope  # None, "party" or "leader"

    def get_object(self, request, slug=None):
        model = {"party": Party, "leader": Leader}.get(self.scope)
        return known_as_or_404(model, slug) if model else None

    def title(self, obj):
        if obj is None:
            return _("Mandate: recent status changes")
        return _("Mandate: status changes for %(name)s") % {"name": obj}

    def link(self, obj):
        return obj.get_absolute_url() if obj is not None else reverse("home")

    def description(self, obj):
        return gettext_lazy("Promises and directives whose status changed, with the evidence.")

    def items(self, obj):
        updates = StatusUpdate.objects.public()
        if self.scope == "party":
            of_actor = [Promise.objects.for_party(obj), Directive.objects.for_party(obj)]
        elif self.scope == "leader":
            of_actor = [Promise.objects.for_leader(obj), Directive.objects.for_leader(obj)]
        else:
            of_actor = []
        if of_actor:
            updates = updates.filter(Q(item__in=of_actor[0].values("pk")) | Q(item__in=of_actor[1].values("pk")))
        return recent_changes(updates, FEED_LENGTH)

    def item_title(self, update):
        return _("%(item)s: %(status)s") % {"item": update.item, "status": update.get_new_status_display()}

    def item_link(self, update):
        return f"{update.item.get_absolute_url()}#update-{update.pk}"

    def item_guid(self, update):
        return f"{update.item._meta.model_name}-update-{update.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, update):
        return update.created_at

    def item_updateddate(self, update):
        return update.created_at

    def item_categories(self, update):
        return [update.item._meta.verbose_name, update.get_new_status_display()]


class StatusChangesAtomFeed(StatusChangesFeed):
    feed_type = AtomWithStylesheets

    def subtitle(self, obj):
        return self.description(obj)
