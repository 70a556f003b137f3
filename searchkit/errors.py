"""One exception hierarchy. The CLI turns each into a one-line message and its exit code."""


QUOTE_LIMIT = 200  # characters of user input an error message quotes at most


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Input text for an error message: repr-quoted (so control characters show as escapes, never act) and cut
    to `limit` characters with the full length given."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text):,} characters)"


class SearchkitError(Exception):
    """Base of every error searchkit raises on purpose."""

    exit_code = 1


class UsageError(SearchkitError):
    """A bad argument, option or query: the user can fix what they typed."""

    exit_code = 2


class DateParseError(UsageError):
    """A date string that cannot be read."""


class QueryError(UsageError):
    """A query that cannot be parsed or names an unknown field."""


class CorpusError(UsageError):
    """A corpus path that does not exist, or an option that does not fit the corpus (e.g. a missing column)."""


class IndexProblem(SearchkitError):
    """The index cannot be used: missing, not a searchkit index, corrupt, untrusted, or locked."""

    exit_code = 3


class StrictModeError(SearchkitError):
    """`--strict` indexing met a record it would have skipped; the index was left unchanged."""

    exit_code = 3


class ArticleNotFound(SearchkitError):
    """No article has the id asked for."""
