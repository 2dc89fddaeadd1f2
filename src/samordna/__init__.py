"""Samordna: the working system of Swedish samordningsförbund (FINSAM)."""

from __future__ import annotations

__version__ = "0.1.0"
