"""Bytes-only transport between the trusted grader and sandboxed children.

The parent never unpickles anything a child sends. A frame is a JSON header describing a
tree of plain values plus raw array buffers; decoding checks every array's dtype against
an allowlist and its shape x itemsize against the bytes actually present, so a forged
header cannot make the parent allocate more than it received.

This module imports only the standard library and numpy: the sandbox worker loads it by
path before any student code exists, and children inherit it.
"""

from __future__ import annotations

import json
import math
import struct

import numpy as np

MAGIC = b"GRW1"
_HEAD = struct.Struct("<4sI")
# Numeric kinds only: object ('O'), structured ('V'), string and datetime dtypes are refused.
_ALLOWED_KINDS = frozenset("biufc")
_MAX_NDIM = 8
_MAX_DIM = 1 << 31
_MAX_DEPTH = 64
# A header is small (arrays travel as raw bytes after it): these caps keep a forged one from
# decoding into gigabytes of Python objects ("[[],[],...]" is 3 bytes a list on the wire and
# 56 in memory) or from referencing one buffer thousands of times.
_MAX_HEADER = 8 << 20
_MAX_NODES = 500_000


def plain_dtype(dtype: np.dtype) -> bool:
    """The one rule for what may cross the sandbox: plain numbers of at most 16 bytes."""
    return dtype.kind in _ALLOWED_KINDS and dtype.fields is None and dtype.itemsize <= 16 and dtype.hasobject is False


class WireError(ValueError):
    """A frame that is malformed, oversized or not made of plain numeric data."""


class Opaque:
    """Stands for a value that was not plain data (its type name and a short repr)."""

    __slots__ = ("type_name", "text")

    def __init__(self, type_name: str, text: str = "") -> None:
        self.type_name, self.text = type_name, text

    def __repr__(self) -> str:
        return f"<{self.type_name} object>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and (self.type_name, self.text) == (other.type_name, other.text)

    def __hash__(self) -> int:
        return hash((self.type_name, self.text))


MAX_ITEMS = 100_000  # numbers in nested lists/tuples one call may return (arrays are not counted)


def plain(value: object, depth: int = 0, budget: list | None = None) -> object:
    """What the student returned, as plain data; anything else becomes an Opaque stand-in."""
    budget = [MAX_ITEMS] if budget is None else budget
    t = type(value)
    if t is int and abs(value) > 2**1023:
        return Opaque("int", "an integer too large for any float")
    if t is str:
        return value[:1000]
    if value is None or t in (bool, int, float):
        return value
    if t is np.ndarray:
        if not plain_dtype(value.dtype):
            return Opaque(f"ndarray[{value.dtype}]", "an array of Python objects, records or an exotic number type")
        return value
    if isinstance(value, np.ndarray):
        return Opaque(f"ndarray subclass {t.__name__}")
    if t in (np.float64, np.float32, np.float16, np.int64, np.int32, np.int16, np.int8,
             np.uint64, np.uint32, np.uint16, np.uint8, np.bool_, np.longdouble):
        return value
    if t in (tuple, list) and depth < 4 and len(value) <= 10_000:
        budget[0] -= len(value)
        if budget[0] < 0:
            return Opaque(t.__name__, f"nested lists of more than {MAX_ITEMS} items")
        items = [plain(x, depth + 1, budget) for x in value]
        return tuple(items) if t is tuple else items
    return Opaque(t.__name__)


def encode(value: object) -> bytes:
    """Encode a tree of None/bool/int/float/str/list/tuple/dict/ndarray/numpy scalars/Opaque."""
    buffers: list[bytes] = []
    table: list[list] = []
    offset = 0

    def add_array(arr: np.ndarray) -> int:
        nonlocal offset
        if not arr.flags.c_contiguous:  # ascontiguousarray would turn 0-d into 1-d
            arr = arr.copy(order="C")
        if not plain_dtype(arr.dtype):
            raise WireError(f"cannot send an array of dtype {arr.dtype}")
        data = arr.tobytes()
        table.append([arr.dtype.str, list(arr.shape), offset, len(data)])
        buffers.append(data)
        offset += len(data)
        return len(table) - 1

    def walk(v: object, depth: int) -> object:
        if depth > _MAX_DEPTH:
            raise WireError("value nested too deeply")
        if v is None or isinstance(v, (bool, str)):
            return v
        if type(v) is int:
            return v
        if type(v) is float:
            return v if math.isfinite(v) else {"f": repr(v)}
        if isinstance(v, np.ndarray):
            return {"a": add_array(v)}
        if isinstance(v, np.generic):
            return {"s": add_array(np.asarray(v))}
        if isinstance(v, tuple):
            return {"t": [walk(x, depth + 1) for x in v]}
        if isinstance(v, list):
            return [walk(x, depth + 1) for x in v]
        if isinstance(v, dict):
            return {"d": {str(k): walk(x, depth + 1) for k, x in v.items()}}
        if isinstance(v, bytes):
            return {"b": add_array(np.frombuffer(v, dtype=np.uint8))}
        if isinstance(v, Opaque):
            return {"o": v.type_name, "r": v.text}
        raise WireError(f"cannot send a {type(v).__name__}")

    header = json.dumps({"v": walk(value, 0), "a": table}, separators=(",", ":")).encode()
    return _HEAD.pack(MAGIC, len(header)) + header + b"".join(buffers)


