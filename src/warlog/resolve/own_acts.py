"""A party's account of its own side's act confirms it (eval/ANNOTATION.md: "announcements of
its own strikes, captures, kills or arrests, including the toll it gives for its own
operation").

The claim extractor reads a stance from the words of one sentence; "one of the air strikes was
aimed at the Hamas commander", said by an Israeli spokeswoman, names no doer, so it reads as a
plain assertion. Once the article's events are settled, the event that sentence tells has a
perpetrator ("Israeli strikes on Gaza" two paragraphs up), and when that is the speaker's own
side the claim confirms it, and the event is ``confirmed``.
"""

from __future__ import annotations

from dataclasses import replace

from warlog.model import Claim, Event

# voices of no party, whatever their nationality: "Syrian activists say a government air
# strike ..." reports the state's act, it does not acknowledge it
_BYSTANDERS = frozenset(
    {
        "activist",
        "activists",
        "medic",
        "medics",
        "witness",
        "witnesses",
        "eyewitness",
        "eyewitnesses",
        "resident",
        "residents",
        "analyst",
        "analysts",
        "journalist",
        "journalists",
        "doctor",
        "doctors",
        "monitor",
        "monitors",
        "observer",
        "observers",
        "villager",
        "villagers",
        "survivor",
        "survivors",
        "relative",
        "relatives",
        "locals",
    }
)


def bystander(claim: Claim) -> bool:
    """Whether a claim's speaker is a voice of no party (activists, medics, witnesses)."""
    words = claim.speaker.lower().split()
    return bool(words) and words[-1] in _BYSTANDERS


def confirm_own_acts(
    claims: tuple[Claim, ...], events: tuple[Event, ...]
) -> tuple[tuple[Claim, ...], tuple[Event, ...]]:
    """Claims that assert an act of their speaker's own side made ``confirms``, and the
    events' and denials' references to them renamed (a claim's id holds its stance)."""
    perpetrators: dict[str, set[str]] = {}
    for event in events:
        if event.actor1_side is not None:
            for claim_id in event.claims:
                perpetrators.setdefault(claim_id, set()).add(event.actor1_side)
    renamed: dict[str, str] = {}
    changed: list[Claim] = []
    for claim in claims:
        if (
            claim.stance == "asserts"
            and claim.side is not None
            and not bystander(claim)
            and claim.side in perpetrators.get(claim.id, ())
        ):
            confirmed = replace(claim, stance="confirms")
            renamed[claim.id] = confirmed.id
            claim = confirmed
        changed.append(claim)
    if not renamed:
        return claims, events
    return (
        tuple(
            replace(c, denies=tuple(renamed.get(i, i) for i in c.denies)) if c.denies else c
            for c in changed
        ),
        tuple(_with_confirmation(e, renamed) if e.claims else e for e in events),
    )


def _with_confirmation(event: Event, renamed: dict[str, str]) -> Event:
    """An event whose perpetrator's side now confirms it is ``confirmed`` (ANNOTATION.md: "the
    perpetrator's side acknowledges it"), unless a denial contests it."""
    status = event.status
    if status in ("claimed", "reported") and any(i in renamed for i in event.claims):
        status = "confirmed"
    return replace(event, claims=tuple(renamed.get(i, i) for i in event.claims), status=status)
