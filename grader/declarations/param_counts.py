"""conv_params and dense_params: why convolution needs so few parameters."""

from ..spec import Diagnosis, Exercise, case
from .lesson import DENSE_784_PARAMS, ONE_3X3_FILTER_PARAMS


def _conv(label, c, k, ks, **kwargs):
    """A conv_params case, its kernel_size's form a feature: a student's code may handle only one."""
    form = "given as a tuple" if isinstance(ks, tuple) else "given as an int"
    return case(label, c, k, ks, features={"kernel_size": form, "bias": kwargs.get("bias", True)}, **kwargs)


def _kk(k):
    return (k, k) if isinstance(k, int) else tuple(k)


CONV_PARAMS = Exercise(
    name="conv_params",
    reads=("conv counts",),
    module="param_counts",
    function="conv_params",
    points=1,
    kind="int",
    summary="learnable parameters of a convolutional layer",
    tags=("weights_per_position", "nine_weights", "channels"),
    section="Weight sharing",
    public=(
        _conv("one 3x3 filter, no bias (the lesson's 9)", 1, 1, 3, bias=False, expect=ONE_3X3_FILTER_PARAMS),
        _conv("3 channels, 16 filters 3x3", 3, 16, 3, expect=448),
        _conv("1 channel, 8 filters 5x5", 1, 8, 5),
        _conv("64 channels, 32 filters 3x3, no bias", 64, 32, 3, bias=False),
        _conv("3 channels, 4 filters of 3x5", 3, 4, (3, 5)),
        # bias passed by position, as the signature's order allows
        case("2 channels, 5 filters 3x3, bias False by position", 2, 5, 3, False,
             features={"kernel_size": "given as an int", "bias": False}),
    ),
    hidden=lambda rng: [_conv(f"hidden conv {i}", int(rng.integers(1, 65)), int(rng.integers(1, 129)), int(rng.choice([1, 3, 5, 7])),
                              bias=bool(i % 2)) for i in range(4)] + [_conv("hidden conv (2, 4) filters", 2, 6, (2, 4))],
    feature_hints={"kernel_size given as a tuple": "kernel_size is an int for a square filter (3 means 3x3) or a tuple "
                   "(kh, kw): handle both, e.g. kh, kw = (k, k) if isinstance(k, int) else k."},
    diagnoses=(
        Diagnosis("bias_forgotten", "the biases are not counted",
                  "Each filter has one bias, a learnable number too: 3 channels, 16 filters 3x3 is "
                  "16 x (3 x 9 + 1) = 448, not 432.", ("channels",),
                  lambda ref, c, k, ks, bias=True: ref.conv_params(c, k, ks, bias=False)),
        Diagnosis("channels_forgotten", "the input channels are not counted",
                  "A filter has a kh x kw slice for EACH input channel: 16 filters 3x3 over an RGB image hold "
                  "16 x (3 x 9 + 1) = 448 numbers, not 160.", ("channels",),
                  lambda ref, c, k, ks, bias=True: ref.conv_params(1, k, ks, bias)),
        Diagnosis("bias_per_channel", "a bias counted per input channel",
                  "A filter has ONE bias however many channels it reads: out x (in x kh x kw + 1).", ("channels",),
                  lambda ref, c, k, ks, bias=True: k * c * (_kk(ks)[0] * _kk(ks)[1] + int(bias))),
        Diagnosis("square_of_first_side", "a (kh, kw) filter counted as kh x kh",
                  "A (3, 5) filter has 3 x 5 = 15 weights per channel: use both sides.", ("nine_weights",),
                  lambda ref, c, k, ks, bias=True: ref.conv_params(c, k, _kk(ks)[0], bias)),
        Diagnosis("bias_flag_ignored", "the biases counted even with bias=False",
                  "bias=False means the layer has no biases: out x in x kh x kw, nothing added (the lesson's "
                  "one 3x3 filter without bias has 9 parameters).", ("nine_weights",),
                  lambda ref, c, k, ks, bias=True: ref.conv_params(c, k, ks, True)),
        Diagnosis("bias_per_weight", "a bias counted per kernel position",
                  "A filter has ONE bias, added once to its whole response, not one per weight: "
                  "out x (in x kh x kw + 1).", ("nine_weights", "weights_per_position"),
                  lambda ref, c, k, ks, bias=True: k * (c * _kk(ks)[0] * _kk(ks)[1] + (_kk(ks)[0] * _kk(ks)[1] if bias else 0))),
        Diagnosis("filters_forgotten", "one filter counted instead of all of them",
                  "A layer has out_channels filters, each with its own weights: multiply by their number.",
                  ("one_filter_enough",), lambda ref, c, k, ks, bias=True: ref.conv_params(c, 1, ks, bias)),
    ),
)


DENSE_PARAMS = Exercise(
    name="dense_params",
    reads=("dense counts",),
    module="param_counts",
    function="dense_params",
    points=1,
    kind="int",
    summary="learnable parameters of a fully-connected layer",
    tags=("dense_614656",),
    section="Why fully-connected layers are wrong for images",
    public=(
        case("784 -> 784, no bias (the lesson's figure)", 784, 784, bias=False, expect=DENSE_784_PARAMS),
        case("784 -> 784 with biases", 784, 784, expect=615440),
        case("100 -> 10", 100, 10),
        case("3 -> 5, no bias", 3, 5, bias=False),
        case("20 -> 7, bias False by position", 20, 7, False),
    ),
    hidden=lambda rng: [case(f"hidden dense {i}", int(rng.integers(1, 3000)), int(rng.integers(1, 500)), bias=bool(i % 2)) for i in range(4)],
    diagnoses=(
        Diagnosis("added_not_multiplied", "inputs and outputs added instead of multiplied",
                  "Every output is connected to EVERY input by its own weight: 784 x 784 = 614,656 weights, "
                  "not 784 + 784 = 1,568.", ("dense_614656",),
                  lambda ref, n, m, bias=True: n + m + (m if bias else 0)),
        Diagnosis("bias_forgotten", "the biases are not counted",
                  "A dense layer has one bias per output: 784 -> 784 with biases is 614,656 + 784 = 615,440.",
                  ("dense_614656",), lambda ref, n, m, bias=True: n * m),
        Diagnosis("bias_flag_ignored", "the biases counted even with bias=False",
                  "bias=False means no biases: 784 -> 784 without them is 614,656, the lesson's figure.",
                  ("dense_614656",), lambda ref, n, m, bias=True: n * m + m),
        Diagnosis("bias_per_input", "a bias counted per input instead of per output",
                  "Each OUTPUT unit has one bias: n_out x (n_in + 1).", ("dense_614656",),
                  lambda ref, n, m, bias=True: n * m + (n if bias else 0)),
    ),
)
