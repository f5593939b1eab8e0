# module: learning
# zero: kernel_gradient, gradient_step, learn_filter
# message: has no function
# tries: an empty learning.py (0 bytes: the test writes nothing, this header is not part of it)
# content: empty
