"""A refused or missing page is one line in the log, without a traceback."""

from __future__ import annotations

import io
import logging

from samordna.accounts.roles import Role
from samordna.core.logs import ClientErrorsOnOneLine
from tests.conftest import Cast, client_for


def _console() -> logging.Handler:
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, ClientErrorsOnOneLine) for f in h.filters)
    ]
    assert len(handlers) == 1, "the configured console handler carries the filter"
    return handlers[0]


def test_403_and_404_are_logged_as_one_line_each(cast: Cast) -> None:
    handler = _console()
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        client = client_for(cast[Role.BOARD_MEMBER])
        assert client.get(f"/f/{cast.association.slug}/logg/").status_code == 403
        assert client.get(f"/f/{cast.association.slug}/finns-inte/").status_code == 404
    finally:
        handler.setStream(previous)
    lines = [line for line in stream.getvalue().splitlines() if line.strip()]
    assert any(line.startswith("Forbidden") for line in lines), lines
    assert any(line.startswith("Not Found") for line in lines), lines
    assert "Traceback" not in stream.getvalue()
    assert len(lines) == 2, lines
