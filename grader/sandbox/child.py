"""The confined child: put up the layers, import the student's modules, answer the calls.

Runs in a process forked for one job (see worker.py); the only way out is the result pipe,
in wire.py's frames, and a setup pipe that is closed before student code runs.
"""

from __future__ import annotations

import hashlib
import importlib
import linecache
import os
import resource
import sys
import time

import numpy as np

try:  # the worker loads these by path, before any student code (see worker.py)
    import _grader_confine as confine
    import _grader_wire as wire
except ImportError:  # imported as part of the package (tools, type checkers)
    from .. import wire
    from . import confine


def _student_frames(tb, root: str) -> list[list]:
    """The student's frames of a traceback. Walked by hand: traceback.extract_tb would also
    decode the position table of this module's large _child frame, ~0.1 ms per error."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.startswith(root):
            line = linecache.getline(code.co_filename, tb.tb_lineno).strip()
            frames.append([os.path.relpath(code.co_filename, root), tb.tb_lineno, code.co_name, line[:200]])
        tb = tb.tb_next
    return frames[-5:]


def _error(exc: BaseException, root: str) -> dict:
    text = ""
    try:
        text = str(exc)[:500]
    except BaseException:  # noqa: BLE001  (a hostile __str__ must not take the child down)
        text = "<unprintable>"
    info = {"type": type(exc).__name__, "message": text, "where": _student_frames(exc.__traceback__, root)}
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith(root):
        info["where"] = [[os.path.relpath(exc.filename, root), exc.lineno or 0, "<module>", (exc.text or "").strip()[:200]]]
    return info


# ---------------------------------------------------------------- substitute helpers
#
# When a helper fails (convolve), its callers (feature_maps) are graded a second time with the
# helper replaced by a substitute that answers only the calls a right caller makes on the
# case's own inputs (grading.py). The trusted parent computes those answers from the reference
# and seals each one with its own question: a table row is (id, answer XOR pad), where id and
# pad are hashes of the call's inputs. So the table answers a call whose inputs are known,
# which is what a right caller already holds, and tells nothing to code that reads it
# (introspection finds hashes and noise). An unknown call goes to the student's own helper.
# The tables come in a file of the job's folder (HELPERS_FILE): never in the worker, so no
# other child ever inherits them.

HELPERS_FILE = "_grader_helpers.bin"  # in the package folder, beside the student's modules
HELPERS_KEY = "@helpers"  # in a call's kwargs: the ids of the tables its helpers answer from
# A question's numbers are kept to 2**-_BITS of its array's largest magnitude. Relative to the
# array, not to each number: an iterative caller (learn_filter near convergence) computes its
# small errors with an absolute noise of ~1e-17 from `out - target`, which a per-number rounding
# turned into different questions for values near 0 (7 of 20 calls missed the table).
_BITS = 20


def _quantised(a: np.ndarray) -> np.ndarray:
    """Rows of `a` (float64, one call's argument per row) as integers on a grid of 2**-_BITS of
    each row's largest magnitude, preceded by that magnitude's binary exponent. Rows holding
    NaN or infinity keep their exact bits."""
    a = a + 0.0  # -0.0 as 0.0
    with np.errstate(all="ignore"):
        top = np.max(np.abs(a), axis=1) if a.shape[1] else np.zeros(len(a))
        exponent = np.frexp(top)[1].astype(np.int64)
        grid = np.rint(a * np.ldexp(1.0, _BITS - exponent)[:, None])
    finite = np.isfinite(top)
    q = np.where(finite[:, None], grid, 0).astype(np.int64)
    q = np.where(finite[:, None], q, a.view(np.int64))
    return np.concatenate([exponent[:, None], q], axis=1)


def helper_questions(params: list, calls: list[tuple[tuple, dict]]) -> list[bytes | None]:
    """Each call's inputs, bound to the helper's parameters, as bytes: every argument as float64
    on a grid of 2**-20 of its largest magnitude (_quantised), so that a caller computing the
    same numbers in another order (2 * e / n, e / n * 2, its own convolve) asks the same question. None for a call that does
    not bind (an unknown keyword) or whose arguments are not numeric. Calls with arguments of one
    shape are rounded together (the parent asks thousands of questions at once)."""
    out: list[bytes | None] = [None] * len(calls)
    same: dict[tuple, list[tuple[int, list]]] = {}
    for n, (args, kwargs) in enumerate(calls):
        values = _bind(params, args, kwargs)
        if values is not None:
            same.setdefault(tuple(v.shape for v in values), []).append((n, values))
    for shapes, rows in same.items():
        columns = []
        for k, shape in enumerate(shapes):
            q = _quantised(np.stack([values[k] for _, values in rows]).reshape(len(rows), -1))
            prefix = repr(shape).encode() + b":"
            columns.append([prefix + row.tobytes() for row in q])
        for i, (n, _) in enumerate(rows):
            out[n] = b"|".join(col[i] for col in columns)
    return out


def _bind(params: list, args: tuple, kwargs: dict) -> list | None:
    if len(args) > len(params):
        return None
    bound = dict(zip((p[0] for p in params), args))
    for name, value in kwargs.items():
        if name in bound or not any(p[0] == name for p in params):
            return None
        bound[name] = value
    values = []
    for name, has_default, default in params:
        if name not in bound and not has_default:
            return None
        try:
            values.append(np.asarray(bound.get(name, default), dtype=np.float64))
        except (TypeError, ValueError):
            return None
    return values


def helper_question(params: list, args: tuple, kwargs: dict) -> bytes | None:
    """One call's question (as helper_questions, without stacking: a substitute asks once per call)."""
    values = _bind(params, args, kwargs)
    if values is None:
        return None
    parts = []
    for v in values:
        q = _quantised(np.ascontiguousarray(v, dtype=np.float64).reshape(1, -1))[0]
        parts.append(repr(v.shape).encode() + b":" + q.tobytes())
    return b"|".join(parts)


def question_id(question: bytes) -> bytes:
    return hashlib.blake2b(question, digest_size=16, person=b"grader-q-id").digest()


def _pad(question: bytes, n: int) -> bytes:
    return hashlib.shake_256(b"grader-q-pad|" + question).digest(n)


def seal_answer(question: bytes, answer: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(answer, _pad(question, len(answer)))) if len(answer) < 64 else \
        (np.frombuffer(answer, np.uint8) ^ np.frombuffer(_pad(question, len(answer)), np.uint8)).tobytes()


class Substitute:
    """Stands in for a student's helper during one call: a right answer for a question the table
    knows, the student's own helper for any other."""

    def __init__(self, table: dict, own) -> None:
        self._table, self._own, self.__name__ = table, own, str(table.get("function", "helper"))
        self._index: dict[bytes, tuple[int, int]] | None = None

    def _find(self, qid: bytes) -> tuple[int, int] | None:
        if self._index is None:
            self._index = {bytes(ids[i]): (g, i) for g, group in enumerate(self._table.get("groups", ()))
                           for ids in (group["ids"],) for i in range(len(ids))}
        return self._index.get(qid)

    def __call__(self, *args, **kwargs):
        question = helper_question(self._table["params"], args, kwargs)
        hit = None if question is None else self._find(question_id(question))
        if hit is None:
            if not callable(self._own):
                raise NameError(f"name '{self.__name__}' is not defined")
            return self._own(*args, **kwargs)
        group = self._table["groups"][hit[0]]
        sealed = np.asarray(group["sealed"][hit[1]], np.uint8).tobytes()
        value = np.frombuffer(seal_answer(question, sealed), dtype=group["dtype"]).reshape(group["shape"]).copy()
        kind = self._table.get("kind")
        if kind == "float":
            return float(value)
        if kind == "int":
            return int(value)
        if kind == "shape":
            return tuple(int(v) for v in value)
        return value


def read_helper_tables(data: bytes) -> dict:
    """The tables a job's calls may name ({} for a file that is missing or unreadable)."""
    try:
        tables = wire.decode(data)
    except Exception:  # noqa: BLE001  (a student's own file of that name: no table, own helpers)
        return {}
    return tables if isinstance(tables, dict) else {}


def substitute_helpers(namespaces: list[dict], homes: dict[str, dict | None], tables: list[dict]):
    """Put a Substitute in place of each table's helper: in its home namespace (the helper's
    module, found in `homes` by function name) and wherever a namespace holds the student's
    helper under any name (`from .convolve import convolve as conv`). Returns the function
    that puts everything back."""
    saved: list[tuple[dict, str, object, bool]] = []
    for table in tables:
        function = str(table.get("function", ""))
        home = homes.get(function)
        own = home.get(function) if home is not None else None
        sub = Substitute(table, own)
        for ns in ([home] if home is not None else []) + [n for n in namespaces if n is not home]:
            names = [k for k, v in list(ns.items()) if own is not None and v is own]
            if ns is home and function not in names:
                names.append(function)
            for name in names:
                saved.append((ns, name, ns.get(name), name in ns))
                ns[name] = sub

    def restore() -> None:
        for ns, name, value, had in reversed(saved):
            if had:
                ns[name] = value
            else:
                ns.pop(name, None)

    return restore


def _patch_for_call(package: str, tables: dict, names: list) -> object:
    """Substitutes for one call's helpers in the student's package; returns the restorer."""
    chosen = [tables[n] for n in names if isinstance(n, str) and isinstance(tables.get(n), dict)]
    homes: dict[str, dict | None] = {}
    for table in chosen:
        try:
            module = importlib.import_module(f"{package}.{table.get('module')}")
            homes[str(table.get("function"))] = vars(module)
        except BaseException:  # noqa: BLE001  (its import fails: only the callers' names are replaced)
            homes[str(table.get("function"))] = None
    spaces = [vars(m) for name, m in list(sys.modules.items()) if name.startswith(package + ".") and m is not None]
    return substitute_helpers(spaces, homes, chosen)


def run_child(job: dict, pkg_root: str, work: str, out_fd: int, setup_fd: int, logs: tuple[int, int], cfg: dict) -> None:
    """Runs in the forked child; never returns.

    Setup failures are reported on `setup_fd`, which is closed before the student's module
    is imported: a student can forge frames on the result pipe but not a setup failure."""
    try:
        os.setsid()
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(logs[0], 1)
        os.dup2(logs[1], 2)
        keep = sorted((out_fd, setup_fd))
        os.closerange(3, keep[0])
        os.closerange(keep[0] + 1, keep[1])
        os.closerange(keep[1] + 1, 4096)
        if cfg.get("cgroup"):
            confine.oom_score_adj(1000)  # in the worker's memory cgroup, the child's processes go first
        if cfg.get("ipcns"):
            confine.private_ipc()
        if os.geteuid() == 0 and cfg.get("tmpfs"):
            confine.private_tmpfs(work, int(job["limits"]["output_bytes"]), cfg["uid"])
        os.chdir(work)
        lim = job["limits"]
        confine.limit(resource.RLIMIT_CORE, 0)
        confine.limit(resource.RLIMIT_FSIZE, int(lim["output_bytes"]))
        confine.limit(resource.RLIMIT_NOFILE, 64)
        confine.limit(resource.RLIMIT_CPU, int(lim["cpu_seconds"]))
        confine.limit(resource.RLIMIT_AS, cfg["vm_base"] + int(lim["memory_bytes"]))
        if cfg["landlock"]:
            confine.landlock(cfg["landlock"], cfg["read_paths"] + [pkg_root], [work])
        if os.geteuid() == 0 and sys.platform.startswith("linux"):
            confine.drop_root(cfg["uid"], keep_read=bool(cfg["landlock"]))
            confine.limit(resource.RLIMIT_NPROC, 16)
        else:
            confine.limit(resource.RLIMIT_NPROC, cfg["nproc_base"] + 16)
        if cfg.get("seccomp"):
            confine.install_seccomp(cfg["seccomp"])  # last: the steps above need mount and unshare
        sys.dont_write_bytecode = True
        sys.path[:0] = [pkg_root]
        sys.path.append(os.path.join(pkg_root, job["package"]))
        sys.argv = ["grade"]
        for name in [m for m in sys.modules if m == job["package"] or m.startswith(job["package"] + ".")]:
            del sys.modules[name]
    except BaseException as exc:  # noqa: BLE001
        os.write(setup_fd, f"{type(exc).__name__}: {exc}".encode()[:1000])
        os._exit(70)
    os.close(setup_fd)  # success is the pipe closing empty

    send = lambda msg: wire.write_frame(out_fd, msg)  # noqa: E731
    tables: dict = {}
    if any(HELPERS_KEY in call["kwargs"] for call in job["calls"]):
        # Read before any student code runs (it could not make them say more anyway: sealed).
        try:
            with open(os.path.join(pkg_root, job["package"], HELPERS_FILE), "rb") as f:
                tables = read_helper_tables(f.read())
        except OSError:
            tables = {}
    modules = {}
    for name in job["modules"]:  # every module first: one import each, reported one by one
        try:
            modules[name] = importlib.import_module(f"{job['package']}.{name}")
            send({"event": "imported", "module": name})
        except BaseException as exc:  # noqa: BLE001  (SystemExit, KeyboardInterrupt at import are the student's)
            modules[name] = None
            send({"event": "imported", "module": name, "error": _error(exc, pkg_root)})

    tobytes = np.ndarray.tobytes  # bound before any student code could rebind names

    def printed() -> int:
        """Bytes written to stdout and stderr so far, so the parent can tell which call printed."""
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:  # noqa: BLE001
                pass
        try:
            return os.fstat(1).st_size + os.fstat(2).st_size
        except OSError:
            return 0

    for index, call in enumerate(job["calls"]):
        module = modules.get(call["module"])
        if module is None:
            continue  # its import failed, already reported
        func = getattr(module, call["function"], None)
        if not callable(func):
            names = sorted(n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n, None)))
            send({"event": "call", "index": index, "error": {"type": "MissingFunction", "message": call["function"], "where": [], "names": names}})
            continue
        args, kwargs = list(call["args"]), dict(call["kwargs"])
        helper_names = kwargs.pop(HELPERS_KEY, None)
        # Immutable snapshots: the mutation check is feedback for honest students, and this
        # makes it harder (not impossible: the child is the student's) to fool.
        pristine = tuple(tobytes(a) if type(a) is np.ndarray else None for a in args)
        start = time.perf_counter()
        try:
            restore = _patch_for_call(job["package"], tables, helper_names) if helper_names else None
            try:
                value = func(*args, **kwargs)
            finally:
                if restore is not None:
                    restore()
            seconds = time.perf_counter() - start
            mutated = [i for i, (a, p) in enumerate(zip(args, pristine)) if p is not None and tobytes(a) != p]
            try:
                send({"event": "call", "index": index, "value": wire.plain(value), "seconds": seconds, "mutated": mutated, "printed": printed()})
            except wire.WireError as exc:
                send({"event": "call", "index": index, "value": wire.Opaque("unsendable", str(exc)), "seconds": seconds, "mutated": mutated,
                      "printed": printed()})
        except BaseException as exc:  # noqa: BLE001
            seconds = time.perf_counter() - start
            try:
                send({"event": "call", "index": index, "error": _error(exc, pkg_root), "seconds": seconds, "printed": printed()})
            except BaseException:  # noqa: BLE001
                os._exit(71)
    _exit_flushed(0)


def _exit_flushed(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: BLE001
            pass
    os._exit(code)

