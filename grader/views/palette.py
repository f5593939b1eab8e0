"""Colours shared by the terminal report and the student page, so that a score and a map look the
same in both."""

from __future__ import annotations

from typing import Literal

import numpy as np

ScoreLevel = Literal["full", "partial", "none"]

# One palette for scores: full marks, part, none. Mid-luminance hues, readable on a dark and on a
# light terminal background alike, and on the page's white.
SCORE_COLOURS: dict[ScoreLevel, str] = {"full": "#1a9850", "partial": "#c77700", "none": "#d73027"}

# ColorBrewer's RdBu, blue (negative) through white (zero) to red (positive): matplotlib's
# "RdBu_r", which the page's pictures use, so a map has the same colours in both views.
DIVERGING = ("#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b")


def score_level(score: float, points: float) -> ScoreLevel:
    """"full", "partial" or "none": the key of SCORE_COLOURS for a score out of points."""
    return "full" if score >= points - 1e-9 else ("partial" if score > 0 else "none")


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def heat_colour(v: float, lim: float) -> tuple[int, int, int]:
    """The diverging palette's colour of v on the scale [-lim, lim] (white at zero)."""
    if not np.isfinite(v) or lim <= 0:
        return _hex(DIVERGING[len(DIVERGING) // 2])
    t = (min(max(v / lim, -1.0), 1.0) + 1) / 2 * (len(DIVERGING) - 1)
    i = min(int(t), len(DIVERGING) - 2)
    a, b = _hex(DIVERGING[i]), _hex(DIVERGING[i + 1])
    f = t - i
    return tuple(round(x + (y - x) * f) for x, y in zip(a, b))  # type: ignore[return-value]


__all__ = ["DIVERGING", "SCORE_COLOURS", "ScoreLevel", "heat_colour", "score_level"]
