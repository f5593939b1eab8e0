# module: convolve
# zero: output_shape, convolve
# message: peek blocked
# cascade:
# tries: replace the substitute output_shape for good (in the module, the package and builtins), keep it for later calls, and rewrite its table so that it answers what the attacker wants

import builtins
import sys

import numpy as np


def output_shape(image_shape, kernel_shape, stride=1, padding=0):
    raise RuntimeError("peek blocked: this output_shape fails on purpose")


_kept = []


def convolve(image, kernel, stride=1, padding=0):
    module = sys.modules[__name__]
    substitute = module.output_shape
    _kept.append(substitute)
    builtins.output_shape = substitute
    table = getattr(substitute, "_table", None)
    if isinstance(table, dict):
        table["groups"] = []  # make it forget every answer
        table["params"] = [["image_shape", False, None]]
    module.output_shape = lambda *a, **k: (1, 1)  # and stay replaced after this call
    raise RuntimeError(f"peek blocked: replaced {type(substitute).__name__}; answers are still compared in the grader")
