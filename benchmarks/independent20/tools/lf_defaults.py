import sys, os, numpy as np, warnings
sys.path.insert(0, "/tmp/r7")
import check
warnings.simplefilter("ignore")
ref = check.load("ref_exercises", check.CORRECT)
rng = np.random.default_rng(0)
edge = np.array([[-1., 0, 1]] * 3)
imgs = [rng.random((8, 8)) for _ in range(4)]
tg = [check._ref_convolve(im, edge) for im in imgs]
r = ref["learn_filter"](imgs, tg, (3, 3))
print("ref", np.round(r, 6).tolist())
for d in sorted(os.listdir("corpus")):
    if d.startswith("learn_filter__"):
        import importlib
        for m in [k for k in sys.modules if k == "exercises" or k.startswith("exercises.")]:
            del sys.modules[m]
        v = check.load("exercises", f"corpus/{d}/exercises")
        with np.errstate(all="ignore"):
            out = v["learn_filter"](imgs, tg, (3, 3))
        print(f"{d:45s} maxdiff {np.nanmax(np.abs(out - r)) if np.all(np.isfinite(out)) else 'nan/inf'}")
