"""Which word an event names as its trigger."""

from __future__ import annotations

from typing import Any

import pytest

import warlog

pytestmark = pytest.mark.model


def test_an_event_names_the_trigger_that_typed_it(nlp: Any) -> None:
    text = (
        "Police arrested at least 50 supporters of the opposition in Lahore in Pakistan on "
        "Friday after protesters torched vehicles, officials said."
    )
    report = warlog.read(text, published="2024-05-05", nlp=nlp)
    arrests = [e for e in report.events if e.sub_type == "Arrests"]
    assert arrests and arrests[0].trigger == "arrested"


def test_an_actor_is_a_noun_phrase_not_a_clause(nlp: Any) -> None:
    """The parse may hang the verb on its subject ("Gunmen on motorcycles killed ..., police
    said"): the actor never takes the clause with it."""

    text = (
        "Gunmen on motorcycles killed at least 23 people in an overnight attack on a farming "
        "community in northwestern Nigeria's Katsina state, police said on Tuesday."
    )
    report = warlog.read(text, published="2024-06-11", nlp=nlp)
    assert report.events
    for event in report.events:
        assert event.actor1 is None or "killed" not in event.actor1
