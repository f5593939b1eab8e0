# module: response
# zero: filter_response
# message: bombs sent
# tries: a 20 MB result frame whose header is a list of 6 million empty lists, and one that references the same 1 MiB array 10,000 times as bytes: small on the wire, gigabytes once decoded
# seconds: 30

import json
import os
import struct
import sys


def _pipe():
    f = sys._getframe(1)
    while f is not None:
        if "out_fd" in f.f_locals:
            return f.f_locals["out_fd"], f.f_locals.get("index")
        f = f.f_back
    raise RuntimeError("no result pipe found")


def _raw_frame(fd, head: bytes, payload=b""):
    frame = b"GRW1" + struct.pack("<I", len(head)) + head + payload
    data = memoryview(struct.pack("<Q", len(frame)) + frame)
    while data:
        data = data[os.write(fd, data):]


def filter_response(patch, kernel):
    fd, index = _pipe()
    call = '{"d":{"event":"call","index":%d,"seconds":0.0,"mutated":[],"value":%s}}'
    lists = "[" + ",".join(["[]"] * 6_000_000) + "]"
    _raw_frame(fd, ('{"v":' + call % (index, lists) + ',"a":[]}').encode())
    refs = "[" + ",".join(['{"b":0}'] * 10_000) + "]"
    table = json.dumps([["|u1", [1 << 20], 0, 1 << 20]])
    _raw_frame(fd, ('{"v":' + call % (index, refs) + ',"a":' + table + '}').encode(), b"\0" * (1 << 20))
    raise RuntimeError("bombs sent")
