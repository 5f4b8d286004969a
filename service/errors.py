"""Domain errors. The HTTP layer and the CLI each map them once, in one place."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class: a problem the caller can understand and act on."""

    status_code = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def details(self) -> dict[str, object]:
        """Fields a client can act on, sent beside the message."""
        return {}

    def headers(self) -> dict[str, str] | None:
        """HTTP headers the response must carry (Retry-After, WWW-Authenticate)."""
        return None


class InvalidRequestError(NewsdeskError):
    """The request is well-formed JSON but asks for something impossible."""

    status_code = 422


class UnauthorizedError(NewsdeskError):
    """No API key, or one the service does not know."""

    status_code = 401

    def headers(self) -> dict[str, str] | None:
        return {"WWW-Authenticate": "Bearer"}


class ForbiddenError(NewsdeskError):
    """A valid key that may not do this (changing the articles needs an admin key)."""

    status_code = 403


class NotFoundError(NewsdeskError):
    """A named article (or other resource) does not exist."""

    status_code = 404


class ConflictError(NewsdeskError):
    """The request clashes with what is there: the article exists, or is not one HTTP may change."""

    status_code = 409

    def __init__(self, message: str, existing_id: str | None = None) -> None:
        super().__init__(message)
        self.existing_id = existing_id

    def details(self) -> dict[str, object]:
        return {"existing_id": self.existing_id} if self.existing_id else {}


class TooLargeError(NewsdeskError):
    """A submitted text is over its size limit."""

    status_code = 413


class CorpusError(NewsdeskError):
    """An article file could not be loaded (bad front matter, empty body...)."""

    status_code = 422


class IndexNotReadyError(NewsdeskError):
    """The search index is missing or empty: run ingest first."""

    status_code = 503


class BackendUnavailableError(NewsdeskError):
    """The LLM or embedding backend cannot be reached or did not answer in time."""

    status_code = 503


class BusyError(NewsdeskError):
    """Too many requests are waiting for the model."""

    status_code = 429

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s

    def headers(self) -> dict[str, str] | None:
        return {"Retry-After": str(self.retry_after_s)}


class ConfigurationError(NewsdeskError):
    """A setting is missing or inconsistent (e.g. the openai backend without an API key)."""

    status_code = 500
