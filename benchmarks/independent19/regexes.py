"""What counts as a RIGHT name of each planted mistake (matched case-insensitively against the
grader's diagnosis sentence). Written before any grading of the corpus. Broad on purpose: any
correct description of the cause, or of how the output differs because of it."""

FLIP = (r"flip|rotat|180|upside|mirror|revers|true convolution|convolution instead|convolution rather"
        r"|instead of cross-?correlation|not cross-?correlation|mathematician")
DTYPE = (r"dtype|\bint|integer|float ?64|truncat|round|wrap|uint8|overflow|whole numbers?|decimal|\btype\b"
         r"|image'?s (d)?type|same type as")
CONTAINER = r"list|array|container|numpy|ndarray"
STRIDE_IGNORED = (r"stride.{0,50}(ignor|forg|miss|not (used|applied|taken|divid)|left out|as if|= ?1|of 1|\bone\b|never)"
                  r"|(ignor|forg|miss|without|no|never|drop)\w*.{0,40}stride|every (pixel|position)|one pixel at a time"
                  r"|too (big|large|many)|stride 1|step of 1")
PAD_IGNORED = (r"pad\w*.{0,50}(ignor|forg|miss|never|not (added|applied|used|done|passed)|left out|skipp|without|none|dropp)"
               r"|(ignor|forg|miss|never|without|no|not|drop)\w*.{0,40}(zero[- ])?pad|unpadded|too small|smaller|no zeros")
BIAS_FORGOTTEN = (r"bias\w*.{0,50}(forg|miss|never|not (added|counted|included)|left out|ignor|without|omit|dropp|absent)"
                  r"|(forg|miss|never|ignor|without|\bno\b|omit|drop|leav)\w*.{0,40}bias")
MEAN = r"mean|average|divid|instead of (the |a )?sum|rather than (the |a )?sum|scaled|too small"

