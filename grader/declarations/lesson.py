"""What docs/lesson.md shows, stated once: its edge filter and the answers it gives.

The exercises' lesson cases use these; prepare.py refuses a declaration whose stated answer
disagrees with the reference."""

import numpy as np

EDGE = np.array([[-1.0, 0.0, 1.0]] * 3)
"""The lesson's vertical-edge filter: -1, 0, 1 on every row."""
EDGE_PATCH = np.array([[0.0, 0, 1]] * 3)
"""A patch with a dark-to-bright edge on its right column."""
EDGE_PATCH_RESPONSE = 3.0
"""EDGE on EDGE_PATCH, as the lesson works it out."""
FLAT_PATCH_RESPONSE = 0.0
"""EDGE on a flat patch: no edge, no response."""
ONE_3X3_FILTER_PARAMS = 9
"""One 3x3 filter on one channel, no bias."""
DENSE_784_PARAMS = 614_656
"""A dense layer 784 -> 784 without biases: the lesson's figure."""

def pixels_of(image: np.ndarray) -> str:
    """How a case's pixels are stored, as its "pixels" feature: "uint8", "int" or "float"."""
    kind = np.asarray(image).dtype
    return "uint8" if kind == np.uint8 else "int" if kind.kind in "iu" else "float"


# 8-bit pixels: an array made like the image (np.empty_like, zeros_like, astype) keeps uint8 and wraps at 256.
UINT8_HINT = ("8-bit pixels (uint8) wrap around at 256 and hold no fractions: compute in floats, np.asarray(x, dtype=float); "
              "an array made like the image (np.empty_like, np.zeros_like, .astype(image.dtype)) keeps its uint8 type.")
# What to do when exactly the cases with pixels of a given storage fail (Exercise.feature_hints).
PIXEL_HINTS = {"pixels uint8": UINT8_HINT,
               "pixels other than float": "Integer pixels (int64, or uint8 that also wraps around at 256) hold no fractions: "
               "compute in floats, np.asarray(x, dtype=float), and make the output with np.zeros(shape) (float64); an array "
               "made like the image (np.zeros_like, np.empty_like, .astype(image.dtype)) keeps its integer type."}

__all__ = ["DENSE_784_PARAMS", "EDGE", "EDGE_PATCH", "EDGE_PATCH_RESPONSE", "FLAT_PATCH_RESPONSE", "ONE_3X3_FILTER_PARAMS", "PIXEL_HINTS", "UINT8_HINT", "pixels_of"]
