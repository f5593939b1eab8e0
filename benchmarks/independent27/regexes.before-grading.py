# What counts as a RIGHT diagnosis of each planted mistake in the r14 corpus.
# Written BEFORE any grading; matched case-insensitively against the diagnosis text.
# Each accepts the phrasings a teacher could use for the cause (or for how the output differs
# because of it), and nothing generic.

FLIP = (r"flip|rotat|180|half[- ]turn|upside|revers|mirror|true convolution|textbook convolution"
        r"|mathematical convolution|cross[- ]correlat")
FLOAT32 = r"float32|single[- ]precision|float64|dtype|precision"

REGEXES = {
    # ---------------------------------------------------------------- filter_response
    "filter_response__flipped_kernel": FLIP,
    "filter_response__mean_instead_of_sum": r"mean|average|divid",
    "filter_response__no_final_sum":
        r"products (are )?(never|not) (added|summed)|(never|not|without|forg[eo]t\w*|missing|no)\b.{0,30}\b(sum|add)|single number|one number|scalar"
        r"|returned (an? )?(numpy )?(array|grid|ndarray)|returned a numpy|array instead|instead of a (python )?float"
        r"|not a (python )?float",
    "filter_response__returns_numpy_scalar":
        r"numpy|np\.|python float|float\(|\bint(eger)?s?\b|int64|float64|type",
    "filter_response__relu_applied":
        r"relu|clip|activation|rectif|max\(|negative.{0,40}(\b0\b|zero)|(\b0\b|zero).{0,40}negative",
    "filter_response__absolute_value": r"abs|magnitude|sign",
    "filter_response__kernel_cast_to_image_dtype":
        r"dtype|uint8|integer|\bint\b|cast|overflow|wrap|trunc|convert\w* .{0,20}float|float64|as floats?",
    "filter_response__divided_by_kernel_sum":
        r"normali[sz]|divid|sum of (the )?(kernel|weights|filter)|(kernel|weights|filter)('s)? sum|blur|average",
    "filter_response__int_truncated":
        r"\bint\b|integer|trunc|round|decimal|fraction|python float|float\(|type",
    "filter_response__np_convolve_flips": FLIP + r"|np\.convolve",

    # ---------------------------------------------------------------- output_shape
    "output_shape__ceil_instead_of_floor":
        r"ceil|round\w* up|floor|round\w* down|hang\w*|partial|off the edge|does not fit|doesn't fit|last position",
    "output_shape__same_padding":
        r"\bsame\b|ignor\w*.{0,30}(kernel|filter|padding)|(kernel|filter)('s)? (size|shape) (is |was )?(ignored|missing|not used|left out)"
        r"|(without|forg[eo]t\w*|never|no)\b.{0,30}(kernel|filter)|as (big|large) as the (input|image)|(input|image)('s)? size|ceil",
    "output_shape__padding_one_side":
        r"2\s*\*?\s*p\b|2\s*\*\s*padding|twice|both sides|each side|every side|one side|four sides|two sides|once|double",
    "output_shape__stride_divides_all":
        r"\+\s*1|plus one|first position|off[- ]by[- ]one|one (position )?too (few|many)|(before|after) (the )?divi",
    "output_shape__no_plus_one":
        r"\+\s*1|plus one|one (row|column|position)?\s*(too )?(few|short|less|small)|off[- ]by[- ]one|first position"
        r"|one too small|missing (the )?(last|first)",
    "output_shape__returns_numpy_array": r"tuple|numpy|array|python int|type",
    "output_shape__true_division":
        r"float|//|integer division|floor|round|\bints?\b|python int|division|fraction|decimal|type",
    "output_shape__width_height_order":
        r"swap|width.{0,30}height|height.{0,30}width|\(w, ?h\)|\(w', ?h'\)|revers|transpos|wrong order|order of|\bx, ?y\b|opencv",

    # ---------------------------------------------------------------- convolve
    "convolve__flipped_kernel": FLIP,
    "convolve__stride_ignored": r"stride",
    "convolve__stride_only_in_size":
        r"(start|step|move|jump|position|window|top-left|corner|index|offset|multipl).{0,60}stride"
        r"|stride.{0,60}(start|step|move|jump|position|window|top-left|corner|index|offset|placement|multipl)|i\s*\*\s*stride",
    "convolve__loop_one_short":
        r"\+\s*1|one (row|column|position)|last (row|column|position)|short|off[- ]by[- ]one|range|too small|missing|fewer",
    "convolve__always_same_padding":
        r"\bsame\b|ignor\w*.{0,30}padding|padding.{0,40}(ignored|not used|argument|parameter|asked|given)"
        r"|(input|image)('s)? (size|shape)|as (big|large) as the (input|image)|keeps? the (input|image)",
    "convolve__reflect_padding":
        r"reflect|mirror|zero|edge|border|replicat|padding value|pad\w* with|constant",
    "convolve__output_indexed_xy":
        r"transpos|swap|\bx, ?y\b|\(W', ?H'\)|axes|wrong order|order of|exchang"
        r"|(width|columns?),? (then|before|first).{0,20}(height|rows?)",
    "convolve__float32_output": FLOAT32,
    "convolve__output_dtype_from_image":
        r"dtype|float64|integer|\bint\d*\b|uint8|trunc|overflow|wrap|image'?s? type",
    "convolve__padding_ignored":
        r"(ignor|forg[eo]t|without|missing|never|no|not)\w*\b.{0,40}pad|pad\w*.{0,40}(ignor|missing|forg[eo]t|not (applied|added|used|done)|never|absent|skipped)"
        r"|unpadded|zeros? (around|border)",
    "convolve__kernel_shape_read_as_width_height":
        r"kernel('s)? (shape|height|width|rows|columns)|\(kw, ?kh\)|kh.{0,15}kw|kw.{0,15}kh|width.{0,30}height|height.{0,30}width"
        r"|swap|transpos|non-square|rectangular|\bx, ?y\b",
    "convolve__divides_by_kernel_size":
        r"mean|average|divid|kernel('s)? size|number of (weights|pixels|entries)|normali[sz]",
    "convolve__pads_width_only":
        r"pad\w*.{0,60}(height|rows|top|bottom|vertical|four|every side|each side|all sides|both (axes|dimensions|directions))"
        r"|(height|rows|top|bottom|vertical).{0,60}pad|width only|only.{0,30}(width|columns|left|horizontal)|columns only",
    "convolve__returns_list": r"list|ndarray|numpy array|np\.array|type",
    "convolve__size_without_padding":
        r"pad\w*.{0,60}(size|shape|output_shape|dimension|count)|(size|shape|output_shape|dimension).{0,60}pad"
        r"|too small|(missing|fewer|lost)\b.{0,30}(rows|columns)|top-left|cropp?ed",

    # ---------------------------------------------------------------- feature_maps
    "feature_maps__channels_last_output":
        r"channels?[- ]last|\(H', ?W', ?K\)|(maps|filters?|K)\b.{0,30}(last|first) (axis|dimension)"
        r"|(last|first) (axis|dimension).{0,30}(maps|filters?|K\b)|moveaxis|filters? first|filter axis"
        r"|stack\w* (on|along) (the )?last|axis ?= ?-1|axis order|order of (the )?(axes|dimensions)|transpos",
    "feature_maps__channels_last_image":
        r"channels?[- ]last|\(H, ?W, ?C\)|channel axis|channels? (are |come )?first|first axis|axis 0|\[:, ?:, ?c\]|layout"
        r"|image('s)? (shape|axes|layout)|\(C, ?H, ?W\)",
    "feature_maps__filters_tf_layout":
        r"\(kh, ?kw, ?C, ?K\)|layout|tensorflow|keras|filters?\[:, ?:|(filter|weight)s?('s)? (axes|axis|shape|order|layout)"
        r"|channels?[- ]last|transpos|\(K, ?C, ?kh, ?kw\)",
    "feature_maps__channels_not_summed":
        r"sum\w*.{0,40}channel|channel.{0,40}(sum|add|combin|together|total)|K\s*\*\s*C|C\s*\*\s*K"
        r"|(one|a) map (per|for each|for every) (channel|slice|pair)|per[- ]channel|too many maps|separate (channel )?maps",
    "feature_maps__maps_summed_over_filters":
        r"(sum|add|combin|merg)\w*.{0,40}(filters|maps)|(filters|maps).{0,40}(summed|added|combined|together|merged)"
        r"|one map|single map|separate|own map|one (map )?per filter|stack",
    "feature_maps__bias_per_channel":
        r"bias\w*.{0,60}(channel|once|times|every|each|per|\bC\b)|(channel|once|times|every|each|per).{0,60}bias",
    "feature_maps__bias_none_crash": r"none|no bias|without (a )?bias|optional|default",
    "feature_maps__bias_broadcast_last_axis":
        r"bias\w*.{0,60}(axis|broadcast|position|column|width|last|shape|filter|map)|broadcast|(axis|filter|each map).{0,60}bias",
    "feature_maps__relu_applied": r"relu|negative|clip|activation|np\.maximum|max\(|rectif",
    "feature_maps__channels_reversed_bgr":
        r"bgr|rgb|revers|channel order|order of (the )?channels|wrong channel|channels? (are |in )?(the )?wrong order"
        r"|flip\w* (the )?channels|channel.{0,40}(slice|weights?)|slice.{0,40}channel|(match|pair)\w*.{0,30}channel",
    "feature_maps__stride_padding_not_passed": r"stride|padding|pass",
    "feature_maps__stride_padding_swapped":
        r"swap|(argument|parameter)s? order|order of (the )?(arguments|parameters)|wrong order|positional|keyword"
        r"|stride.{0,40}padding|padding.{0,40}stride",
    "feature_maps__filter_index_in_out_swapped":
        r"filters?\[c, ?k\]|\(C, ?K|\(in, ?out\)|\(out, ?in\)|\bin_?channels?.{0,20}out_?channels?|swap|transpos|layout"
        r"|filter (axes|axis|index|order)|wrong (filter|slice)|axes|(first|second) (axis|index)",

    # ---------------------------------------------------------------- conv_params
    "conv_params__bias_forgotten": r"bias",
    "conv_params__in_channels_forgotten": r"(input|in)[_ ]?channels?|depth|channel|slice",
    "conv_params__bias_per_input_channel":
        r"bias\w*.{0,40}(per|for each|for every|each) (input )?(channel|slice)|(channel|slice)s?.{0,40}bias"
        r"|one bias per filter, not|once per filter|(C|in_channels|\d+) biases per filter|too many biases",
    "conv_params__kernel_size_tuple_not_supported":
        r"tuple|pair|\(kh, ?kw\)|kh\s*\*\s*kw|non-square|rectangular|int or|sequence",
    "conv_params__single_bias":
        r"bias\w*.{0,60}(filter|each|every|per|out_channels|once|single|one|whole layer)|(one|single|each|every|per).{0,30}bias",
    "conv_params__returns_numpy_int": r"numpy|np\.|int64|python int|\bint\(|type",
    "conv_params__first_dim_squared":
        r"(kh|height).{0,30}(kw|width)|non-square|rectangular|tuple|pair|square|both (sides|dimensions)",

    # ---------------------------------------------------------------- dense_params
    "dense_params__sum_instead_of_product":
        r"multipl|product|times|\bn_in\s*\*\s*n_out|pair|every input.{0,30}every output|\+ instead|added .{0,30}instead"
        r"|sum\w* instead|instead of multiplying",
    "dense_params__bias_per_input":
        r"bias\w*.{0,60}(output|input|n_out|n_in|unit|neuron)|(output|input|n_out|n_in|unit|neuron)s?.{0,60}bias",
    "dense_params__bias_flag_ignored":
        r"bias\w*.{0,40}(false|flag|argument|ignored|always|without|off)|(false|flag|without).{0,40}bias",
    "dense_params__single_bias":
        r"bias\w*.{0,60}(output|each|every|per|n_out|once|single|one|unit|neuron)|(one|single|each|every|per).{0,30}bias",
    "dense_params__squared_inputs":
        r"n_out|n_in\s*(\*\*|\^)\s*2|squar|n_in\s*\*\s*n_in|number of (outputs|units)"
        r"|outputs? (are |is )?(ignored|missing|not used)|ignor\w* (the )?(number of )?outputs",

    # ---------------------------------------------------------------- kernel_gradient
    "kernel_gradient__only_one_position":
        r"one position|single position|every position|all (the )?positions|each position|shar|sum\w* over|accumulat"
        r"|add\w* up|(all|every) .{0,20}contribution|first position",
    "kernel_gradient__mean_over_positions":
        r"mean|average|divid|number of (output )?positions|instead of (a |the )?sum|not (the )?sum",
    "kernel_gradient__flipped_result": FLIP,
    "kernel_gradient__sign_flipped": r"sign|negat|minus|opposite|direction|descent",
    "kernel_gradient__transposed_xy":
        r"transpos|swap|\bx, ?y\b|rows?.{0,30}columns?|height.{0,30}width|width.{0,30}height|axes|\(kw, ?kh\)",
    "kernel_gradient__factor_two":
        r"\b(2|two)\b.{0,30}(factor|times|too (big|large)|larger)|twice|double|factor (of )?(2|two)|\b2\s*\*|times 2|x ?2\b",
    "kernel_gradient__float32": FLOAT32,
    "kernel_gradient__last_row_col_missed":
        r"last (row|column)|\+\s*1|off[- ]by[- ]one|zero(e?s)?\b.{0,30}(row|column)|missing|range|bound|one (row|column)|short",
    "kernel_gradient__convolve_args_swapped":
        r"swap|order|argument|roles|(image|input).{0,60}(grad_output|gradient).{0,60}(kernel|filter|slid)"
        r"|grad_output.{0,40}(over|across) the image|other way round",

    # ---------------------------------------------------------------- gradient_step
    "gradient_step__ascent":
        r"sign|ascent|plus|against|direction|opposite|uphill|add(s|ed|ing)? (the )?gradient|minus|subtract",
    "gradient_step__lr_missing": r"learning rate|\blr\b|scal|step size",
    "gradient_step__in_place":
        r"in[- ]place|modif|mutat|new array|copy|overwr|changed (the|your) (input|kernel)|integer|\bint\b|dtype|cast",
    "gradient_step__keeps_integer_dtype": r"\bint\w*|dtype|float|trunc|round",
    "gradient_step__float32": FLOAT32,
    "gradient_step__returns_update_only":
        r"(update|step|change|delta|increment).{0,60}(instead|not|kernel|weights|new|appl)"
        r"|(forg[eo]t|without|missing|never)\w*.{0,30}(kernel|weights|current)|kernel\s*-|subtract\w* (it )?from (the )?(kernel|weights)"
        r"|add\w* (it |the step )?to the (kernel|weights)|only the (step|update|change)",

    # ---------------------------------------------------------------- learn_filter
    "learn_filter__sum_instead_of_mean":
        r"mean|average|divid|number of (positions|pixels|outputs|entries)|too (large|big)|explod"
        r"|sum\w* (instead|rather|of the squared)|summed squared|sum of (the )?squared",
    "learn_filter__factor_two_dropped": r"\b(2|two)\b|twice|double|factor|half|halve",
    "learn_filter__error_sign_reversed":
        r"sign|ascent|revers|target\s*-\s*out|opposite|direction|diverg|wrong way|minus|uphill",
    "learn_filter__zero_grad_forgotten":
        r"reset|zero_grad|zero the grad|accumulat|previous (steps|iterations)|carr(y|ies|ied) over|never (cleared|zeroed)"
        r"|from (earlier|past|previous)|momentum|zero(ed)? (again|each|every)|re-?initiali|grows|keeps growing",
    "learn_filter__step_per_image":
        r"per (image|sample|example)|each (image|example|sample)|every (image|example|sample)|one step (for|per)"
        r"|stochastic|\bsgd\b|batch|all images (at once|together)|(once|one step) per (step|iteration)",
    "learn_filter__random_init": r"random|init\w*|start\w*.{0,30}zero|zeros?.{0,30}start|np\.zeros|seed",
    "learn_filter__gradient_overwritten_per_image":
        r"last image|only (one|the last|the final|a single) (image|example)|overwr|(all|every|each) (the )?images"
        r"|sum\w* over (the )?images|accumulat|\+=|add\w* up",
    "learn_filter__kernel_shape_as_width_height":
        r"kernel('s)?[ _]shape|shape of the kernel|transpos|swap|width.{0,20}height|height.{0,20}width|\(kw, ?kh\)|kh.{0,10}kw|non-square",
    "learn_filter__one_extra_step":
        r"(one|an) (extra|more|too many) (step|iteration|update)|off[- ]by[- ]one|steps?\s*\+\s*1|number of (steps|iterations|updates)"
        r"|too many (steps|iterations|updates)|<=|extra step",
    "learn_filter__lr_decay": r"learning rate|\blr\b|decay|schedul|shrink|constant|decreas",
    "learn_filter__images_normalised_by_255": r"255|normali[sz]|scal|divid|\[0, ?1\]",
}
