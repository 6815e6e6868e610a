"""The editors' groups and what each may do, defined once.

A data migration calls ``sync_groups``; a later migration that adds a model
calls it again so the groups keep covering everything."""

EDITORS = "Editors"
REVIEWERS = "Reviewers"

EDITORIAL_APPS = ("politics", "sources", "tracking", "promises", "directives", "evidence")

# The history is append-only: nobody but a superuser deletes a status update
# or its evidence, and promises and directives are unpublished, not deleted.
NEVER_DELETED = {
    "trackeditem",
    "promise",
    "directive",
    "statusupdate",
    "promisestatusupdate",
    "directivestatusupdate",
    "evidence",
    "article",
    "suggestion",  # set aside, never deleted: a deleted pair would be suggested again
    "scan",
}
# Status updates are written once, through the record service.
NEVER_CHANGED = {"statusupdate", "promisestatusupdate", "directivestatusupdate", "evidence"}

REVIEWER_EXTRA = (("promises", "publish_promise"), ("directives", "publish_directive"))


def editor_codenames(apps):
    """(app_label, codename) pairs for the Editors group."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    pairs = []
    for content_type in ContentType.objects.filter(app_label__in=EDITORIAL_APPS):
        model = content_type.model
        try:
            apps.get_model(content_type.app_label, model)
        except LookupError:
            continue  # a model since removed (its content type stays until someone removes it)
        if model.startswith("historical"):
            pairs.append((content_type.app_label, f"view_{model}"))
            continue
        pairs += [(content_type.app_label, f"view_{model}"), (content_type.app_label, f"add_{model}")]
        if model not in NEVER_CHANGED:
            pairs.append((content_type.app_label, f"change_{model}"))
        if model not in NEVER_DELETED and model not in NEVER_CHANGED:
            pairs.append((content_type.app_label, f"delete_{model}"))
    return pairs


def sync_groups(apps, schema_editor=None):
    """Create or refresh the Editors and Reviewers groups."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations; make sure they exist now.
    # (A migration's app configs have no models module, which create_permissions requires.)
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        found = []
        for app_label, codename in pairs:
            found += list(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        return found

    editor_pairs = editor_codenames(apps) + [("authtoken", "view_tokenproxy")]
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(permissions(editor_pairs))
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.set(permissions(editor_pairs + list(REVIEWER_EXTRA)))