def decode(frame: bytes, *, max_bytes: int = 256 << 20) -> object:
    """Decode a frame made by `encode`, trusting nothing in it."""
    if len(frame) > max_bytes:
        raise WireError(f"frame of {len(frame)} bytes exceeds the {max_bytes}-byte cap")
    if len(frame) < _HEAD.size:
        raise WireError("truncated frame")
    magic, hlen = _HEAD.unpack_from(frame)
    if magic != MAGIC or _HEAD.size + hlen > len(frame):
        raise WireError("not a grader frame")
    payload = memoryview(frame)[_HEAD.size + hlen :]
    raw = bytes(frame[_HEAD.size : _HEAD.size + hlen])
    if hlen > _MAX_HEADER or raw.count(b",") + raw.count(b"[") + raw.count(b"{") > _MAX_NODES:
        raise WireError(f"header too large ({hlen} bytes): more than {_MAX_NODES} values")
    try:
        head = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"unreadable header: {exc}") from None
    if not isinstance(head, dict) or not isinstance(head.get("a"), list):
        raise WireError("header has no array table")
    arrays = [_array(entry, payload) for entry in head["a"]]
    used: set[int] = set()

    def once(i: object) -> int:
        """An array is referenced once: `encode` never shares one, and a forged header that
        names a 1 MiB buffer 10,000 times as bytes would decode into 10 GiB."""
        i = _index(i, arrays)
        if i in used:
            raise WireError("an array referenced twice")
        used.add(i)
        return i

    def walk(v: object, depth: int) -> object:
        if depth > _MAX_DEPTH:
            raise WireError("value nested too deeply")
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, list):
            return [walk(x, depth + 1) for x in v]
        if isinstance(v, dict) and len(v) >= 1:
            if "a" in v:
                return arrays[once(v["a"])]
            if "s" in v:
                return arrays[once(v["s"])][()]
            if "b" in v:
                return arrays[once(v["b"])].tobytes()
            if "t" in v and isinstance(v["t"], list):
                return tuple(walk(x, depth + 1) for x in v["t"])
            if "d" in v and isinstance(v["d"], dict):
                return {str(k): walk(x, depth + 1) for k, x in v["d"].items()}
            if "f" in v and v["f"] in ("nan", "inf", "-inf"):
                return float(v["f"])
            if "o" in v:
                return Opaque(str(v["o"])[:200], str(v.get("r", ""))[:500])
        raise WireError("unknown value in header")

    try:
        return walk(head.get("v"), 0)
    except RecursionError:
        raise WireError("value nested too deeply") from None


def _index(i: object, arrays: list) -> int:
    if type(i) is not int or not 0 <= i < len(arrays):
        raise WireError("bad array reference")
    return i


def _array(entry: object, payload: memoryview) -> np.ndarray:
    try:
        dtype_str, shape, offset, nbytes = entry  # type: ignore[misc]
        dtype = np.dtype(str(dtype_str))
    except (TypeError, ValueError):
        raise WireError("bad array entry") from None
    if not plain_dtype(dtype):
        raise WireError(f"refused dtype {dtype_str!r}: only plain numbers cross the sandbox")
    if (
        not isinstance(shape, list)
        or len(shape) > _MAX_NDIM
        or not all(type(n) is int and 0 <= n < _MAX_DIM for n in shape)
        or type(offset) is not int
        or type(nbytes) is not int
        or offset < 0
    ):
        raise WireError("bad array shape or offset")
    if math.prod(shape) * dtype.itemsize != nbytes or offset + nbytes > len(payload):
        raise WireError("array header does not match the bytes sent")
    try:
        arr = np.frombuffer(payload[offset : offset + nbytes], dtype=dtype).reshape(shape)
    except ValueError as exc:  # e.g. an empty array of shape (0, 10**9)
        raise WireError(f"bad array: {exc}") from None
    return arr.copy()  # own the memory and make it writable


def write_frame(fd: int, value: object) -> None:
    """Write one length-prefixed frame to a file descriptor."""
    import os

    data = encode(value)
    data = struct.pack("<Q", len(data)) + data
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