REGEXES = {
    # ---------------------------------------------------------------- filter_response
    "filter_response__matmul": r"matrix (product|multipl)|matmul|@|np\.dot|\bdot\b|rows? (times|by|with) columns?|linear algebra|elementwise|element-wise|cell by cell",
    "filter_response__flipped_kernel": FLIP,
    "filter_response__mean_not_sum": MEAN,
    "filter_response__row_sums": r"row|subtotal|per[- ]row|axis|several numbers|one (single )?number|single number|not a number|array instead|final sum|not added up|add (it all|everything) up|scalar|a float|each row",
    "filter_response__assign_not_accumulate": r"last (product|term|cell|pixel|weight|one)|overwr|\+=|accumulat|running (total|sum)|only one product|single product|replac|not (summed|added)|= instead",
    "filter_response__square_loop_bounds": r"non-?square|rectang|square|len\(|range|loop|bound|columns?|width|\bkw\b|miss|skip|index|shape\[1\]",
    "filter_response__absolute_value": r"abs|absolute|sign|negative|positive|magnitude",
    # ---------------------------------------------------------------- output_shape
    "output_shape__stride_ignored": STRIDE_IGNORED,
    "output_shape__ceil_rounding": r"ceil|round(s|ed|ing)? up|rounding|hang|off the edge|partial|floor|too many|extra (row|column|position)|one more",
    "output_shape__padding_once": r"pad\w*.{0,60}(once|one side|both sides|twice|2 ?\*? ?p|each side|every side|all (four )?sides|2p|double)|(once|one side|both sides|twice|2p|2 ?\* ?p).{0,60}pad|half the padding|padding.{0,30}(missing|short|too (small|little))",
    "output_shape__stride_divides_count": r"divid\w*.{0,60}(count|positions|\+ ?1|whole)|\+ ?1.{0,40}(before|after|inside|outside)|(before|after) dividing|plus one|off[- ]by[- ]one|one (row|column|position) (too )?(few|short|less)|too few|formula|order of|\(h ?\+ ?2p ?- ?kh ?\+ ?1\) ?// ?s",
    "output_shape__true_division": r"float|true division|//|floor|integer|\bint|fraction|non-?integer|decimal|round|whole",
    "output_shape__height_width_swapped": r"swap|(height|width|\bh\b|\bw\b).{0,40}(width|height|\bw\b|\bh\b)|revers|transpos|\(w, ?h\)|order|x and y|rows? and columns?",
    # ---------------------------------------------------------------- convolve
    "convolve__flipped_kernel": FLIP,
    "convolve__loop_one_short": r"one (row|column|position)|last (row|column|position)|too (few|small)|short|off[- ]by[- ]one|range|bound|\+ ?1|miss|fewer|smaller|empty",
    "convolve__always_same_size": r"same|pad\w*.{0,50}(kh ?// ?2|k ?// ?2|half|kernel|automatic|ignor|argument|own|always)|(ignor|always)\w*.{0,40}pad|(input|image)'?s? (size|shape)|keeps? the size|as big as",
    "convolve__stride_ignored": STRIDE_IGNORED,
    "convolve__stride_not_in_window_start": r"stride.{0,80}(start|window|position|corner|index|multipl|placed|place|step|mov|jump|i ?\* ?s)|(start|window|position|corner|index|top-left).{0,80}stride|i ?\* ?s|overlap|neighbou?ring positions|consecutive|adjacent|first (rows?|columns?|positions?)|compress|every position",
    "convolve__pad_one_side": r"one side|shift|bottom|(only|all).{0,30}(right|bottom|end|after)|asymmetr|uneven|both sides|each side|every side|all (four )?sides|before and after|displac|moved|offset|top and left|left and top",
    "convolve__pad_edge_mode": r"edge|zero|repeat|replicat|reflect|pad(ding)? value|nearest|constant|border|mode",
    "convolve__window_indices_swapped": r"swap|transpos|\[j.{0,12}i\]|revers|x and y|(height|rows?) and (width|columns?)|(i|row).{0,30}(j|column).{0,30}(mix|exchang)|order",
    "convolve__mean_not_sum": MEAN + r"|kh ?\* ?kw|number of (weights|pixels|cells)",
    "convolve__output_dtype_of_image": DTYPE,
    "convolve__assign_not_accumulate": r"last (product|term|cell|pixel|weight|one)|overwr|\+=|accumulat|running (total|sum)|only one (product|weight|pixel)|single (product|weight|pixel)|bottom-right|replac|not (summed|added)|= instead",
    "convolve__padding_ignored": PAD_IGNORED,
    "convolve__float32_output": r"float32|float ?32|dtype|single precision|precision|float64|float ?64",
    "convolve__list_output": CONTAINER,
    "convolve__stride_rows_only": r"stride.{0,80}(column|width|horizontal|across|\bj\b|one (axis|direction|dimension)|rows? only|only.{0,20}rows?|vertical|both)|(column|width|horizontal|across|\bj\b).{0,80}stride|one axis|one direction|both (axes|directions)",
    "convolve__last_position_left_zero": r"last (row|column|position)|zero|never (filled|computed|written|set)|unfilled|range|bound|off[- ]by[- ]one|\+ ?1|miss|edge|border|empty|skipp",
    "convolve__pad_rows_only": r"pad\w*.{0,60}(rows? only|only.{0,20}rows?|columns?|width|left and right|sides|horizontal|one axis|both axes|both dimensions|every side|all (four )?sides|height only)|(columns?|width|left|right).{0,60}pad|too narrow|width",
    "convolve__scipy_convolve2d": FLIP,
    # ---------------------------------------------------------------- feature_maps
    "feature_maps__maps_summed_over_filters": r"sum\w*.{0,40}(over|across|all|the).{0,20}filters|filters?.{0,40}(summed|added|combined|merged)|one (single )?map|single map|2-?d|stack|(one|a) map (per|for each) filter|collaps|merg|\bshape|linear|k maps",
    "feature_maps__channels_last_output": r"axis|axes|order|last|channels?[- ]last|h', ?w', ?k|transpos|moveaxis|filters? first|first axis|\bshape",
    "feature_maps__first_filter_reused": r"same filter|filters?\[0\]|first filter|one filter|reus|every map|all (the )?maps|identical|filter 0|only (the )?first|its own (weights|filter)|each filter'?s? own",
    "feature_maps__channels_not_summed": r"channels?.{0,60}(not summed|separate|each|per|own map|sum|add)|k ?\* ?c|\bkc\b|k ?[x×] ?c|one map per (channel|\(filter)|too many maps|(sum|add)\w* (over|across|up) (all )?(the )?channels",
    "feature_maps__channels_averaged": MEAN + r"|channels?.{0,40}(sum|add)|by c\b|number of channels",
    "feature_maps__bias_forgotten": BIAS_FORGOTTEN,
    "feature_maps__bias_per_channel": r"bias\w*.{0,80}(channel|c times|several|once per|each|every|multipl|repeat|twice|more than once|inside|loop|too (big|large|many))|(channel|c times|several|twice|more than once|repeat).{0,80}bias",
    "feature_maps__padding_on_channels": r"channel.{0,60}pad|pad.{0,60}channel|(c|channel) axis|three axes|all (the )?axes|3-?d|np\.pad\(image|depth|first axis|h and w only|spatial",
    "feature_maps__none_bias_crash": r"none|no bias|without (a |any )?bias|missing bias|optional|bias(es)? (is|are|=) ?none",
    "feature_maps__first_weight_slice_only": r"slice|filters?\[k, ?0\]|first channel|channel 0|same (weights|slice) for (every|each|all) channels?|each channel.{0,40}(own|its)|per[- ]channel weights|\[k, ?c\]|wrong (weights|slice)|one (weight )?slice",
    "feature_maps__filter_channel_index_swapped": r"swap|\[c, ?k\]|\[k, ?c\]|(filter|channel).{0,30}(index|axis|axes|order).{0,30}(channel|filter)|transpos|mix|revers|order",
    "feature_maps__stride_dropped": STRIDE_IGNORED + r"|stride.{0,40}(convolve|pass)",
    "feature_maps__padding_dropped": PAD_IGNORED + r"|pad\w*.{0,40}(convolve|pass)",
    "feature_maps__bias_broadcast_last_axis": r"broadcast|bias\w*.{0,80}(width|last axis|columns?|axis|shape|reshape|none|per map|each map|one per filter|wrong (map|filter)|position|mix)|(width|last axis|columns?|axis).{0,80}bias",
    "feature_maps__output_dtype_of_image": DTYPE,
    "feature_maps__scipy_convolve_flips": FLIP + r"|channel.{0,30}(order|revers)",
    # ---------------------------------------------------------------- conv_params
    "conv_params__bias_forgotten": BIAS_FORGOTTEN,
    "conv_params__in_channels_forgotten": r"(input|in)[ _]?channels?.{0,60}(forg|miss|ignor|left out|not|multipl|times|each|every)|(forg|miss|ignor|left out|without).{0,40}channel|depth|as deep as|(per|each|every) input channel|only (a )?kh ?\* ?kw|\bc ?= ?1|rgb|grey",
    "conv_params__bias_per_input_channel": r"bias\w*.{0,60}(channel|slice|each|every|per|too many)|(channel|slice).{0,60}bias|one bias (per|for each|for every) filter",
    "conv_params__tuple_kernel_squared_first": r"kh ?\* ?kw|tuple|pair|non-?square|rectang|kernel_size\[0\]|first (entry|number|element|value)|square|width|\bkw\b|both",
    "conv_params__one_bias_for_layer": r"one bias (per|for each|for every) (filter|output|map)|single bias|one bias for the (whole )?layer|bias\w*.{0,40}(per filter|each filter|every filter|out_channels|once|only one)|out_channels biases",
    "conv_params__weights_not_per_filter": r"(out_channels|number of filters|filters).{0,60}(multipl|times|forg)|(multipl|times|forg)\w*.{0,60}(out_channels|filters)|only one filter|single filter|one filter'?s? weights|weights of one filter|per filter.{0,30}(weights|times)",
    # ---------------------------------------------------------------- dense_params
    "dense_params__sum_not_product": r"sum|add|plus|\+|multipl|product|times|every (input|pair)|each (pair|input)|pair",
    "dense_params__bias_per_input": r"bias\w*.{0,60}(input|output|n_out|n_in|per)|(input|n_in).{0,60}bias|one (bias )?per output",
    "dense_params__bias_forgotten": BIAS_FORGOTTEN,
    "dense_params__single_bias": r"one bias (per|for each|for every) (output|unit|neuron)|single bias|bias\w*.{0,40}(per output|each output|every output|n_out|once|only one)|one bias for the (whole )?layer",
    # ---------------------------------------------------------------- kernel_gradient
    "kernel_gradient__flipped": FLIP,
    "kernel_gradient__first_position_only": r"(one|single|first|only).{0,30}position|every position|all (the )?positions|shared|sum\w* over|accumulat|top-left|grad_output\[0|\[0, ?0\]|adds? up|reused",
    "kernel_gradient__mean_not_sum": MEAN + r"|h' ?\* ?w'|number of positions",
    "kernel_gradient__shape_off_by_one": r"shape|\+ ?1|off[- ]by[- ]one|one (row|column)|too small|size|h ?- ?h'",
    "kernel_gradient__assign_not_accumulate": r"last position|overwr|\+=|accumulat|only one position|single position|sum\w* over|every position|all (the )?positions|replac|adds? up|not (summed|added)|= instead",
    "kernel_gradient__scipy_convolve2d": FLIP,
    "kernel_gradient__transposed_index": r"swap|transpos|\[i ?\+ ?b|revers|(\ba\b|rows?).{0,20}(\bb\b|columns?).{0,20}(mix|swap|exchang)|offsets?",
    "kernel_gradient__output_dtype_of_image": DTYPE,
    "kernel_gradient__grad_output_ignored": r"grad_output.{0,40}(ignor|forg|miss|not|never|left out|unused)|(ignor|forg|miss|without|never)\w*.{0,40}(grad_output|dl/dout|upstream|incoming|output gradient)|weight\w*.{0,30}(by|with) (grad_output|the (output )?gradient|dl/dout)|as if .{0,30}ones|all ones|not (multipl|weight)\w*|unweighted|plain sum of (the )?(patches|pixels)",
    "kernel_gradient__extra_factor_two": r"\b2\b|two|doubl|twice|factor",
    # ---------------------------------------------------------------- gradient_step
    "gradient_step__ascent": r"sign|ascent|wrong direction|towards|along the gradient|uphill|opposite|\+ ?lr|added|adds the gradient|plus|with the gradient|up the gradient",
    "gradient_step__lr_missing": r"learning rate.{0,40}(miss|forg|not|ignor|left out|without|never|drop)|(miss|forg|ignor|without|\bno\b|drop)\w*.{0,30}(learning rate|\blr\b|step size)|full gradient|whole gradient|unscaled|not scaled|too (big|large)|kernel ?- ?grad\b",
    "gradient_step__alias_in_place": r"in[- ]place|modif|mutat|alias|copy|same (array|object)|new array|changed (the )?(input|kernel)|-=",
    "gradient_step__lr_divides": r"divid|/ ?lr|invers|reciprocal|instead of multipl",
    "gradient_step__list_output": CONTAINER,
    "gradient_step__step_only": r"forg\w*.{0,40}(add|kernel|subtract|weights|current|old)|only the (step|change|update|delta)|(step|update|change|delta) (alone|only|itself)|without the (kernel|weights)|current (weights|values|kernel)|start(ing)? (point|value)|old (weights|kernel)|not (added|applied) to|kernel (is )?(missing|ignored)|-lr ?\* ?grad",
    "gradient_step__sign_of_gradient": r"sign|magnitude|size of the gradient|±|\+/-|plus or minus|same size|scal|proportional",
    # ---------------------------------------------------------------- learn_filter
    "learn_filter__error_sign_reversed": r"sign|ascent|revers|target ?- ?out|wrong direction|opposite|minus|uphill|upward|with the gradient|along the gradient",
    "learn_filter__no_factor_two": r"\b2\b|two|factor|half|halv|doubl|twice",
    "learn_filter__sum_not_mean": r"mean|average|divid|sum of (the )?squared|instead of (the )?mean|number of (positions|pixels|outputs|entries|values)|too (big|large)|normali",
    "learn_filter__mean_over_images_only": r"number of images|images? (count|instead)|all (the )?positions|every position|(pixels|positions|outputs|entries).{0,40}(divid|count|mean|average)|(divid|mean|average).{0,60}(positions|pixels|outputs|entries|images)|too (big|large)|normali",
    "learn_filter__per_image_mean_summed": r"mean|average|divid|number of (positions|pixels|outputs|entries|values|images)|all (the )?(images|positions)|per[- ]image|each image|sum\w* over (the )?images|scale|normali|too (big|large)",
    "learn_filter__ones_init": r"zero|init|start|ones|\b1s\b",
    "learn_filter__only_last_image": r"last image|one image|single image|only (the )?(last|one|first) (image|example)|all (the )?images|every image|each image|overwr|\+=|= instead|sum\w* over (the )?images|images? (are )?(ignored|skipped|dropped)|other images",
    "learn_filter__steps_off_by_one": r"one (step )?(too )?(few|short|less)|off[- ]by[- ]one|range\(1|steps? ?- ?1|one step (missing|short|fewer)|too few steps|number of steps|\d+ steps instead|missing (the )?(last|final|one) step|one iteration|one fewer",
    "learn_filter__target_not_subtracted": r"target|out ?- ?target|never (moves|changes|learns)|stays (at )?zero|residual|difference|remains zero|all zeros|zero kernel|zero everywhere",
    "learn_filter__stale_output": r"stale|recomput|once|before the loop|outside|every step|each step|updated kernel|current kernel|same gradient|first gradient|fixed gradient|linear|not (re)?comput|constant",
    "learn_filter__grad_never_reset": r"reset|zero\w*.{0,30}(each|every) step|accumulat|pile|previous steps|past steps|momentum|never cleared|cumulativ|carr(y|ies|ied) over|keeps? growing|outside",
    "learn_filter__early_return": r"return\w*.{0,40}(inside|in the loop|early|first|after)|indent|one step|single step|first step|after (one|1|the first)|only (one|1) (step|update|iteration)|stops? (early|too soon|after)|too soon|early",
    "learn_filter__flipped_gradient": FLIP,
    "learn_filter__lr_applied_twice": r"twice|lr ?\*\* ?2|lr squared|squared|double|two times|learning rate|\blr\b|too (small|slow)|scal",
}
