"""Link each denial to the claims it denies: the earlier claims, in the same article, of a
party on another side that accuse or announce ("Armenia's Defense Ministry vehemently denied
the claims" denies what Azerbaijan's officials said before it)."""

from __future__ import annotations

from dataclasses import replace

from warlog.model import Claim

DENIABLE = frozenset({"accuses", "confirms"})


def link_denials(claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    linked: list[Claim] = []
    for index, claim in enumerate(claims):
        if claim.stance != "denies" or claim.side is None:
            linked.append(claim)
            continue
        denied = tuple(
            earlier.id
            for earlier in claims[:index]
            if earlier.stance in DENIABLE
            and earlier.side is not None
            and earlier.side != claim.side
        )
        linked.append(replace(claim, denies=denied))
    return tuple(linked)
