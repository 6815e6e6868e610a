"""The REST API's routes, /api/v1/ (namespace ``api``)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from core.api_root import ApiRootView
from directives.api import (
    AcceptDirectiveView,
    DirectiveExport,
    DirectiveStatusUpdateViewSet,
    DirectiveViewSet,
    MergeIntoDirectiveView,
)
from politics.api import ElectionViewSet, LeaderViewSet, PartyViewSet, ProgrammeViewSet, TopicViewSet
from promises.api import (
    AcceptPromiseView,
    MergeIntoPromiseView,
    PromiseExport,
    PromiseStatusUpdateViewSet,
    PromiseViewSet,
)
from sources.api import ArticleViewSet, CandidateViewSet
from tracking.exports import StatusHistoryExport, export_view

app_name = "api"

router = DefaultRouter()
router.include_root_view = False  # the root is ApiRootView, below
router.register("leaders", LeaderViewSet, basename="leader")
router.register("parties", PartyViewSet, basename="party")
router.register("elections", ElectionViewSet, basename="election")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("topics", TopicViewSet, basename="topic")
router.register("promises", PromiseViewSet, basename="promise")
router.register("promise-updates", PromiseStatusUpdateViewSet, basename="promise-update")
router.register("directives", DirectiveViewSet, basename="directive")
router.register("directive-updates", DirectiveStatusUpdateViewSet, basename="directive-update")
router.register("articles", ArticleViewSet, basename="article")
router.register("candidates", CandidateViewSet, basename="candidate")

EXPORTS = [
    PromiseExport(),
    DirectiveExport(),
    StatusHistoryExport(),
]

ROOT_SECTIONS = {
    "endpoints": [(prefix, f"api:{basename}-list") for prefix, _viewset, basename in router.registry],
    "exports": [(f"{spec.name}.{fmt}", f"api:export-{spec.name}-{fmt}") for spec in EXPORTS for fmt in ("csv", "json")],
    "docs": [("swagger", "api_docs"), ("redoc", "api_redoc"), ("openapi", "api_schema")],
    "feeds": [("changes.atom", "changes_atom"), ("changes.rss", "changes_rss")],
}

urlpatterns = [
    path("", ApiRootView.as_view(sections=ROOT_SECTIONS), name="api-root"),
    path("candidates/<int:pk>/accept-promise/", AcceptPromiseView.as_view(), name="candidate-accept-promise"),
    path("candidates/<int:pk>/merge-into-promise/", MergeIntoPromiseView.as_view(), name="candidate-merge-promise"),
    path("candidates/<int:pk>/accept-directive/", AcceptDirectiveView.as_view(), name="candidate-accept-directive"),
    path("candidates/<int:pk>/merge-into-directive/", MergeIntoDirectiveView.as_view(),
         name="candidate-merge-directive"),
    *[
        path(f"export/{spec.name}.{fmt}", export_view(spec, fmt), name=f"export-{spec.name}-{fmt}")
        for spec in EXPORTS
        for fmt in ("csv", "json")
    ],
    *router.urls,
]
