"""Fuzz ``warlog.read`` with generated hostile texts: count what raises.

    .venv/bin/python benchmarks/fuzz_read.py [--count N] [--seed S] [--published-too]

Each input is built from fragments a hostile or careless source gives: news sentences,
figures ("9" x 400, 2^63), dates near year 1 and 9999, lone surrogates, invisible and control
characters, runs of quotes, HTML entities, random Unicode. Every input goes through
``warlog.read`` with the real English pipeline; the script prints how many returned a
report, how many raised a WarlogError (by code) and how many raised anything else or failed
in analysis (W500: a bug wrapped as a WarlogError), by kind with the first input of each,
and exits 1 when there was any of those.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter

SENTENCES = (
    "Azerbaijan said on Sunday that Armenia shelled Ganja.",
    "One civilian was killed and 12 were wounded, the ministry said.",
    "BAKU, Oct 4 (Reuters) - Fighting continued in Nagorno-Karabakh.",
    "Rebels attacked a police post near Kandahar on Tuesday, killing at least 7 people.",
    "Israeli forces raided Jenin overnight; two Palestinians died, officials said.",
    "Officials denied the report, calling it a provocation.",
    "An air strike hit a market in Aleppo three days ago.",
)
FRAGMENTS = (
    "9" * 400,
    str(2**63),
    str(2**31),
    "99999999999999999999 million",
    "killed 9223372036854775808 people",
    "January 1, 0001",
    "0001-01-01",
    "December 31, 9999",
    "9999-12-31",
    "99999999999 days ago",
    "1e400",
    "\udc80",
    "\ud800abc",
    "\u200b\u200b\u2060\ufeff",
    "\x00\x01\x02\x1b[31m",
    '"' * 300,
    "\u201c" * 200,
    "&amp;" * 50,
    '<iframe src="javascript:alert(1)"></iframe>',
    '=HYPERLINK("http://x")',
    "\r\n\r\n\r",
    "\u202e\u2066",
    "Ｏｎｅ ｈｕｎｄｒｅｄ",
    "one hundred and twenty thousand million",
    "last Sunday, next Friday, this month, last year",
    "-" * 100,
    "(((((((((",
)


def random_unicode(rng: random.Random, size: int) -> str:
    chars = []
    for _ in range(size):
        roll = rng.random()
        if roll < 0.6:
            chars.append(chr(rng.randint(0x20, 0x7E)))
        elif roll < 0.8:
            chars.append(chr(rng.randint(0xA0, 0x2FFF)))
        else:
            chars.append(chr(rng.randint(0, 0x10FFFF)))
    return "".join(chars)


def hostile_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 8)):
        roll = rng.random()
        if roll < 0.4:
            parts.append(rng.choice(SENTENCES))
        elif roll < 0.8:
            parts.append(rng.choice(FRAGMENTS))
        else:
            parts.append(random_unicode(rng, rng.randint(1, 200)))
    return rng.choice((" ", "\n", "", "\n\n")).join(parts)


PUBLISHED = (None, None, "2020-10-04", "0001-01-01", "9999-12-31", "2020-13-45", "2020")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()

    import warlog
    from warlog.errors import WarlogError
    from warlog.nlp import load_pipeline

    nlp = load_pipeline()
    rng = random.Random(args.seed)
    reports = 0
    codes: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    first: dict[str, str] = {}
    started = time.perf_counter()
    for _ in range(args.count):
        text = hostile_text(rng)
        published = rng.choice(PUBLISHED)
        try:
            warlog.read(text, published=published, nlp=nlp)
            reports += 1
        except WarlogError as error:
            codes[error.code] += 1
            if error.code == "W500":  # an analysis failure: a bug, whatever its class
                kind = "W500: " + re.sub(r"\d+|'.*?'", "N", error.message[:120])
                crashes[kind] += 1
                first.setdefault(kind, repr(text)[:200] + f" published={published!r}")
        except Exception as exc:
            kind = re.sub(r"\d+|'.*?'", "N", f"{type(exc).__name__}: {str(exc)[:80]}")
            crashes[kind] += 1
            first.setdefault(kind, repr(text)[:200] + f" published={published!r}")
    elapsed = time.perf_counter() - started
    print(f"{args.count} inputs (seed {args.seed}) in {elapsed:.0f} s")
    print(f"  reports: {reports}")
    for code, count in sorted(codes.items()):
        print(f"  {code}: {count}")
    print(f"  analysis failures (W500) and other exceptions: {sum(crashes.values())}")
    for kind, count in crashes.most_common():
        print(f"    {count} x {kind}\n      first: {first[kind]}")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
