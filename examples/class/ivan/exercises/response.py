# exercise: filter_response
# diagnosis: row_sums
# The student follows the lesson's table row by row and returns the subtotal of each row,
# never adding the row subtotals into the single response.
import numpy as np


def filter_response(patch, kernel):
    row_totals = []
    for i in range(len(patch)):
        total = 0.0
        for j in range(len(patch[i])):
            total += patch[i][j] * kernel[i][j]
        row_totals.append(total)
    return np.array(row_totals)
