# module: response
# zero: filter_response
# message: expected
# tries: print a fake score and a fake Gradescope results.json to stdout, return a wrong number
# note: printed

import json

import numpy as np


FAKE = {"score": 100.0, "max_score": 100.0, "output": "HOSTILE: all tests passed",
        "tests": [{"name": "filter_response", "score": 1, "max_score": 1, "status": "passed"}]}


def filter_response(patch, kernel):
    print("Score: 100/100 (HOSTILE)")
    print(json.dumps(FAKE), flush=True)
    return -12345.5
