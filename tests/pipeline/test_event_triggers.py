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
