"""What counts as a RIGHT name of each planted mistake (case-insensitive), written before any grading.

Matched by measure.py against a diagnosis text (after "Mistake spotted:" / "looks like:", or a
type/dtype message). Each regex accepts the phrasings a teacher could use for that mistake (its
cause, or how the output differs because of it), and not generic messages.
"""

_INT = r"integer|\bint(8|16|32|64)?\b|dtype|truncat|rounded (down|off|to)|overflow|wrap|uint8|cast|zeros_like"
_PYINT = r"numpy|np\.|int64|python int|int\(|not an? int"

REGEXES = {
    # ---------------------------------------------------------------- filter_response
    "filter_response__matmul_not_elementwise": r"matri(x|ces)[ -]?(product|multipl)|matmul|@|np\.dot|\bdot\b|rows? (times|by) columns?|linear algebra",
    "filter_response__flipped_kernel": r"flip|rotat|180|upside|reversed|true convolution|mathemati",
    "filter_response__mean_not_sum": r"\bmean\b|averag|divid",
    "filter_response__relu_applied": r"relu|rectif|negative|clip|clamp|max\(0|maximum|activation|zero (for|when|instead)|only positive|positive part",
    "filter_response__zeros_like_int_buffer": _INT,
    "filter_response__numpy_int_not_float": r"numpy|np\.(int|float)|int64|not a (python )?float|python float|float\(\)|integer",
    "filter_response__tensordot_one_axis": r"tensordot|matri(x|ces)[ -]?(product|multipl)|matmul|\bdot\b|every column|all pairs|cross[- ]terms|outer product|axes|contract",
    "filter_response__accumulator_reset_per_row": r"last row|one row|single row|only (the )?(last|one|a single|final) row|row('s)? (sub)?totals?|reset|per row|each row",
    "filter_response__loop_skips_last_row_col": r"last (row|column)|final (row|column)|off[- ]by[- ]one|one (row|column) (short|too few|missing)|range\(|misses|skips|left out|border|edge (row|column)|incomplete|part of the (patch|kernel)|not all (the )?(cells|pixels|weights)",
    "filter_response__normalised_cross_correlation": r"normali[sz]|\bnorms?\b|cosine|divid|scaled|unit length|magnitude|brightness",
    # ---------------------------------------------------------------- output_shape
    "output_shape__ceil_not_floor": r"ceil|round(s|ed|ing)? up|hang|off the edge|partial (window|position)|floor|one (position|row|column) too many|extra (position|row|column)|too many",
    "output_shape__padding_one_side": r"one side|once|only p\b|2 ?\*? ?p\b|2 ?x ?p\b|twice|both sides|every side|each side|two sides|all four sides|double",
    "output_shape__stride_grouping": r"\+ ?1|plus one|plus 1|bracket|parenthes|grouping|order of operations|off[- ]by[- ]one|one (position|row|column) (short|too few|missing)|too few|first position|one fewer|one less",
    "output_shape__true_division_float": r"float|true division|//|floor|integer division|not an? int|python ints?|whole number|fraction|round",
    "output_shape__returns_ndarray": r"numpy|ndarray|array|tuple|np\.|int64|python ints?",
    "output_shape__kernel_shape_as_width_height": r"swap|width and height|height and width|\(kw, ?kh\)|kh.*kw|kw.*kh|transpos|revers|order|rows and columns|columns and rows|non-?square",
    "output_shape__no_plus_one": r"\+ ?1|plus one|plus 1|one (position|row|column)? ?(fewer|short|less|too few)|off[- ]by[- ]one|first position|too (small|few)|missing|steps? (between|rather)|gaps",
    # ---------------------------------------------------------------- convolve
    "convolve__flipped_kernel": r"flip|rotat|180|upside|revers|true convolution|mathemati",
    "convolve__loop_one_short": r"one (row|column|position)|last (row|column|position)|(row|column|position)s? short|off[- ]by[- ]one|range|too (small|few)|\+ ?1|missing|fewer|one less",
    "convolve__stride_in_size_not_start": r"stride|i ?\* ?s\b|start(s|ing)? at|every (s|stride)|steps? of|one pixel at a time|moves? (by )?one|consecutive|adjacent|jump",
    "convolve__padded_image_at_corner": r"one side|shift|corner|top[- ]?left|bottom|off[- ]cent|uneven|asymmetr|not (centred|centered)|all (the )?(padding|zeros)|(padding|zeros) (on|at) (the )?(end|right|bottom)|misplaced|offset",
    "convolve__pad_edge_mode": r"mode|edge (value|pixel)|repeat|replicat|border (value|pixel)|not (with )?zeros?|non-?zero|instead of zeros|reflect|nearest|copies|padding value|padded with|constant",
    "convolve__xy_swapped_transposed": r"transpos|swap|rows and columns|columns and rows|height and width|width and height|\bx and y\b|\bi and j\b|axes|\(W', ?H'\)|mirror(ed)? (along|across|about) the diagonal",
    "convolve__fft_product_without_conj": r"flip|rotat|180|revers|true convolution|mathemati|conj|fft|fourier|circular|wrap(ped|s)? around the (border|edge)s?|periodic",
    "convolve__stride_rows_only": r"stride.*(column|width|across|horizont|both|second|each axis|every axis|one axis|one direction|one dimension)|(column|width|across|horizont|one axis|one direction|one dimension).*stride|rows only|only (down|vertically|the rows|along)",
    "convolve__einsum_kernel_transposed": r"transpos|swap|\[j\]\[i\]|\[j, ?i\]|\[b, ?a\]|rows and columns|columns and rows|subscript|einsum|mirror(ed)? (along|across|about) the diagonal",
    "convolve__as_strided_strides_before_padding": r"as_strided|strides|wrap|row length|row width|misalign|skew|diagonal|unpadded (width|row)|memory layout|byte",
    "convolve__zeros_like_int_dtype": _INT + r"|float64|not float",
    "convolve__np_convolve_rows": r"flip|mirror|revers|np\.convolve|horizontal|left[- ]right|left to right|rotat|true convolution",
    "convolve__returns_nested_list": r"\blists?\b|ndarray|numpy array|np\.array|container|not an array",
    "convolve__padding_ignored": r"padd(ing)? (is |was )?(ignored|missing|not (added|applied|used))|(no|without|forgot(ten)?|ignor\w*|missing|never) (the |any )?(zero )?padd|not pad|unpadded|zeros? (around|border)|border (positions|zeros)|padding argument",
    "convolve__strided_slice_offset": r"start|first position|top[- ]left|offset|stride ?- ?1|shift|begin|corner|index 0|from 0|late|skips? the first",
    "convolve__size_from_unpadded_image": r"(size|shape|count) (of|from|computed from|uses|using) the (unpadded|original)|unpadded|before padding|without (the )?padding|too (small|few)|missing (rows|columns|positions)|smaller|last (rows|columns|positions)|cut off|crop",
    "convolve__kernel_cast_to_image_dtype": _INT + r"|astype",
    "convolve__window_sum_last_axis_only": r"axis|axes|row (sub)?totals?|column (sub)?totals?|not (fully )?(summed|added)|partial sums?|3-?d|three[- ]dimension|extra (axis|dimension)|each row|per row|dimension",
    # ---------------------------------------------------------------- feature_maps
    "feature_maps__summed_over_filters": r"(sum|add)(s|ed|ing)? (up )?(over|across|together) (the |all )?(filters|maps)|(filters|maps|responses) (are )?(added|summed|combined|merged)|one (feature )?map|single (feature )?map|sum of (the )?filters|collaps|merged|filter axis|stack|2-?d|two[- ]dimension",
    "feature_maps__channels_last_output": r"axis order|channels?[- ]last|\(H', ?W', ?K\)|H', ?W', ?K|filter[- ]first|filter (axis|dimension)|transpos|moveaxis|order of (the )?(axes|dimensions)|stacked (last|along)|last axis|wrong axis",
    "feature_maps__channels_not_summed": r"channels?.*(not|never|aren't|weren't) (summed|added|combined)|(sum|add)(s|ed|ing)? .*(over|across) (the |all )?(input )?channels|K ?\* ?C|K ?x ?C|per (input )?channel|each (input )?channel|one map per (input )?channel|C times|too many maps",
    "feature_maps__bias_per_channel": r"bias.*(channel|C times|times|several|more than once|repeated|multipl|twice)|(channel|times).*bias|bias (counted|added) (\w+ )?(times|per)",
    "feature_maps__pad_channel_axis": r"channel (axis|dimension)|(pad|padd).*(channel|every axis|all (three )?axes|3 axes|depth|first axis)|(channel|depth).*(pad|padd)|np\.pad\(image, ?padding\)",
    "feature_maps__bias_broadcast_last_axis": r"broadcast|bias.*(axis|column|width|last|wrong place|reshape|\[:, ?None|per map|each map)|(axis|column|width).*bias",
    "feature_maps__reshape_instead_of_transpose": r"reshape|transpos|scrambl|axis order|moveaxis|order of (the )?(axes|dimensions)|interleav|mixed up|jumbl|shuffl",
    "feature_maps__filters_in_out_swapped": r"\(C, ?K|in.*out.*(swap|order)|(filter|output).*(channel|input).*(swap|mix|confus|transpos|order)|(channel|input).*(filter|output).*(swap|mix|confus|transpos|order)|first two axes|axes 0 and 1|layout|filters\[c, ?k\]|transpos",
    "feature_maps__stride_padding_not_passed": r"(stride|padd)\w* (and|or|&) (stride|padd)|not (passed|forwarded|handed)|(ignor|forg[eo]t|missing|drop)\w* (the )?(stride|padd)|(stride|padd)\w* (is |are |was |were )?(ignored|missing|not (used|applied|passed))|always stride 1|stride 1|no padding|convolve\(",
    "feature_maps__float32_output": r"float32|dtype|precision|single|32[- ]bit|float64",
    "feature_maps__bias_truth_value": r"truth value|ambiguous|if biases|is not None|is None|\bbool|none check|test(ing|s)? (for|the) (biases|none)",
    "feature_maps__channels_summed_before_convolving": r"(sum|add)(s|ed|ing)? (the )?(image |input )?channels (first|before|together)|before (convolv|correlat|sliding|multiply|the weighted)|collaps|grey|gray|cross[- ]terms|(channels|image|slices) (are )?(summed|added) first|own (slice|weights)|its own slice|each channel with its",
    "feature_maps__image_strided_before_convolving": r"subsampl|downsampl|skips? (pixels|rows|columns)|dilat|stride.*(image|pixels|input)|(image|pixels|input).*stride|drops? (pixels|rows)|every (other|s-th|stride-th) pixel",
    "feature_maps__only_first_channel": r"first channel|one channel|channel 0|single channel|other channels|channels? (ignored|missing|dropped)|(sum|add)(s|ed|ing)? .*(over|across) (all )?(the )?(input )?channels|all (the )?channels|grey|gray",
    # ---------------------------------------------------------------- conv_params
    "conv_params__bias_ignored": r"bias(es)? (are |is |were )?(forgotten|missing|ignored|left out|never|not (counted|included|added))|(forg[eo]t\w*|without|missing|no|ignor\w*|omit\w*|leav\w* out|left out|not count\w*|never count\w*) (the |any |its )?bias|432",
    "conv_params__in_channels_forgotten": r"in(put)?[ _-]?channels?|depth|\bC\b|channel",
    "conv_params__bias_per_input_channel": r"bias.*(channel|per input|slice|in_channels)|(channel|slice).*bias|one bias per filter|biases? (too many|counted)",
    "conv_params__tuple_kernel_first_squared": r"tuple|pair|\(kh, ?kw\)|kh ?\* ?kw|kh ?x ?kw|non-?square|rectangular|square|\bkw\b|width|both (dimensions|sides|numbers)",
    "conv_params__returns_numpy_int": _PYINT,
    "conv_params__single_bias": r"(one|single|a single|only one) bias|bias(es)? (per|for each|for every) (filter|output)|one per filter|each filter (has|gets) (its own|a|one) bias|out_channels biases|\bK biases|biases? (count|per filter)|per filter",
    # ---------------------------------------------------------------- dense_params
    "dense_params__sum_not_product": r"\bsum\b|add(ed|s|ing)? (the )?(inputs|sizes|counts|n_in|numbers)|\+|plus|instead of (multipl|product|times)|multipl|product|every (input|output).*every|n_in ?\* ?n_out|n_in ?x ?n_out|1,?568",
    "dense_params__bias_per_input": r"bias.*(input|n_in)|(input|n_in).*bias|one (bias )?per output|per output|n_out biases",
    "dense_params__bias_flag_ignored": r"bias ?= ?false|bias(es)? (when|even|although|flag|argument|parameter|switched off|turned off)|without bias|no bias|ignor.*bias|bias.*ignor|615,?440",
    "dense_params__returns_numpy_int": _PYINT,
    # ---------------------------------------------------------------- kernel_gradient
    "kernel_gradient__overwrites_not_accumulates": r"one position|single position|last position|only (the )?(last|one|a single|final)|overwrit|accumulat|\+=|every position|all (the )?positions|sum(s|med)? over (all )?(the )?positions|adds? up|not (summed|added)",
    "kernel_gradient__mean_over_positions": r"\bmean\b|averag|divid|number of positions|scaled|instead of (a |the )?sum",
    "kernel_gradient__kernel_shape_off_by_one": r"shape|size|\+ ?1|off[- ]by[- ]one|one (row|column) (short|too few|missing)|last (row|column)|too small|H ?- ?H'",
    "kernel_gradient__tensordot_grad_transposed": r"transpos|swap|axes|misalign|rows and columns|columns and rows|tensordot|\[j, ?i\]|wrong position|paired|pairs",
    "kernel_gradient__zeros_like_int": _INT + r"|float64",
    "kernel_gradient__extra_factor_two": r"factor (of )?(2|two)|twice|doubled?|2 ?\*|\*\s?2\b|by 2\b|times 2|x ?2\b|two times",
    "kernel_gradient__positions_loop_one_short": r"last (row|column|position)|one (row|column|position)|off[- ]by[- ]one|range|short|missing|misses|skips|every position|all (the )?positions|not all",
    "kernel_gradient__swv_sum_wrong_axes": r"axis|axes|shape|wrong (axis|axes|dimension)|sums? over (the )?(kernel|offsets)|instead of (the )?positions|\(H', ?W'\)",
    "kernel_gradient__grad_sum_times_first_patch": r"first (patch|position|window)|one (patch|position|window)|single (patch|position|window)|sum of (the )?(output )?gradient|total gradient|same patch|own patch|each position|every position|all (the )?positions|top[- ]left",
    # ---------------------------------------------------------------- gradient_step
    "gradient_step__ascent_sign": r"sign|ascent|uphill|towards|direction|along the gradient|adds? the gradient|\+ ?lr|plus|climb|wrong way|increases? the loss",
    "gradient_step__lr_missing": r"learning rate|\blr\b|step size|scal",
    "gradient_step__in_place_mutation": r"in[- ]place|modif|mutat|changed (the|your) input|same (array|object)|copy|new array|-=|cannot cast|ufunctypeerror|same_kind|casting",
    "gradient_step__keeps_int_dtype": _INT + r"|float",
    "gradient_step__asarray_no_copy_mutates": r"in[- ]place|modif|mutat|changed (the|your) input|same (array|object)|copy|alias|view|new array|asarray",
    "gradient_step__normalised_gradient": r"normali[sz]|\bnorms?\b|unit|divid|length|magnitude|scal",
    # ---------------------------------------------------------------- learn_filter
    "learn_filter__factor_two_dropped": r"factor (of )?(2|two)|twice|half|halved|2 ?\*|derivative of the square|2 ?\(|double",
    "learn_filter__error_sign_flipped": r"sign|ascent|diverg|target ?- ?out|out ?- ?target|wrong direction|uphill|grows|explod|opposite|revers|blow",
    "learn_filter__last_image_only": r"last (image|example)|one image|single image|only (the )?(last|one|a single|first|final)|overwrit|accumulat|every image|all (the )?images|(sum|add|averag|mean)\w* (over|across) (all )?(the )?images|other images|images? (are )?(ignored|dropped)",
    "learn_filter__step_per_image": r"per image|each image|every image|stochastic|sgd|one step (per|for each)|several steps|too many steps|steps? per|after each|batch|all (the )?images (at once|together)|once per (step|iteration)",
    "learn_filter__init_ones": r"zeros|initiali|\binit|start(s|ing)? (from|with|at)|ones|starting (point|kernel|value)",
    "learn_filter__steps_off_by_one": r"one (step )?(too )?(few|short|less|fewer)|off[- ]by[- ]one|range\(1|199|steps ?- ?1|one step (short|missing|too few|less)|number of steps|too few (steps|iterations)|iteration count",
    "learn_filter__lr_decay": r"decay|schedul|learning rate|\blr\b|shrink|step size|constant",
    "learn_filter__divides_by_image_count": r"\bmean\b|averag|divid|number of (positions|pixels|outputs|entries|images)|normali|sum(s|med)? instead|too (large|big)|scal|all positions|len\(images\)",
    "learn_filter__grad_not_reset": r"reset|zero(ed|ing)? (the )?grad|accumulat|previous (steps|iterations)|carr(y|ies) over|momentum|keeps? (adding|growing)|grows|stale|every step|each step|re-?initiali",
}
