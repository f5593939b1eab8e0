"""Pictures of one case: its two array inputs (labelled for its exercise), then the expected and
the received output on one shared colour scale (white is zero), as one PNG drawn with matplotlib.
The student page shows them, and so does the notebook under a failing check."""

from __future__ import annotations

import base64
import io

import numpy as np

from ..inert import html as _h  # escaped, controls and bidi controls shown: student text is inert
from ..results import CaseResult, ExerciseResult
from .example import worked_example


def grid(a: object) -> np.ndarray | None:
    """A 2-D picture of an array: the first channel / map / filter slice of higher ranks."""
    a = np.asarray(a) if isinstance(a, np.ndarray) else None
    if a is None or a.dtype.kind not in "biuf" or a.ndim < 2 or a.size == 0:
        return None
    while a.ndim > 2:
        a = a[0]
    return a


def panel_labels(ex: ExerciseResult) -> tuple[str, str, str, str]:
    """(first argument, second argument, expected output, your output): the exercise's declared panels."""
    first, second, out = ex.panels
    return first, second, f"expected {out}", f"your {out}"


def _limit(*grids: np.ndarray) -> float:
    finite = np.concatenate([g[np.isfinite(g)].ravel() for g in grids]) if grids else np.zeros(0)
    return float(np.max(np.abs(finite))) if finite.size and np.max(np.abs(finite)) > 0 else 1.0


def png(panels: list[tuple[str, np.ndarray]], shared: int = 0, marks: dict[int, np.ndarray] | None = None) -> str:
    """Panels side by side; the last `shared` panels (expected and yours) on one colour scale, with
    its colour bar, so a map twice too large looks twice as strong. Zero is white (RdBu_r). `marks`:
    panel index -> a mask of its cells to mark with a cross (the cells the grade counted wrong)."""
    from matplotlib.figure import Figure  # not pyplot: no global state, a faster import

    fig = Figure(figsize=(2.3 * len(panels) + (0.6 if shared else 0), 2.5), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(panels)))
    lim_shared = _limit(*(g for _, g in panels[len(panels) - shared:])) if shared else 0.0
    image = None
    for i, (ax, (title, g)) in enumerate(zip(axes, panels)):
        lim = lim_shared if i >= len(panels) - shared else _limit(g)
        image = ax.imshow(np.nan_to_num(g), cmap="RdBu_r", vmin=-lim, vmax=lim, interpolation="nearest")
        mask = (marks or {}).get(i)
        if mask is not None and mask.shape == g.shape and mask.any():
            rows, cols = np.nonzero(mask)
            ax.scatter(cols, rows, marker="x", c="black", s=max(6.0, 160.0 / max(g.shape)), linewidths=1)
        ax.set_title(title, fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
    if shared and image is not None:
        bar = fig.colorbar(image, ax=list(axes[len(panels) - shared:]), shrink=0.8, pad=0.02)
        bar.ax.tick_params(labelsize=7)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, facecolor="white")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def pictures_html(ex: ExerciseResult, case: CaseResult | None = None) -> str:
    """A <figure> with the pictures of one case of `ex` (`case`, by default its worked example, else
    its first case with inputs): the two array inputs, then the expected and the received output on
    one colour scale, the cells the grade counted wrong crossed; "" when there is nothing to draw."""
    if case is None:
        example = worked_example(ex)
        case = example if example is not None and example.detail.get("inputs") is not None else next(
            (c for c in ex.cases if c.detail.get("inputs") is not None), None)
    if case is None:
        return ""
    inputs = case.detail["inputs"]
    first, second, expected_label, got_label = panel_labels(ex)
    panels = []
    for title, value in ((first, inputs[0] if inputs else None), (second, inputs[1] if len(inputs) > 1 else None)):
        g = grid(value)
        if g is not None:
            panels.append((title, g))
    expected, got = grid(case.detail.get("expected")), grid(case.detail.get("got"))
    if expected is None:
        return ""
    panels.append((expected_label, expected))
    if got is not None and got.shape == expected.shape:
        panels.append((got_label, got))
    elif got is not None:  # another shape: its own scale, said in the caption
        panels.append((f"{got_label} (shape {got.shape})", got))
    shared = 2 if got is not None and got.shape == expected.shape else 1
    wrong = grid(case.detail.get("wrong")) if shared == 2 else None
    marked = wrong is not None and wrong.shape == got.shape and bool(wrong.any())
    caption = f"case: {_h(case.label)}" + (
        "; expected and yours share one colour scale (white is zero)" if shared == 2 else
        " (your function returned no array here)" if got is None else "; yours has another shape, so its own scale") + (
        "; the cells that differ are crossed" if marked else "")
    source = png(panels, shared, {len(panels) - 1: wrong} if marked else None)
    return f'<figure><img alt="pictures for {_h(ex.qualname)}" src="{source}"><figcaption>{caption}</figcaption></figure>'


__all__ = ["grid", "panel_labels", "pictures_html", "png"]
