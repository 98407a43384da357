"""link: reports of one event across articles become one incident."""

from warlog.link.incidents import build_incident, casualty_summary
from warlog.link.rule import LinkRule, same_event

__all__ = ["LinkRule", "build_incident", "casualty_summary", "same_event"]
