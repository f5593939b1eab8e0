"""What counts as a RIGHT name for each planted mistake of the r10 corpus.

Written before any grading. Matched case-insensitively (measure.py) against the grader's diagnosis
text (after "Mistake spotted:" / "looks like:", or a whole type/dtype message). Broad on purpose:
any correct description of the cause, or of how the output differs because of it; not a
description of a different mistake.
"""

_FLIP = r"flip|rotat|180|revers|mirror|upside|true convolution|mathemati\w* convolution|cross.?correlat|correlat|\[::-1"
_NUMPY_INT = r"numpy|np\.|int64|python int|built.?in int|int\(|\btype\b|dtype"

REGEXES = {
    # ---------------------------------------------------------------- filter_response
    "filter_response__no_final_sum":
        r"products|(no|missing|without|forg\w*|skip\w*|never|not)\W+(\w+\W+){0,4}(sum|add)|(sum|add)\w*\W+(\w+\W+){0,3}up"
        r"|^(?!.*\brow).*(returned a numpy|array|grid|scalar|single (number|value|float)|one (number|value|float))",
    "filter_response__row_sums":
        r"rows?\b|axis|subtotal|partial|^(?!.*product).*(returned a numpy|array|scalar|single (number|value|float)|one (number|value|float))",
    "filter_response__flipped_kernel": _FLIP,
    "filter_response__numpy_scalar_return":
        r"numpy|np\.|int64|integer|python float|\bfloat\(|not a float|\btype\b|dtype|returned an int|3 instead of 3\.0",
    "filter_response__np_inner":
        r"inner|\bdot\b|matrix|matmul|@|every (patch )?row|each row with|column sums?|elementwise|element-wise|cell by cell|pairwise|outer|transpos",
    "filter_response__np_convolve_flat": _FLIP + r"|np\.convolve",
    "filter_response__loop_len_rows":
        r"column|width|non.?square|rectangular|\bshape|bound|range|\blen\b|skip|miss|index|square|\bkw\b",
    "filter_response__total_reset_per_row":
        r"reset|last row|re-?initiali|accumulat|running (sum|total)|\brows?\b",
    # ---------------------------------------------------------------- output_shape
    "output_shape__ceil":
        r"ceil|round\w* up|rounding|floor|round|hang|partial|off the edge|one (too many|extra)|extra (row|column|position)|too (many|large|big)",
    "output_shape__width_height_swapped":
        r"swap|transpos|height and width|width and height|\(w, ?h\)|\(width, ?height\)|order|revers|rows and columns|columns and rows",
    "output_shape__padding_one_side":
        r"pad\w*\W+(\w+\W+){0,6}(once|one side|single side|twice|both sides|each side|every side|four sides|2 ?\* ?p|2p)"
        r"|(once|one side|twice|both sides|each side|every side|2 ?\* ?p|2p)\W+(\w+\W+){0,6}pad",
    "output_shape__stride_divides_count":
        r"divid|\+ ?1|plus one|off.by.one|too few|one (position |row |column )?short|fewer|first position"
        r"|missing (a |one |the )?(last |first )?(row|column|position)|one (less|fewer)",
    "output_shape__true_division":
        r"float|true division|integer division|floor division|//|\bint\b|integer|python int|fraction|decimal|\btype\b|dtype|round",
    "output_shape__returns_list": r"list|tuple|\btype\b|container|bracket",
    "output_shape__numpy_ints": _NUMPY_INT,
    "output_shape__opencv_ksize_order":
        r"(kernel|filter)\W+(\w+\W+){0,6}(swap|transpos|order|revers|height and width|width and height)"
        r"|(swap|transpos|revers)\w*\W+(\w+\W+){0,6}(kernel|filter)|\bkh\b|\bkw\b|opencv|ksize|non.?square|rectangular|kernel_shape",
    # ---------------------------------------------------------------- convolve
    "convolve__flipped_kernel": _FLIP,
    "convolve__range_one_short":
        r"range|(one|1|last) (row|column|position)|short|off.by.one|\+ ?1|too (small|few)|missing|bound|fewer|smaller",
    "convolve__stride_ignored":
        r"stride|step|every (pixel|position)|one pixel at a time|too (big|large|many)|larger|jump",
    "convolve__stride_not_in_window_start":
        r"stride|start|top.left|\* ?s\b|window (position|start)|every pixel|step|consecutive|neighbou?ring|jump",
    "convolve__pad_mode_edge":
        r"zero|replicat|repeat|cop(y|ies)|mode|constant|reflect|non.?zero|edge (pixel|value)s?|pad\w* (value|with)|(value|content)s? of the pad",
    "convolve__double_padding":
        r"twice|double|2 ?\* ?(p|padding)|too much pad|pad\w* (too much|twice|doubled)|extra (row|column|pad)|too (big|large)|larger|per side|np\.pad",
    "convolve__out_dtype_of_image":
        r"dtype|\bint|uint8|float|truncat|round|overflow|wrap|integer|decimal|fraction",
    "convolve__float32_output": r"float32|dtype|single|precision|\b32\b|float64|\btype\b",
    "convolve__sum_last_axis_only":
        r"axis|3.?d|three.?dim|dimension|ndim|extra (axis|dimension)|row (sub)?totals?|per row|not (fully )?summed"
        r"|sum\w* (over|along) (only )?(one|the last)|shape",
    "convolve__stride_rows_only": r"stride|step|column|width|wide|horizontal|across",
    "convolve__im2col_column_major":
        r"reshape|transpos|order|column.major|row.major|scrambl|shuffl|permut|rearrang|misplac|wrong (place|position|order)|swap|fortran|\.T\b|positions?",
    "convolve__np_convolve_rows":
        r"flip|mirror|revers|left.right|horizontal|np\.convolve|true convolution|correlat|rotat",
    "convolve__np_correlate_mode_same":
        r"same|mode|width|wide|column|shape|size|shift|offset|cent(er|re)|too (big|large|many)|extra|np\.correlate|hang",
    "convolve__fft_without_conjugate": _FLIP + r"|conj|fft",
    "convolve__accumulator_not_reset":
        r"reset|cumulat|running|accumul|re-?initiali|carr(y|ies|ied)|previous|earlier|grow|increas",
    "convolve__size_ignores_padding":
        r"pad|size|shape|last (row|column)|bottom|right|missing|too (small|few)|smaller|fewer",
    # ---------------------------------------------------------------- feature_maps
    "feature_maps__summed_over_filters":
        r"sum\w*\W+(\w+\W+){0,3}(filters|maps)|(one|single) map|added\W+(\w+\W+){0,3}(filters|maps)"
        r"|(filters|maps)\W+(\w+\W+){0,3}(added|summed|combined|merged)|merg|collaps|2.?d|stack|per filter|each filter"
        r"|\(H', ?W'\)|missing (the )?(filter|K) axis|K maps",
    "feature_maps__channels_last_output":
        r"axis|order|channels?.last|\(H'?, ?W'?, ?K\)|last axis|transpos|stack|moveaxis|layout|filters? (axis )?first|shape|NHWC|HWC",
    "feature_maps__channels_not_summed":
        r"channel|K ?\* ?C|K ?[x×] ?C|too many maps|depth|sum\w* over|separate|pair",
    "feature_maps__pad_channel_axis_too":
        r"channel|axis|depth|first (axis|dimension)|np\.pad|pad_width|three|3.?d|all (three|3) (axes|dimensions)",
    "feature_maps__bias_per_channel":
        r"bias\W+(\w+\W+){0,8}(channel|times|\bC\b|each|every|multiple|twice|more than once|repeated|once)|(channel|each|every)\W+(\w+\W+){0,8}bias",
    "feature_maps__einsum_kernel_transposed":
        r"transpos|swap|einsum|subscript|rows and columns|columns and rows|\bji\b|j, ?i|\[j\]\[i\]|diagonal|mirror",
    "feature_maps__channels_last_input":
        r"channels?.last|layout|axis|HWC|H, ?W, ?C|last (axis|dimension)|channel (axis|dimension)|NHWC|tensorflow|channels?.first"
        r"|\[:, ?:, ?c\]|image\W+(\w+\W+){0,4}(shape|order)",
    "feature_maps__filter_index_swapped":
        r"filters\[c, ?k\]|\[c\]\[k\]|index|order|swap|transpos|(filter|weight)s?\W+(\w+\W+){0,4}(axis|axes|layout|dimension)"
        r"|mix\w* up|K, ?C|C, ?K|wrong (filter|slice|weights)",
    "feature_maps__bias_broadcast_last_axis":
        r"broadcast|axis|per column|each column|last (axis|dimension)|\[:, ?None|reshape|wrong (axis|dimension)|column|width|shape",
    "feature_maps__if_biases_truthiness": r"truth|ambiguous|if biases|is not None|\bNone\b|\bbool|ValueError",
    "feature_maps__stride_padding_not_passed": r"stride|padding|pass|forward|argument|default",
    "feature_maps__stride_padding_swapped":
        r"swap|order|position\w*|argument|stride\W+(\w+\W+){0,6}padding|padding\W+(\w+\W+){0,6}stride|keyword|mix",
    "feature_maps__accumulator_not_reset":
        r"reset|cumulat|running|accumul|previous|earlier|carr(y|ies|ied)|re-?initiali|include\w* (the )?(earlier|previous|other)|leak|sum of (the )?(filters|maps)",
    "feature_maps__sum_wrong_axis":
        r"axis|sum\w* over (the )?(filters|wrong)|channels?\W+(\w+\W+){0,3}(not summed|kept)|(filters|maps)\W+(\w+\W+){0,3}(summed|added)"
        r"|per channel|map per channel|shape|C maps|\(C,",
    "feature_maps__squeezed":
        r"squeeze|shape|dimension|axis|2.?d|ndim|K ?= ?1|one filter|single filter|singleton|\(1,|dropped|remov",
    # ---------------------------------------------------------------- conv_params
    "conv_params__bias_forgotten": r"bias",
    "conv_params__in_channels_forgotten": r"in(put)?[ _]?channels?|depth|\bC\b|colou?r|RGB|slice|channel",
    "conv_params__tuple_kernel_unsupported":
        r"tuple|pair|\(kh, ?kw\)|non.?square|rectangular|kernel_size|TypeError|int k|\*\*|square",
    "conv_params__numpy_int": _NUMPY_INT,
    "conv_params__bias_always_counted": r"bias",
    "conv_params__square_assumed":
        r"square|kh ?\* ?kw|width|\bkw\b|both|rectangular|tuple|pair|second|kernel_size\[0\]|kernel size",
    "conv_params__one_bias_per_layer":
        r"bias\W+(\w+\W+){0,6}(per|each|every|out_channels|filters?|layer)|(one|single|1) bias|(filters?|out_channels|layer)\W+(\w+\W+){0,6}bias",
    "conv_params__default_bias_false": r"default|bias",
    # ---------------------------------------------------------------- dense_params
    "dense_params__added_not_multiplied":
        r"\bsum(med)?\b|added (n_in|the (inputs?|sizes|counts))|n_in ?\+ ?n_out|plus|multipl|product|times|every (input|output)|each (input|output|pair)|pair|1,?568",
    "dense_params__bias_per_input":
        r"bias\W+(\w+\W+){0,6}(input|n_in)|(input|n_in)\W+(\w+\W+){0,6}bias|per (output|unit|neuron)|one per output|each output",
    "dense_params__bias_ignored": r"bias",
    "dense_params__bias_always_counted": r"bias",
    "dense_params__numpy_int": _NUMPY_INT,
    # ---------------------------------------------------------------- kernel_gradient
    "kernel_gradient__one_position_only":
        r"one position|single position|first position|only (one|the first|a single)|every position|all (the )?positions"
        r"|sum\w*\W+(\w+\W+){0,3}positions|shared|weight sharing|\(0, ?0\)|top.left|collect",
    "kernel_gradient__grad_output_rotated":
        r"flip|rotat|180|revers|misalign|align|mirror|true convolution|correlat|offset|shift",
    "kernel_gradient__mean_over_positions":
        r"mean|average|divid|\bN\b|number of positions|too small|factor|scal|sum\w* (instead|not)|H' ?\* ?W'",
    "kernel_gradient__hardcoded_3x3":
        r"3 ?x ?3|3×3|hard.?cod|fixed|kernel (shape|size)|shape|size|\(3, ?3\)|H ?- ?H'|non.?square",
    "kernel_gradient__shape_off_by_one":
        r"\+ ?1|off.by.one|one (row|column)|too small|shape|size|short|missing|last (row|column)",
    "kernel_gradient__einsum_transposed":
        r"transpos|swap|einsum|subscript|\bba\b|rows and columns|columns and rows|shape|\[b, ?a\]|mirror|diagonal",
    "kernel_gradient__positions_range_short":
        r"range|last (row|column|position)|(one|1) (row|column|position)|every position|all (the )?positions|miss|skip|off.by.one|short|fewer|bound|edge",
    "kernel_gradient__grad_output_ignored":
        r"grad_output|upstream|dL/dout|chain rule|multipl|weigh\w* by|times|ignor|not used|unused|ones|error signal|output gradient|gradient of the output",
    "kernel_gradient__zeros_like_int":
        r"dtype|\bint|integer|uint8|float|truncat|round|zeros_like|overflow|wrap|\btype\b",
    "kernel_gradient__negated":
        r"sign|negat|minus|opposite|-1|descent direction|downhill|ascent|revers",
    # ---------------------------------------------------------------- gradient_step
    "gradient_step__ascent":
        r"sign|ascent|\+|plus|\badd|opposite|uphill|against|direction|towards|grows|increas|climb|diverg",
    "gradient_step__lr_missing": r"learning rate|\blr\b|step size|scal|multipl|too (big|large)",
    "gradient_step__in_place": r"in.place|modif|mutat|new array|copy|changed (the |its )?(input|kernel)|overwr|-=",
    "gradient_step__returns_update_only":
        r"update|step only|delta|change|without (the )?(old|current|original) (kernel|weights)|kernel (is )?(missing|left out|not added)"
        r"|forg\w* (the )?kernel|not (added|subtracted)|only the step|-lr ?\* ?grad|just the",
    "gradient_step__weight_decay": r"decay|regulari|\bl2\b|shrink|extra term|penalt|kernel term|0\.01",
    "gradient_step__clipped_gradient": r"clip|clamp|limit|\bcap|large gradient|saturat|bound",
    # ---------------------------------------------------------------- learn_filter
    "learn_filter__sum_not_mean":
        r"mean|average|divid|\bsum|number of (positions|pixels|outputs)|\bN\b|scal|too (big|large)|diverg|explod|overflow|\bnan\b|\binf",
    "learn_filter__factor_two_dropped": r"\b2\b|two|factor|half|twice|derivative of (the )?square|slow|too small|squar",
    "learn_filter__random_init": r"zero|random|init|start|seed|deterministic|reproducib",
    "learn_filter__images_not_averaged":
        r"mean|average|images|divid|number of (images|examples)|sum\w*\W+(\w+\W+){0,3}images|scal|too (big|large)|factor|times",
    "learn_filter__only_last_image":
        r"last image|one image|only (the )?(last|one|first|a single)|overwr|accumul|\+=|every image|all (the )?images|replac|sum\w*\W+(\w+\W+){0,3}images",
    "learn_filter__grad_not_reset":
        r"reset|accumul|previous|cumulat|running|zero\w* (the )?grad|carr|momentum|earlier|re-?initiali|stale|keeps? (growing|adding)",
    "learn_filter__error_sign":
        r"sign|target ?- ?out|opposite|ascent|diverg|wrong direction|uphill|negat|minus|explod|backwards|revers",
    "learn_filter__step_result_discarded":
        r"(not|never) (updated|assigned|changed|stored|kept|saved|used)|discard|ignor|return value|result of gradient_step|zeros?"
        r"|in.place|assign|unchanged|starting kernel|new array",
    "learn_filter__outputs_computed_once":
        r"once|outside|before the loop|stale|same (error|output)|(not|never) (re)?comput|recomput|every step|each step|updated kernel"
        r"|current kernel|old kernel|fixed|initial kernel|zero kernel",
    "learn_filter__one_step_short": r"step|off.by.one|one (step )?(too few|fewer|short|less)|range|iteration|count|one more",
    "learn_filter__lr_hardcoded": r"learning rate|\blr\b|hard.?cod|ignor|0\.2|argument|default|step size",
    "learn_filter__changed_defaults":
        r"default|signature|lr ?= ?0\.1|steps ?= ?100|0\.1|100|too few steps|not converg|learning rate|\bsteps?\b",
    "learn_filter__gradient_args_swapped":
        r"argument|order|swap|kernel_gradient|revers|mix|image\W+(\w+\W+){0,4}(error|err)|(error|err)\W+(\w+\W+){0,4}image|shape",
}
