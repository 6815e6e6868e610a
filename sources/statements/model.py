"""The decision: a multinomial logistic regression over the features, none / directive / promise.

Its weights are a plain JSON file (``weights.json`` beside this module, no pickle) with a card
saying what it was trained on and how it was measured. ``fit`` (scikit-learn, needed only to
train) builds them; ``Weights.decide`` reads them with nothing but arithmetic, so finding
statements needs no scikit-learn. Training twice on the same data gives the same file."""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

CLASSES = ("none", "directive", "promise")
WEIGHTS_PATH = Path(__file__).with_name("weights.json")
DIGITS = 5  # weights are rounded, so the file is the same on every machine that builds it


class WeightsUnavailable(RuntimeError):
    """The weights file is missing or unreadable."""


@dataclass
class Weights:
    intercept: list[float]
    weights: dict[str, list[float]]
    threshold: float = 0.5
    card: dict = field(default_factory=dict)
    classes: tuple[str, ...] = CLASSES

    def probabilities(self, features: dict[str, float]) -> list[float]:
        logits = list(self.intercept)
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                for k in range(len(logits)):
                    logits[k] += w[k] * value
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        return [e / total for e in exps]

    def decide(self, rows: list[dict[str, float]]):
        """For each row: (kind or None, confidence that it is a statement, the features that weighed most)."""
        out = []
        for features in rows:
            p = self.probabilities(features)
            confidence = 1.0 - p[0]
            k = 1 if p[1] >= p[2] else 2
            out.append((self.classes[k], confidence, self.reasons(features, k)))
        return out

    def reasons(self, features: dict[str, float], k: int, n: int = 3) -> str:
        """The features that pushed a row most towards class ``k`` rather than none."""
        pushes = []
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None and name != "bias":
                pushes.append(((w[k] - w[0]) * value, name))
        pushes.sort(reverse=True)
        return " ".join(name for push, name in pushes[:n] if push > 0)[:100]

    def to_json(self) -> str:
        """The file: the card and thresholds first, then one feature a line, in name order."""
        head = {
            "card": self.card,
            "classes": list(self.classes),
            "threshold": self.threshold,
            "intercept": self.intercept,
        }
        lines = json.dumps(head, indent=1, ensure_ascii=False)[:-2] + ',\n "weights": {\n'
        rows = [
            f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(w)}" for name, w in sorted(self.weights.items())
        ]
        return lines + ",\n".join(rows) + "\n }\n}\n"

    @classmethod
    def from_json(cls, text: str) -> Weights:
        data = json.loads(text)
        return cls(
            intercept=data["intercept"],
            weights=data["weights"],
            threshold=data["threshold"],
            card=data.get("card", {}),
            classes=tuple(data["classes"]),
        )


def fit(rows: list[dict[str, float]], labels: list[str], *, C: float = 1.0, sample_weight=None) -> Weights:
    """Train on feature rows and their labels (one of CLASSES). Deterministic: lbfgs from zeros."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sort=True)
    X = vectorizer.fit_transform(rows)
    y = [CLASSES.index(label) for label in labels]
    clf = LogisticRegression(C=C, max_iter=5000, tol=1e-8, class_weight="balanced")
    clf.fit(X, y, sample_weight=sample_weight)
    coef = clf.coef_  # (n_classes, n_features), classes in order 0, 1, 2
    names = vectorizer.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        w = [round(float(coef[k, j]), DIGITS) for k in range(len(CLASSES))]
        if any(w):
            weights[str(name)] = w
    return Weights(intercept=[round(float(b), DIGITS) for b in clf.intercept_], weights=weights)


_lock = threading.Lock()
_current: dict[str, Weights] = {}


def current(path: Path = WEIGHTS_PATH) -> Weights:
    """The committed weights, read once per process."""
    key = str(path)
    if key not in _current:
        with _lock:
            try:
                _current[key] = Weights.from_json(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError) as error:
                raise WeightsUnavailable(
                    f"cannot read the statement finder's weights at {path}: {error}; "
                    "`python manage.py train_finder` rebuilds them"
                ) from error
    return _current[key]


def use(weights: Weights | None, path: Path = WEIGHTS_PATH) -> None:
    """Use these weights in this process (tests, cross-validation); None reads the file again."""
    with _lock:
        if weights is None:
            _current.pop(str(path), None)
        else:
            _current[str(path)] = weights
