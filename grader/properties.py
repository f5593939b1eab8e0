"""Checks where a property of the lesson is the specification, run on the student's outputs.

A property case calls the student's function several times; the named check here relates
the outputs. Only plain outputs come in: the check runs in the trusted parent.
"""

from __future__ import annotations

import numpy as np

from .compare import Mismatch


def translation_equivariance(outputs: list, params: dict) -> Mismatch | None:
    """Shifting the image by (dy, dx) must shift the map by (dy, dx): one filter, shared everywhere."""
    a, b = outputs
    if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.shape != b.shape or a.ndim != 2:
        return Mismatch("type", "did not return two maps of the same shape for an image and its shifted copy")
    if "shape" in params and a.shape != tuple(params["shape"]):
        # A placeholder of any other shape shifts trivially: the property counts only for real maps.
        return Mismatch("shape", f"expected maps of shape {tuple(params['shape'])}, got {a.shape}")
    if a.dtype.kind not in "biuf" or not np.isfinite(a).all() or not np.isfinite(b).all() or np.ptp(a) == 0:
        return Mismatch("values", "returned the same value everywhere (or not finite numbers): a map that shows nothing "
                        "is trivially shifted, and earns nothing here. The pattern must light up where it is")
    dy, dx = params["shift"]
    if np.allclose(b[dy:, dx:], a[: a.shape[0] - dy, : a.shape[1] - dx], atol=1e-9):
        return None
    return Mismatch(
        "values",
        f"moving the pattern {dy} down and {dx} right did not move the map by the same amount. With one filter "
        "reused at every position (weight sharing), a pattern gives the same responses wherever it is, only "
        "shifted: are some positions computed with different weights or a different window?",
    )


CHECKS = {"translation_equivariance": translation_equivariance}

__all__ = ["CHECKS", "translation_equivariance"]
