"""Bounds on what editors and API clients may write: free text of a sensible length,
dates of things that have happened.

A 100,000-character explanation was once accepted and, unwrapped, made the home page
947,000 px wide for every reader; the history is append-only, so only a superuser could
take it back. Every free-text field therefore has a maximum, checked in model
validation (which the admin, the services and the API all run), and says so."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Room for a long paragraph (≈800 words): quotes, explanations, descriptions.
LONG_TEXT = 5000


class LongTextFormField(forms.CharField):
    """A text area whose maximum is checked by the server, with a message, rather than
    by the browser: a ``maxlength`` attribute cuts a pasted text short without a word."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class BoundedTextField(models.TextField):
    """A ``TextField`` whose ``max_length`` (default ``LONG_TEXT``) is enforced by model
    validation, as a ``CharField``'s is, and by the form and API fields made from it."""

    def __init__(self, *args, max_length=LONG_TEXT, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LongTextFormField, **kwargs})


def not_in_future(value):
    """Refuse a date after today: a statement is recorded once it has been made."""
    if value is not None and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")
