"""The limits of one sandboxed job, as course.yaml sets them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Per-job limits. Memory is on top of what the worker uses after importing numpy."""

    case_seconds: float = 5.0
    import_seconds: float = 5.0
    job_seconds: float = 60.0
    memory_bytes: int = 512 << 20
    output_bytes: int = 16 << 20
    result_bytes: int = 64 << 20

    def to_wire(self, n_calls: int) -> dict:
        cpu = self.import_seconds + self.case_seconds * max(n_calls, 1)
        return {
            "case_seconds": self.case_seconds,
            "import_seconds": self.import_seconds,
            "job_seconds": self.job_seconds,
            "cpu_seconds": int(min(cpu, self.job_seconds)) + 1,
            "memory_bytes": self.memory_bytes,
            "output_bytes": self.output_bytes,
            "result_bytes": self.result_bytes,
        }

