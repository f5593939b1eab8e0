"""What counts as a RIGHT name of each planted mistake (matched case-insensitively against the
grader's one-sentence diagnosis). Written before any grading of the r8 corpus.
Broad on purpose: any correct description of the cause, or of how the output differs because of it."""

_TYPE = r"numpy|np\.|int64|integer|python (float|int)|type|container|dtype|float\b"
_BIAS_MISSING = r"bias\w*.{0,60}(forgot|miss|ignor|never|not (been )?(added|included|counted)|left out|dropp|omit|without|zero|absent|leav)|(forgot|miss|ignor|never|without|\bno\b|omit|leav\w* out|drop)\w*.{0,40}bias"

REGEXES = {
    # ---------------------------------------------------------------- filter_response
    "filter_response__returns_numpy_scalar": _TYPE,
    "filter_response__trace_without_transpose": r"transpos|\[j\]\[i\]|\[j, ?i\]|swap|rows? (and|with|for) columns?|columns? (and|with|for) rows?|matri(x|ces)|trace|dot|@|matmul",
    "filter_response__width_loop_uses_height": r"column|width|shape\[0\]|shape\[1\]|square|not (all|every)|some (of the )?(pixels|products|cells|weights)|skip|miss|part of|fewer|index|range|out of (range|bounds)|loop",
    "filter_response__absolute_value": r"abs|sign|negative|magnitude|positive",
    "filter_response__mean_not_sum": r"mean|average|divid|number of (cells|pixels|weights|products)|size|instead of (the )?sum|scaled",
    "filter_response__np_inner_all_pairs": r"inner|column sums?|row sums?|all pairs|every (row|pair)|sums? (times|x|multiplied by) (the )?sums?|product of (the )?sums|matri(x|ces)|dot|@|matmul|cell by cell|elementwise|element-wise|not (multiplied )?(pixel|cell) by (pixel|cell)",
    "filter_response__rounded": r"round|decimal|precision|digits|approximat|truncat",

    # ---------------------------------------------------------------- output_shape
    "output_shape__count_divided_by_stride": r"too few|fewer|one (row|column|position)s? (short|less|fewer|missing)|short|smaller|one less|\+ ?1|plus one|first position|divid\w* the (count|number)|before dividing|after dividing|\(h ?\+ ?2 ?\*? ?p ?- ?kh? ?\+ ?1\) ?//|off.by.one",
    "output_shape__missing_plus_one": r"\+ ?1|plus one|one (row|column|position)|too few|fewer|short|smaller|first position|last position|off.by.one|one less",
    "output_shape__width_uses_kernel_height": r"width|kw|kernel.?s? height|kh|copy|column|swap|height.{0,30}width|width.{0,30}height|non-?square|second (dimension|number|entry)",
    "output_shape__ceil_division": r"ceil|round(s|ing|ed)? up|hang|too many|extra|partial|off the edge|instead of (rounding )?down|floor|one (row|column|position) too many|larger|bigger",
    "output_shape__padding_one_side": r"one side|2 ?\*? ?p|twice|both sides|every side|each side|four sides|all sides|two sides|once|half|only .{0,20}(top|left|bottom|right)",
    "output_shape__padding_added_after_stride": r"padding.{0,60}(after|outside|stride|divid|separately)|stride.{0,60}padding|2 ?\*? ?p|added.{0,40}positions|before dividing|after dividing|divid|order",
    "output_shape__returns_list": r"list|tuple|container|type",

    # ---------------------------------------------------------------- convolve
    "convolve__flipped_kernel": r"flip|rotat|180|true convolution|mathemat|cross.?correlation|revers|upside|mirror",
    "convolve__last_row_and_column_zero": r"last (row|column)|one (row|column|position)s? (short|too few|missing)|range|off.by.one|zero|bottom (row|edge)|right (column|edge)|stops? (one )?(too )?early|loop bound|never (reach|fill|comput)|not (filled|computed)",
    "convolve__window_start_ignores_stride": r"stride|i ?\* ?s|top.left|corner|step|jump|overlap|start",
    "convolve__np_pad_result_discarded": r"pad\w*.{0,40}(never|not|\bno\b|missing|ignor|discard|lost|thrown|assign|result|return|skipp)|(\bno\b|\bnot\b|never|without|ignor\w*|forg\w*)\s.{0,30}pad|too small|smaller|too few|np\.pad",
    "convolve__edge_padding": r"edge|zeros? pad|pad\w* (with|by) zeros?|not zeros?|instead of zeros?|pad(ding)? value|replicat|repeat|cop(y|ies)|non-?zero|constant|mode|reflect|border pixels",
    "convolve__padding_bottom_right_only": r"one side|bottom|right|top|left|shift|both sides|every side|each side|four sides|all sides|sides|offset|displac|corner|uneven|asymmetr",
    "convolve__output_dtype_of_image": r"dtype|\bint|integer|float|uint8|trunc|round|overflow|wrap|type",
    "convolve__window_rows_cols_swapped": r"transpos|swap|rows? (and|with|for) columns?|columns? (and|with|for) rows?|\bi\b.{0,10}\bj\b|index|indices|height and width|width and height|orient|x and y",
    "convolve__width_size_uses_kernel_height": r"width|\bkw\b|columns?|copy|non-?square|kernel.?s? height|\bkh\b",
    "convolve__kernel_cast_to_image_dtype": r"dtype|uint8|\bint|integer|overflow|wrap|trunc|cast|type|round|float|fraction",
    "convolve__always_same_size": r"same|size|shape|pad\w*.{0,40}(ignor|always|own|kh ?// ?2|k ?// ?2|automatic|extra)|centr|as (big|large) as|input size|too (big|large)|larger|bigger|keeps? the (image )?size",
    "convolve__mean_of_window": r"mean|average|divid|number of (weights|cells|pixels)|size|normali|scaled|smaller by",
    "convolve__correlate2d_full_mode": r"full|too (big|large)|larger|bigger|size|shape|extra|hang|off the edge|partial|outside|beyond|too many",
    "convolve__subsample_starts_at_stride_minus_one": r"offset|start|first position|corner|top.left|shift|stride ?- ?1|begin|origin|from 0|at 0|zero(th)? (row|column|position)",
    "convolve__return_inside_loop": r"first row|only one row|return|indent|zeros?|rest|remaining|early|loop|other rows|not filled|unfilled|missing rows",
    "convolve__pads_2p_each_side": r"2 ?\*? ?p|twice|double|too much (padding|zero)|extra (padding|zeros|rows|columns)|too (big|large)|larger|bigger|too many",
    "convolve__output_size_from_unpadded_image": r"too small|smaller|too few|missing .{0,30}(rows?|columns?)|last (rows?|columns?)|unpadded|before padding|original (image|size|shape)|without (the )?padding|ignor\w* (the )?padding",

    # ---------------------------------------------------------------- feature_maps
    "feature_maps__maps_summed_over_filters": r"sum(s|med)? (over|of|across) (the |all )?(filters|maps)|add(s|ed|ing)? (up )?(the |all )?(filters|maps|filters' maps)|one map|single map|combin|merg|one filter that is the sum|not stack|instead of stack|2-?d|shape|dimension|axis",
    "feature_maps__channels_last_output": r"axis|axes|last|\(h'?, ?w'?, ?k\)|channels?.?last|transpos|filter.?first|first axis|layout|moved?",
    "feature_maps__first_filter_reused": r"same filter|one filter|first filter|reus|every map|identical|filters\[0\]|each filter|own (weights|filter)|all (the )?maps|same weights|only .{0,20}filter",
    "feature_maps__channels_averaged": r"average|mean|divid|scaled|1 ?/ ?c|channel count|number of channels",
    "feature_maps__bias_ignored": _BIAS_MISSING,
    "feature_maps__bias_added_per_channel": r"bias.{0,80}(channel|c times|times|more than once|multiple|twice|repeat|several|each|every|once)|channel.{0,60}bias|too (much|large|many) bias",
    "feature_maps__filter_channel_indices_swapped": r"filters\[c|index|indic|swap|\(c, ?k|k and c|c and k|transpos|axes|axis|mix\w* up",
    "feature_maps__if_biases_truthiness": r"truth|ambiguous|if biases|is not none|none|bool|crash|error|raise|exception",
    "feature_maps__padding_on_channel_axis": r"channel.{0,60}pad|pad.{0,60}channel|three axes|3 axes|all (the )?axes|every axis|axis 0|first axis|depth|zero (channel|plane)|extra channel",
    "feature_maps__bias_broadcast_on_last_axis": r"broadcast|bias.{0,80}(column|last axis|width|position|wrong axis|axis|shape|reshape|per (column|position|pixel))|\[:, ?none, ?none\]|\(k, ?1, ?1\)|crash|error|raise|exception",
    "feature_maps__stride_padding_not_passed": r"stride|padding|pass|forward|argument|default",
    "feature_maps__stride_padding_swapped_args": r"swap|order|stride.{0,60}padding|padding.{0,60}stride|argument|positional|mixed",
    "feature_maps__returns_list": r"list|container|not an? (numpy )?array|type",
    "feature_maps__last_channel_dropped": r"last channel|channel \w+ (never|not|missing|skipp|dropp|ignor)|range|off.by.one|skip|missing (a |the |one )?channel|fewer channels|not all (the )?channels|one short|(one|a) channel (short|missing|too few)|every channel|all (the )?channels",
    "feature_maps__filters_reshaped_not_transposed": r"reshape|transpos|scrambl|wrong (filter|weights|slice|channel)s?|axes|shuffl|mix\w* up|mix\w* .{0,20}(filters|weights)",

    # ---------------------------------------------------------------- conv_params
    "conv_params__bias_flag_ignored": r"bias.{0,60}(flag|false|ignor|always|even|regardless|whether|argument|option)|(flag|false).{0,40}bias|bias ?= ?false",
    "conv_params__in_channels_forgotten": r"in(put)?.?channels?|depth|\bc\b|channels|colou?r|rgb",
    "conv_params__bias_per_input_channel": r"bias.{0,80}(input|in_channels|channel|filter|out|per)|one bias per (filter|output|map)|per filter",
    "conv_params__pair_uses_first_size_squared": r"kw|width|non-?square|rectang|\(kh, ?kw\)|tuple|pair|kernel_size\[0\]|second|kh ?\* ?kw|k ?\* ?k|square|both (sides|dimensions|numbers)",
    "conv_params__returns_numpy_int": _TYPE,
    "conv_params__biases_forgotten": _BIAS_MISSING,

    # ---------------------------------------------------------------- dense_params
    "dense_params__bias_per_input": r"bias.{0,80}(input|n_in|output|unit|per|each)|per (output|unit)|one bias per",
    "dense_params__sum_not_product": r"sum|plus|product|multipl|times|every (input|pair)|each pair|pair|n_in ?\+ ?n_out|add\w* (the )?(inputs|sizes|counts|n_in)",
    "dense_params__single_shared_bias": r"bias.{0,80}(one|single|each output|per output|n_out|every output|only)|one bias|single bias",
    "dense_params__default_bias_false": r"default|bias",

    # ---------------------------------------------------------------- kernel_gradient
    "kernel_gradient__only_first_position": r"one position|single position|first position|every position|all (the )?positions|sum(s|med)? over|shared|only (one|the first|a single)|\[0, ?0\]|other positions",
    "kernel_gradient__mean_over_positions": r"mean|average|divid|normali|number of positions|instead of (the )?sum|too small|scaled",
    "kernel_gradient__kernel_size_missing_plus_one": r"shape|size|\+ ?1|plus one|one (row|column)|smaller|off.by.one|too (small|few)|missing",
    "kernel_gradient__scipy_convolve2d_flips": r"flip|rotat|180|revers|mirror|upside|cross.?correlation|true convolution|convolve2d",
    "kernel_gradient__einsum_transposed": r"transpos|swap|\(kw, ?kh\)|rows? (and|with|for) columns?|columns? (and|with|for) rows?|shape|orient|einsum|subscript|axes|axis|order",
    "kernel_gradient__sum_times_sum": r"multipl\w* (the )?sums?|sum of .{0,40}by the sum|position.by.position|sum.{0,40}(times|product|multipl).{0,40}sum|separately|product of (the )?sums|elementwise|element-wise|each position|pair|position by position|match|not multiplied|before multiplying",
    "kernel_gradient__sign_flipped": r"sign|negat|minus|opposite",
    "kernel_gradient__dtype_of_image": r"dtype|\bint|integer|float|trunc|round|type|fraction",
    "kernel_gradient__kernel_and_output_shapes_mixed": r"shape|size|\(h'?, ?w'?\)|grad_output'?s? shape|swap|mix|roles",

    # ---------------------------------------------------------------- gradient_step
    "gradient_step__in_place": r"in place|in-place|modif|mutat|copy|new array|same (object|array)|overwr|changed (the|its) input|alias",
    "gradient_step__ascent": r"sign|ascent|plus|\+|against|uphill|add(s|ed|ing)? the gradient|direction|opposite|climb|increase",
    "gradient_step__learning_rate_ignored": r"learning rate|\blr\b|step size|too (big|large)|unscaled|not scaled|scaled by",
    "gradient_step__divides_by_learning_rate": r"learning rate|\blr\b|divid\w* by|step size|too (big|large)|invers|reciprocal",
    "gradient_step__normalised_gradient": r"norm|unit|length|scal|magnitude|divid|size of the (gradient|step)",
    "gradient_step__clipped_gradient": r"clip|cap|limit|bound|large|magnitude|saturat|cut",

    # ---------------------------------------------------------------- learn_filter
    "learn_filter__starts_from_ones": r"zero|start|init|ones|begin",
    "learn_filter__gradient_of_sum_not_mean": r"mean|sum|average|divid|number of (positions|pixels|outputs|values)|normali|too (big|large)",
    "learn_filter__factor_two_dropped": r"\b2\b|two|factor|half|derivative of the square|slow|too small|scal",
    "learn_filter__per_image_mean_summed": r"number of (images|examples)|(mean|average|divid|sum|add)\w*.{0,60}(images|examples)|(images|examples).{0,60}(mean|average|divid|summed|added)|too (big|large)|n times|times too|scal",
    "learn_filter__only_first_image": r"first (image|example)|one image|one example|only (the )?first|only one|all (the )?(images|examples)|every (image|example)|single (image|example)|other (images|examples)|ignor\w* (the )?(other|rest)",
    "learn_filter__gradient_overwritten_per_image": r"last (image|example)|one (image|example)|overwr|replac|accumul|\+=|only (the )?last|only one|all (the )?(images|examples)|every (image|example)|sum(med)? over (the )?(images|examples)|add(ed|ing)? up",
    "learn_filter__gradient_never_reset": r"reset|zero|accumul|previous|stale|momentum|carr|each step|every step|build|pil|old gradient|earlier",
    "learn_filter__one_step_short": r"one (step )?(fewer|less|short)|off.by.one|range\(1|199|steps ?- ?1|number of steps|too few steps|one step (too )?(few|short|missing)|last step|missing (a|one|the last) step|one iteration|iterations",
    "learn_filter__error_sign_flipped": r"sign|target ?- ?out|ascent|revers|opposite|negat|wrong direction|minus|uphill|away from",
    "learn_filter__default_lr_changed": r"default|\blr\b|learning rate|0\.2|0\.01|too (small|slow|few)|not (yet )?converg|slow",
    "learn_filter__step_per_image": r"each (image|example)|per (image|example)|every (image|example)|stochastic|sgd|one step per|batch|after (each|every)|all (the )?(images|examples)|once per step|several steps|too many steps|n steps|mean gradient",
    "learn_filter__gradient_from_output_not_error": r"error|target|out ?- ?target|output instead|residual|difference|compare|toward(s)? zero",
    "learn_filter__scipy_true_convolution": r"flip|rotat|180|revers|mirror|upside|true convolution|cross.?correlation|convolve2d|scipy",
}
