"""The course's exercises, declared once. Instructor-only: a student release carries a
precomputed bundle instead (the mistakes below are the reference, slightly bent)."""

from .convolve import CONVOLVE, OUTPUT_SHAPE
from .feature_maps import FEATURE_MAPS
from .learning import GRADIENT_STEP, KERNEL_GRADIENT, LEARN_FILTER
from .param_counts import CONV_PARAMS, DENSE_PARAMS
from .response import FILTER_RESPONSE

EXERCISES = (
    FILTER_RESPONSE,
    OUTPUT_SHAPE,
    CONVOLVE,
    FEATURE_MAPS,
    CONV_PARAMS,
    DENSE_PARAMS,
    KERNEL_GRADIENT,
    GRADIENT_STEP,
    LEARN_FILTER,
)

__all__ = ["EXERCISES"]
