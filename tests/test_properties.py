"""Hypothesis properties of the reference against independent loop implementations, and of
the wire format that crosses the sandbox."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from grader import wire

sys.path.insert(0, str(ROOT))
from solutions.convolve import convolve, output_shape  # noqa: E402
from solutions.feature_maps import feature_maps  # noqa: E402
from solutions.learning import gradient_step, kernel_gradient  # noqa: E402

floats = st.floats(-10, 10, allow_nan=False, width=64)


def loop_convolve(image, kernel, stride, padding):
    h, w = image.shape
    kh, kw = kernel.shape
    padded = np.zeros((h + 2 * padding, w + 2 * padding))
    padded[padding : padding + h, padding : padding + w] = image
    out = []
    i = 0
    while i + kh <= padded.shape[0]:
        row, j = [], 0
        while j + kw <= padded.shape[1]:
            row.append(sum(padded[i + a, j + b] * kernel[a, b] for a in range(kh) for b in range(kw)))
            j += stride
        out.append(row)
        i += stride
    return np.array(out)


@st.composite
def geometry(draw):
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    padding, stride = draw(st.integers(0, 2)), draw(st.integers(1, 3))
    h = draw(st.integers(max(1, kh - 2 * padding), 9))
    w = draw(st.integers(max(1, kw - 2 * padding), 9))
    image = draw(arrays(np.float64, (h, w), elements=floats))
    kernel = draw(arrays(np.float64, (kh, kw), elements=floats))
    return image, kernel, stride, padding


@settings(max_examples=150, deadline=None)
@given(geometry())
def test_convolve_matches_a_loop_implementation(g):
    image, kernel, stride, padding = g
    got = convolve(image, kernel, stride, padding)
    assert got.dtype == np.float64
    assert got.shape == output_shape(image.shape, kernel.shape, stride, padding)
    assert np.allclose(got, loop_convolve(image, kernel, stride, padding), atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(geometry(), st.integers(1, 3), st.integers(1, 3), st.booleans())
def test_feature_maps_stacks_per_filter_sums_over_channels(g, channels, n_filters, with_bias):
    image2d, kernel, stride, padding = g
    rng = np.random.default_rng(int(abs(image2d.sum() * 1000)) % 2**32)
    image = np.stack([image2d + c for c in range(channels)])
    filters = rng.normal(size=(n_filters, channels, *kernel.shape))
    biases = rng.normal(size=n_filters) if with_bias else None
    got = feature_maps(image, filters, biases, stride, padding)
    for k in range(n_filters):
        want = sum(loop_convolve(image[c], filters[k, c], stride, padding) for c in range(channels))
        if with_bias:
            want = want + biases[k]
        assert np.allclose(got[k], want, atol=1e-8)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 7), st.integers(2, 7), st.integers(1, 3), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_kernel_gradient_matches_finite_differences(h, w, kh, kw, seed):
    if kh > h or kw > w:
        return
    rng = np.random.default_rng(seed)
    image, kernel = rng.normal(size=(h, w)), rng.normal(size=(kh, kw))
    g = rng.normal(size=(h - kh + 1, w - kw + 1))
    loss = lambda k: float(np.sum(g * convolve(image, k)))  # noqa: E731  (dL/dout = g)
    numeric = np.zeros_like(kernel)
    for a in range(kh):
        for b in range(kw):
            e = np.zeros_like(kernel)
            e[a, b] = 1e-6
            numeric[a, b] = (loss(kernel + e) - loss(kernel - e)) / 2e-6
    assert np.allclose(kernel_gradient(image, g), numeric, atol=1e-5)


@given(arrays(np.float64, (3, 3), elements=floats), arrays(np.float64, (3, 3), elements=floats), st.floats(0, 1))
def test_gradient_step_is_pure(kernel, grad, lr):
    before = kernel.copy()
    out = gradient_step(kernel, grad, lr)
    assert out is not kernel and np.array_equal(kernel, before)
    assert np.allclose(out, before - lr * grad)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 3), st.integers(0, 3), st.integers(0, 2**32 - 1))
def test_shifted_pattern_gives_shifted_map(dy, dx, seed):
    rng = np.random.default_rng(seed)
    image = np.zeros((10, 11))
    image[:4, :4] = rng.normal(size=(4, 4))
    kernel = rng.normal(size=(3, 3))
    a, b = convolve(image, kernel), convolve(np.roll(image, (dy, dx), axis=(0, 1)), kernel)
    assert np.allclose(b[dy:, dx:], a[: a.shape[0] - dy, : a.shape[1] - dx])


# ------------------------------------------------------------------ wire format

plain = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.floats(allow_nan=False) | st.text(max_size=10)
    | arrays(st.sampled_from([np.float64, np.int32, np.uint8, np.complex128]), st.tuples(st.integers(0, 3), st.integers(0, 3))),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=12,
)


def _same(a, b):
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b and type(a) is type(b)


@settings(max_examples=200, deadline=None)
@given(plain)
def test_wire_round_trip(value):
    assert _same(wire.decode(wire.encode(value)), value)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_wire_never_crashes_on_garbage(data):
    try:
        wire.decode(data)
    except wire.WireError:
        pass


def _forge(header: bytes, payload: bytes = b"") -> bytes:
    import struct

    return struct.pack("<4sI", b"GRW1", len(header)) + header + payload


@pytest.mark.parametrize(
    ("header", "payload", "why"),
    [
        (b'{"v":{"a":0},"a":[["|O8",[1],0,8]]}', b"\0" * 8, "refused dtype"),
        (b'{"v":{"a":0},"a":[["<f8",[100000,100000,100000],0,8]]}', b"\0" * 8, "does not match"),
        (b'{"v":{"a":0},"a":[["V8",[1],0,8]]}', b"\0" * 8, "refused dtype"),
        (b'{"v":{"a":0},"a":[["<f8",[2],0,16]]}', b"\0" * 8, "does not match"),
        (b'{"v":{"a":5},"a":[]}', b"", "bad array reference"),
        (b'{"v":' + b"[" * 100 + b"]" * 100 + b',"a":[]}', b"", "nested too deeply"),
        (b'{"v":' + b"[" * 50000 + b"]" * 50000 + b',"a":[]}', b"", "unreadable header"),
    ],
    ids=["object dtype", "30 GiB shape", "record dtype", "short payload", "bad reference", "deep nesting", "json bomb"],
)
def test_forged_frames_are_refused(header, payload, why):
    with pytest.raises(wire.WireError, match=why):
        wire.decode(_forge(header, payload))


# Entries that stress the comparison: exact ties, tiny and huge values, NaN and both infinities.
_tricky = st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=64),
                    st.sampled_from([0.0, 1.0, -1.0, 1e-12, 1e308, -1e308, float("nan"), float("inf"), -float("inf")]))


@settings(max_examples=400, deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(arrays(np.float64, n, elements=_tricky), arrays(np.float64, n, elements=_tricky))),
       st.sampled_from([(0.0, 1e-9), (1e-7, 1e-9), (1e-6, 1e-3), (0.0, 0.0)]))
def test_fast_comparison_agrees_with_numpy_allclose(pair, tol):
    """compare._allclose (the fast path used for every case and every known mistake) must
    say exactly what np.allclose(equal_nan=True) says, overflow and NaN included."""
    from grader.compare import _allclose
    from grader.spec import Tolerance

    a, b = pair
    rtol, atol = tol
    with np.errstate(all="ignore"):
        a32 = a.astype(np.float32)  # a student's float32 output (huge values overflow to inf)
        expected = bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))
        expected32 = bool(np.allclose(a32, b, rtol=rtol, atol=atol, equal_nan=True))
    assert _allclose(a, b, Tolerance(rtol=rtol, atol=atol)) == expected
    assert _allclose(a32, b, Tolerance(rtol=rtol, atol=atol)) == expected32
