# module: response
# zero: filter_response
# message: expected
# tries: return the Python int 10**400, which no float can hold

import numpy as np


def filter_response(patch, kernel):
    return 10**400
