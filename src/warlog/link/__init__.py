"""link: reports of one event across articles become one incident; incidents of one theatre,
days apart, one episode."""

from warlog.link.episodes import group_episodes
from warlog.link.incidents import build_incident, casualty_summary
from warlog.link.rule import LinkRule, mutual_best, same_event

__all__ = [
    "LinkRule",
    "build_incident",
    "casualty_summary",
    "group_episodes",
    "mutual_best",
    "same_event",
]
