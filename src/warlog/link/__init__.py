"""link: reports of one event across articles become one incident."""

from warlog.link.episodes import Episode, group_episodes
from warlog.link.incidents import build_incident, casualty_summary
from warlog.link.rule import LinkRule, same_event

__all__ = [
    "Episode",
    "LinkRule",
    "build_incident",
    "casualty_summary",
    "group_episodes",
    "same_event",
]
