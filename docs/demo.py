"""The README's demo: the lesson's edge filter on a real photo, and the same filter learned.

    python docs/demo.py            # writes docs/demo.png

The photo is the portrait of Grace Hopper that matplotlib ships as sample data, so nothing
is downloaded. The reference solutions compute everything.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import cbook  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from grader.declarations.lesson import EDGE  # noqa: E402  (the lesson's edge filter, declared once)
from solutions.convolve import convolve  # noqa: E402
from solutions.learning import learn_filter  # noqa: E402


def photo() -> np.ndarray:
    with cbook.get_sample_data("grace_hopper.jpg") as f:
        rgb = plt.imread(f).astype(float) / 255.0
    grey = rgb.mean(axis=2)
    return grey[::4, ::4]  # 150 x 128: small enough to see the pixels of the map


def main(out: Path = ROOT / "docs" / "demo.png") -> Path:
    image = photo()
    edges = convolve(image, EDGE)
    rng = np.random.default_rng(0)
    patches = [image[r : r + 24, c : c + 24] for r, c in rng.integers(0, 100, size=(4, 2))]
    learned = learn_filter(patches, [convolve(p, EDGE) for p in patches], (3, 3), lr=0.2, steps=2000)
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.4), gridspec_kw={"width_ratios": [3, 3, 1.2, 1.2]})
    axes[0].imshow(image, cmap="gray")
    axes[0].set_title(f"photo ({image.shape[0]}x{image.shape[1]})")
    lim = np.abs(edges).max()
    axes[1].imshow(edges, cmap="RdBu_r", vmin=-lim, vmax=lim)
    axes[1].set_title("feature map of the edge filter\n(red: dark-to-bright, left to right)")
    for ax, k, title in ((axes[2], EDGE, "hand-set filter"), (axes[3], learned, "learned filter")):
        ax.imshow(k, cmap="RdBu_r", vmin=-1.2, vmax=1.2)
        for (i, j), v in np.ndenumerate(k):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8)
        ax.set_title(title)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    fig.savefig(out, dpi=80)
    print(f"wrote {out}; largest difference between learned and hand-set: {np.abs(learned - EDGE).max():.2e}")
    return out


if __name__ == "__main__":
    main()
