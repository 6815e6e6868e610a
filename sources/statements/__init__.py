"""Statement finding: text and the known actors in, attributed directives and promises out.

A pure package — no Django, no database — so it can be tested and timed alone:

    find_statements(text, on=date(2022, 1, 28), actors=[...], country="Kazakhstan")

One module per pass: ``sentences`` (paragraphs, sentences, lists, quotations), ``pipeline``
(the spaCy parser, loaded once), ``mentions`` (who is named) and ``discourse`` (what the article said so far, against which
each mention is resolved in reading order),
``attribution`` (anchor, speaker, addressee, action), ``features`` (what the model reads),
``model`` (the learned weights, a JSON data file) and ``finder`` (the four passes together).
``corpus`` reads annotated articles and scores what was found in them; ``training`` fits the
weights and measures them by leave-one-article-out cross-validation (``manage.py train_finder``).
"""

from .finder import find_statements, read
from .pipeline import DEFAULT_MODEL, ModelUnavailable, configure
from .types import Actor, Name, Office, Statement, name_on

__all__ = [
    "DEFAULT_MODEL",
    "Actor",
    "ModelUnavailable",
    "Name",
    "Office",
    "Statement",
    "configure",
    "find_statements",
    "name_on",
    "read",
]
