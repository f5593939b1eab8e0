# A correct submission written the slow, explicit way: it must score full marks.
def filter_response(patch, kernel):
    total = 0.0
    for i in range(len(patch)):
        for j in range(len(patch[0])):
            total += patch[i][j] * kernel[i][j]
    return float(total)
