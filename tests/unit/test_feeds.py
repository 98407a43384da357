"""RSS and Atom feed files as inputs (no model)."""

from __future__ import annotations

from pathlib import Path

from warlog import errors
from warlog.errors import InputError
from warlog.ingest import iter_sources
from warlog.ingest.readers import RawArticle

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
 <channel>
  <title>Caucasus Wire</title>
  <item>
   <title>Shelling hits Ganja</title>
   <link>https://example.org/ganja</link>
   <pubDate>Sun, 04 Oct 2020 18:30:00 GMT</pubDate>
   <description>Short teaser.</description>
   <content:encoded><![CDATA[<p>Armenian forces shelled Ganja on Sunday.</p>
<p>One civilian was killed.</p>]]></content:encoded>
  </item>
  <item>
   <title>Link only</title>
   <link>https://example.org/empty</link>
  </item>
 </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>Atom Desk</title>
 <entry>
  <title>Strike on Stepanakert</title>
  <link rel="alternate" href="https://example.org/stepanakert"/>
  <published>2020-10-04T09:00:00Z</published>
  <summary>Azerbaijani forces struck Stepanakert.</summary>
 </entry>
</feed>
"""


def test_rss_items_are_articles_and_an_item_without_text_is_reported(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS, encoding="utf-8")
    first, second = list(iter_sources([feed]))
    assert isinstance(first, RawArticle)
    assert first.text == "Armenian forces shelled Ganja on Sunday.\n\nOne civilian was killed."
    assert (first.headline, first.url, first.outlet, first.published) == (
        "Shelling hits Ganja",
        "https://example.org/ganja",
        "Caucasus Wire",
        "2020-10-04",
    )
    assert first.source.endswith("wire.rss#item1")
    assert isinstance(second, InputError) and second.code == errors.NO_TEXT
    assert second.source.endswith("#item2") and "Link only" in second.reason


def test_atom_entries_and_xml_sniffing(tmp_path: Path) -> None:
    feed = tmp_path / "desk.xml"
    feed.write_text(ATOM, encoding="utf-8")
    [entry] = list(iter_sources([feed]))
    assert isinstance(entry, RawArticle)
    assert entry.text == "Azerbaijani forces struck Stepanakert."
    assert (entry.url, entry.published, entry.outlet) == (
        "https://example.org/stepanakert",
        "2020-10-04",
        "Atom Desk",
    )
    sniffed = tmp_path / "saved-feed.txt"  # a feed saved under another name is still a feed
    sniffed.write_text(ATOM, encoding="utf-8")
    assert isinstance(next(iter(iter_sources([sniffed]))), RawArticle)


def test_broken_feeds_are_rejected_with_a_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><item><title>x</title></channel>", encoding="utf-8")
    [error] = list(iter_sources([broken]))
    assert isinstance(error, InputError) and error.code == errors.BAD_FEED
    assert "not well-formed XML" in error.reason
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?><config><a>1</a></config>", encoding="utf-8")
    [error] = list(iter_sources([other]))
    assert isinstance(error, InputError) and "no RSS items" in error.reason
    bomb = tmp_path / "entities.rss"  # entities are not expanded
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]>'
        "<rss><channel><item><title>t</title><description>&a;&a;</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    items = list(iter_sources([bomb]))
    assert all(isinstance(i, InputError) or "aaaa" not in i.text for i in items)
