"""The one kind of refusal every module raises: an action that cannot be done now.

Its message is Swedish and says why; a page shows it as it is and changes nothing.
The board catches it from the modules that hang their work on the board's agenda
without knowing them (``samordna.board.agenda``).
"""

from __future__ import annotations


class Refused(Exception):
    """An action that cannot be done; the message is Swedish and says why."""
