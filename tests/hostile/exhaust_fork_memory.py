# module: response
# zero: filter_response
# message: few helpers held their memory
# tries: fork 7 helpers that each fill 160 MiB (under the per-process RLIMIT_AS) and hold it at once: RLIMIT_AS caps each process, not a submission's processes together (an independent attacker held 1.9 GiB this way)
# needs: memory cgroup
# seconds: 60

import os
import time

import numpy as np



def _helpers() -> int:
    pids = []
    for _ in range(7):
        pid = os.fork()
        if pid == 0:
            try:
                block = np.ones(160 << 17)  # 160 MiB, every page touched
                time.sleep(0.5)
                os._exit(0 if block[-1] == 1 else 1)
            finally:
                os._exit(1)
        pids.append(pid)
    return sum(1 for p in pids if os.waitpid(p, 0)[1] == 0)


_HELD = _helpers()  # at import (2 s allowed), so that no call is slow


def filter_response(patch, kernel):
    verdict = "few" if _HELD <= 2 else "many"
    raise RuntimeError(f"{verdict} helpers held their memory ({_HELD} of 7, 160 MiB each, at once)")
