"""A learned event model beside the lexicon: which verbs and nouns of a sentence carry an event,
and of which CAMEO root.

The model only finds and types the predicate; who did what to whom comes from the same role rules
the lexicon uses (subject or passive agent → source; object, prepositional object or possessive →
target), and its events pass through the same filters. Every model event says so in its rule
(``model:event-type@<version>``). Trained by ``make train`` (eventwire/events/model/train.py).
"""

from eventwire.events.model.classifier import LABELS, NO_EVENT, EventTypeModel, Settings
from eventwire.events.model.stage import DEFAULT_WEIGHTS, EVENT_POLICIES, ModelEvents, load_event_model

__all__ = ["DEFAULT_WEIGHTS", "EVENT_POLICIES", "LABELS", "NO_EVENT", "EventTypeModel", "ModelEvents", "Settings",
           "load_event_model"]
