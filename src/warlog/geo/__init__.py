"""geo: the offline gazetteer (read by place recognition and resolution)."""

from warlog.geo.gazetteer import Gazetteer, GeoPlace, gazetteer

__all__ = ["Gazetteer", "GeoPlace", "gazetteer"]
