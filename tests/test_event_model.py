"""The learned event model's training path and its place in the one Coder (eventwire/events/model):
a tiny model retrained on sentences we wrote here, saved, loaded and used by --events model|hybrid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.events.model import LABELS, EventTypeModel, load_event_model
from eventwire.events.model.train import LabelledText, examples, settings_for, train
from eventwire.model import Article
from eventwire.pipeline import Coder, CoderConfig

# Sentences written for this test; the trigger is given by its text, its offsets found below.
WRITTEN = [
    ("Bolivia expelled the Peruvian ambassador on Monday.", "expelled", "166"),
    ("Chile expelled two Argentine diplomats after the row.", "expelled", "166"),
    ("Ghana expelled the Togolese envoy over the border dispute.", "expelled", "166"),
    ("Kenya hosted the Somali president for two days of talks.", "hosted", "043"),
    ("Tanzania hosted the Ugandan foreign minister in Dodoma.", "hosted", "043"),
    ("Zambia hosted Malawi's leader at the State House.", "hosted", "043"),
    ("The weather was mild across the region on Monday.", "", ""),
    ("The museum opened a new wing for modern art.", "", ""),
]


def labelled(text: str, trigger: str, code: str) -> LabelledText:
    if not trigger:
        return LabelledText(text, ())
    start = text.index(trigger)
    return LabelledText(text, ((start, start + len(trigger), code),))


@pytest.fixture(scope="module")
def tiny_model(nlp, tmp_path_factory) -> Path:
    texts = [labelled(*row) for row in WRITTEN] * 6
    settings = settings_for(nlp, lexical_only=True)
    inputs, labels = examples(nlp, texts, settings)
    assert {LABELS[i] for i in labels} == {"none", "16", "04"}
    model = train(inputs, labels, settings, epochs=20, seed=1)
    folder = tmp_path_factory.mktemp("event-model")
    model.save(folder)
    return folder


def test_a_retrained_model_learns_its_examples_and_reloads(nlp, tiny_model: Path) -> None:
    model = EventTypeModel.load(tiny_model)
    doc = nlp("Bolivia expelled the Peruvian ambassador on Monday.")
    probs = model.predict([doc[1]])
    assert LABELS[int(probs[0].argmax())] == "16"
    assert model.predict([doc[3]])[0].argmax() == 0  # "Peruvian" is no predicate event


def test_model_events_say_so_in_their_rule_and_keep_their_trigger(tiny_model: Path) -> None:
    coder = Coder(CoderConfig(stages=("actors", "events", "codes"), events="model", event_model=str(tiny_model)))
    doc = coder.code(Article(id="m", text="Chile expelled the Bolivian ambassador.", date=dt.date(2021, 3, 1)))
    events = [e for e in doc.events if e.rule.startswith("model:event-type@")]
    assert events, doc.events
    assert events[0].cameo.startswith("16") and events[0].trigger == "expelled"
    assert (events[0].source, events[0].target) == ("CHL", "BOLGOV")


def test_hybrid_keeps_the_lexicon_and_adds_the_model_where_it_is_silent(tiny_model: Path) -> None:
    config = dict(stages=("actors", "events", "codes"), event_model=str(tiny_model))
    text = "Peru condemned Ecuador. Chile hosted the Bolivian president."
    lexicon = Coder(CoderConfig(events="lexicon", **config)).code(Article(id="l", text=text))
    hybrid = Coder(CoderConfig(events="hybrid", **config)).code(Article(id="h", text=text))
    lexicon_rules = {(e.sentence, e.cameo, e.rule) for e in lexicon.events}
    hybrid_rules = {(e.sentence, e.cameo, e.rule) for e in hybrid.events}
    assert {r for r in lexicon_rules if r[0] == 0} <= hybrid_rules
    assert not any(r[2].startswith("model:") for r in hybrid_rules if r[0] == 0)


def test_a_missing_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make train"):
        load_event_model(str(tmp_path / "nowhere"))


def test_the_shipped_weights_load_so_no_user_trains() -> None:
    model = load_event_model()
    assert model.version and model.settings.dense_width > 0
