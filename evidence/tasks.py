"""Suggesting evidence as a Celery task: one per article, by id, after its statements were found."""

from celery import shared_task

from sources.tasks import RowTask

from . import services


@shared_task(acks_late=True, base=RowTask, give_up=staticmethod(services.scan_give_up))
def suggest_evidence(article_id):
    services.article_suggest_evidence(article_id)
