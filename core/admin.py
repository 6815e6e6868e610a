"""The editors' admin site: Django's own, with the index grouped by what an editor does.

``MandateAdminConfig`` replaces ``django.contrib.admin`` in INSTALLED_APPS and makes
``MandateAdminSite`` the default site, so ``admin.site`` and every ``@admin.register``
keep working unchanged; only the index and the navigation sidebar are regrouped.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

# (anchor, heading, models as "app_label.ModelName" in the order an editor needs them).
SECTIONS = [
    ("review", _("Review ingested statements"), ["sources.Candidate", "evidence.Suggestion"]),
    (
        "track",
        _("Track promises and directives"),
        [
            "directives.Directive", "promises.Promise", "directives.DirectiveStatusUpdate", "promises.PromiseStatusUpdate",
            "tracking.Correction",
        ],
    ),
    ("actors", _("Leaders and parties"), ["politics.Leader", "politics.Party", "politics.Office", "politics.Topic"]),
    ("elections", _("Elections and programmes"), ["politics.Election", "politics.Programme"]),
    ("sources", _("Sources and feeds"), ["sources.Article", "sources.Feed", "sources.Outlet"]),
    ("accounts", _("Accounts"), ["auth.User", "auth.Group", "authtoken.TokenProxy"]),
]


def group_app_list(app_list, index_url):
    """Regroup Django's per-app list into the editors' sections; models no section
    names (third-party apps such as axes) keep their own app heading at the end."""
    placed = {}
    for app in app_list:
        for model in app["models"]:
            placed[f"{app['app_label']}.{model['object_name']}"] = model
    grouped = []
    for anchor, heading, names in SECTIONS:
        models = [placed.pop(name) for name in names if name in placed]
        if models:
            grouped.append(
                {
                    "name": heading,
                    "app_label": anchor,
                    # An anchor, not "": the sidebar marks a section current when its URL is in the path.
                    "app_url": f"{index_url}#{anchor}",
                    "has_module_perms": True,
                    "models": models,
                }
            )
    for app in app_list:
        rest = [m for m in app["models"] if f"{app['app_label']}.{m['object_name']}" in placed]
        if rest:
            grouped.append({**app, "models": rest})
    return grouped


class DefaultChoiceFilter(admin.SimpleListFilter):
    """A list filter that opens on ``default`` (a queue opens on what is left to judge);
    every other choice, "All" included, is an explicit one. ``current()`` is the choice in force."""

    default = None

    def current(self):
        return self.value() or self.default

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.current() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class ReadOnlyInline(admin.TabularInline):
    """An inline that is shown, never edited: rows written by a service (status
    history, evidence) or by ingestion (an article's candidates)."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, with "revert" made a change like any other.

    The library hides the revert button when ``revert_disabled`` says so but still accepts
    the POST, and it saves the old version whole: what the form does not show came back
    from the old version too — an item's publication (read-only for editors), a candidate's
    review state, the stored current status (kept out of the history, so reset). Here a
    revert is refused unless the user may change the object and reverting is not disabled
    for them; only the form's own fields are taken from the old version, everything else
    keeps its current value; and the save goes through ``save_model``, the change form's
    service. Every admin of a model with a history uses this class.

    Its history list is the library's without an inline style (the CSP refuses them)."""

    object_history_list_template = "admin/mandate/object_history_list.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None:
                raise Http404
            if not self.has_change_permission(request, current) or self.revert_disabled(request, current):
                raise PermissionDenied
            request.reverting = current
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        current = getattr(request, "reverting", None)
        if current is not None:
            for field in obj._meta.concrete_fields:
                if not field.primary_key and field.name not in form.fields:
                    setattr(obj, field.attname, getattr(current, field.attname))
        return obj


class MandateAdminSite(admin.AdminSite):
    site_header = _("Mandate editors")
    site_title = _("Mandate admin")
    index_title = _("What would you like to do?")
    # On a 1280 px laptop the sidebar took 290 px from every list and form (the review
    # queue's buttons fell off-screen); the index, grouped by task, and the breadcrumbs navigate.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label:
            # An app's own index page lists that app's models, as Django does.
            return app_list
        return group_app_list(app_list, reverse("admin:index", current_app=self.name))


class MandateAdminConfig(AdminConfig):
    default_site = "core.admin.MandateAdminSite"
