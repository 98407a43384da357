"""RSS 2.0, RSS 1.0 (RDF) and Atom feed files: one raw article per item.

A saved feed is a common way news reaches a researcher's laptop. Each item becomes an article
with the item's full text (``content:encoded`` or Atom ``content``, else the description or
summary), its title as headline, its link as URL, its date as the publication date and the
feed's title as outlet. The XML is parsed without entities or network access; an item with
no text is reported, not dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import Any

from warlog import errors
from warlog.errors import InputError
from warlog.ingest.readers import RawArticle

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_BLOCK_END_RE = re.compile(r"(?i)</(p|div|li|h[1-6]|blockquote)>|<br\s*/?>")


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def _text_of_html(fragment: str) -> str:
    """Plain text of an item's HTML, a paragraph per block."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    marked = _BLOCK_END_RE.sub("\n\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except Exception:  # lxml raises several types on broken markup
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    paragraphs = [" ".join(part.split()) for part in root.text_content().split("\n\n")]
    return "\n\n".join(part for part in paragraphs if part)


def _date(value: str | None) -> str | None:
    """An item's date as YYYY-MM-DD: RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core)."""
    if not value:
        return None
    value = value.strip()
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _child_text(element: Any, *tags: str) -> str | None:
    for tag in tags:
        found = element.find(tag)
        if found is not None and (found.text or "").strip():
            return str(found.text).strip()
    return None


def _atom_link(entry: Any) -> str | None:
    links = entry.findall(f"{_ATOM}link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link.get("href"))
    return str(links[0].get("href")) if links and links[0].get("href") else None


def articles_from_feed(data: bytes, source: str) -> Iterator[RawArticle | InputError]:
    """The items of a feed file, each an article (or a reject naming the item)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        yield InputError(
            source,
            f"is not well-formed XML ({exc.msg})",
            "Save the feed again; warlog reads RSS and Atom files.",
            errors.BAD_FEED,
        )
        return
    if root.tag == f"{_ATOM}feed":
        outlet = _child_text(root, f"{_ATOM}title")
        items = [
            (
                entry,
                _child_text(entry, f"{_ATOM}title"),
                _atom_link(entry),
                _child_text(entry, f"{_ATOM}published", f"{_ATOM}updated"),
                _child_text(entry, f"{_ATOM}content", f"{_ATOM}summary"),
            )
            for entry in root.findall(f"{_ATOM}entry")
        ]
    else:
        channel = root.find("channel")
        outlet = _child_text(channel, "title") if channel is not None else None
        outlet = outlet or _child_text(root, f"{_RSS1}channel/{_RSS1}title")
        elements = root.findall("channel/item") + root.findall(f"{_RSS1}item")
        items = [
            (
                item,
                _child_text(item, "title", f"{_RSS1}title"),
                _child_text(item, "link", f"{_RSS1}link"),
                _child_text(item, "pubDate", _DC_DATE),
                _child_text(item, _CONTENT, "description", f"{_RSS1}description"),
            )
            for item in elements
        ]
    if not items:
        yield InputError(
            source,
            "is XML but holds no RSS items or Atom entries",
            "Give an RSS or Atom feed file.",
            errors.BAD_FEED,
        )
        return
    for number, (_element, title, link, date, body) in enumerate(items, start=1):
        where = f"{source}#item{number}"
        text = _text_of_html(body or "")
        if not text:
            yield InputError(
                where,
                f"('{title or 'untitled'}') carries no text, only a title or link",
                "Save the article page it links to and ingest that instead.",
                errors.NO_TEXT,
            )
            continue
        yield RawArticle(
            source=where,
            text=text,
            url=link,
            outlet=outlet,
            headline=title,
            published=_date(date),
        )
