from __future__ import annotations

from samordna.cli import main

main()
