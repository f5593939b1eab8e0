# module: response
# zero: filter_response
# message: an integer too large for any float
# tries: return the Python int 10**400, which no float can hold

import numpy as np


def filter_response(patch, kernel):
    return 10**400
