"""A party's account of its own side's act confirms it, and every reference follows."""

from __future__ import annotations

from dataclasses import replace

from warlog.model import Claim, Event, Evidence
from warlog.resolve.own_acts import confirm_own_acts


def _claim(side: str | None, stance: str = "asserts", start: int = 0) -> Claim:
    return Claim(
        speaker="army spokeswoman",
        titles=(),
        side=side,
        stance=stance,
        channel="unknown",
        cue="said",
        evidence=Evidence("a1", start, start + 40),
    )


def _event(side: str | None, claims: tuple[str, ...], status: str = "claimed") -> Event:
    return Event(
        type="Explosions/Remote violence",
        sub_type="Air/drone strike",
        trigger="air strikes",
        evidence=Evidence("a1", 0, 40),
        actor1_side=side,
        claims=claims,
        status=status,
    )


def test_an_own_sides_act_is_confirmed_and_references_follow() -> None:
    claim = _claim("IL")
    denial = replace(_claim("PS", "denies", start=50), speaker="Hamas", denies=(claim.id,))
    event = _event("IL", (claim.id,))
    claims, events = confirm_own_acts((claim, denial), (event,))
    assert claims[0].stance == "confirms"
    assert claims[1].denies == (claims[0].id,)
    assert events[0].claims == (claims[0].id,)
    assert events[0].status == "confirmed"


def test_another_sides_act_stays_asserted() -> None:
    claim = _claim("PS")
    event = _event("IL", (claim.id,))
    claims, events = confirm_own_acts((claim,), (event,))
    assert claims[0].stance == "asserts"
    assert events == (event,)


def test_a_contested_event_stays_contested() -> None:
    claim = _claim("IL")
    claims, events = confirm_own_acts((claim,), (_event("IL", (claim.id,), "contested"),))
    assert claims[0].stance == "confirms"
    assert events[0].status == "contested"


def test_a_bystanders_account_confirms_nothing() -> None:
    claim = replace(_claim("SY"), speaker="Syrian activists")
    claims, events = confirm_own_acts((claim,), (_event("SY", (claim.id,)),))
    assert claims[0].stance == "asserts"
    assert events[0].status == "claimed"
