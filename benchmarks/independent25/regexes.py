"""What counts as a RIGHT name for each planted mistake (written before any grading).
Matched case-insensitively against the grader's diagnosis text. Broad on purpose: any correct
description of the cause, or of how the output differs because of it."""

FLIP = r"flip|rotat|180|revers|true convolution|mathematician|correlat|upside|mirror"
TRANSPOSE = r"transpos|swap|\[j\]\[i\]|\[b, ?a\]|rows? and columns?|columns? and rows?|height and width|width and height|x and y|i and j|j and i|(index|indices|offsets?).{0,30}(order|exchang|mix|wrong way)"
DTYPE = r"dtype|integer|\bint\b|int64|int32|uint8|float|trunc|round|overflow|wrap|cast|type"
PYINT = r"numpy|np\.|int64|python int|int\(|\btype\b|integer"

REGEXES = {
    # filter_response
    "filter_response__no_final_sum": r"(never|no|without|forg[eo]t|missing).{0,30}(sum|add|total)|not (summed|added)|single number|one number|scalar|array|grid of products|the products|element.?wise products|np\.sum|sum (them|the products|everything|all)|add (them|everything|all)",
    "filter_response__matmul": r"matrix|matmul|@|dot|element.?wise|cell by cell|cell-by-cell|np\.dot",
    "filter_response__returns_int": r"\bint\b|int\(|integer|trunc|round|float|decimal|fraction|whole number|type",
    "filter_response__square_loop": r"square|non-square|width|kw|column|kh ?!= ?kw|shape|len\(kernel\)|rectangular|only part|range",
    "filter_response__abs": r"abs|sign|negative|magnitude|minus",
    "filter_response__empty_like_dtype": DTYPE + r"|empty_like|zeros_like",
    # output_shape
    "output_shape__no_stride": r"stride",
    "output_shape__ceil": r"ceil|round(ed|s|ing)? up|floor|hang|off the edge|partial|extra position|one (position )?too many",
    "output_shape__padding_once": r"pad|both sides|each side|every side|2 ?\* ?p|2p|twice|one side",
    "output_shape__no_plus_one": r"\+ ?1|off.by.one|one (row|column|position)|first position|one (too )?(few|short|less)|short by one|fewer",
    "output_shape__divide_all": r"\+ ?1.{0,40}(inside|before|outside|after)|(inside|before|outside|after).{0,40}\+ ?1|off.by.one|first position|one (row|column|position)|divid(ed|es|ing)? the (whole|stride-1|count|number)|stride.{0,40}(\+ ?1|first|count|divid)|// ?s ?\+ ?1",
    "output_shape__swapped": TRANSPOSE + r"|order|\(w|revers",
    "output_shape__float_division": r"float|/|divis|floor|round|integer|\bint\b|type|decimal|fraction",
    "output_shape__numpy_ints": PYINT,
    # convolve
    "convolve__flipped": FLIP,
    "convolve__one_short": r"one (row|column|position)|off.by.one|\+ ?1|range\(h ?- ?k|short|fewer|last (row|column|position)|too small|missing (the )?(last|final)",
    "convolve__stride_size_not_start": r"stride|window start|start(s|ing)? (of|at)|i ?\* ?s|top-left|every .*pixel|consecutive|adjacent",
    "convolve__pad_one_side": r"shift|one side|bottom|right|left|top|offset|symmetric|every side|both sides|all (four )?sides|uneven|each side",
    "convolve__pad_edge": r"zero|edge|replicat|border|constant|reflect|pad(ding)? (value|with)",
    "convolve__window_swapped": TRANSPOSE,
    "convolve__int_output": DTYPE + r"|zeros\(|output array",
    "convolve__padding_ignored": r"no pad|not pad|without pad|pad(ding)? (is |was )?(ignored|missing|forgotten|never|not (applied|added|used))|forg[eo]t.{0,20}pad|ignor.{0,20}pad|never pads|unpadded|off the edge|run off|clip",
    "convolve__stride_as_index": r"stride|out\[i|i ?// ?s|pixel (index|position)|output index|index(ed)? (the )?output",
    "convolve__kernel_square": r"square|kw\b|rectangular|kernel(\.| )shape|kernel's shape|shape\[0\]|kh ?= ?kw|kernel width|width of the (kernel|filter)|filter width|kernel's width|filter's width",
    "convolve__sum_last_axis": r"axis|axes|dimension|3-?d|ndim|extra|both kernel|whole window|all (the )?products|one number|sum(s|med)? over (only )?one",
    "convolve__mean": r"mean|average|divid|normali|scale|kernel size|number of (weights|cells|pixels)",
    "convolve__einsum_transposed": TRANSPOSE + r"|einsum|subscript",
    "convolve__reshape_order": TRANSPOSE + r"|reshape|order|scrambl|row-major|column.major|column by column|ravel|flatten",
    "convolve__pad_rows_only": r"left|right|columns? of zeros|pad.{0,40}(width|columns|horizontal|sides)|(width|columns|horizontal|sides).{0,40}pad|only (the )?(top|rows)|rows only|one axis|both axes",
    # feature_maps
    "feature_maps__sum_over_filters": r"sum(med)? (over|across) (the |all )?filters|add(s|ed)? (up )?(the )?(maps|filters)|combin|single map|one map\b|collaps|instead of stack|one map per filter|k maps|number of maps|merged|all filters (into|together)",
    "feature_maps__axis_order": r"axis|axes|order|transpos|channels?.last|\(h'?, ?w'?, ?k\)|filter first|moveaxis|layout|last (axis|dimension)|stacked (on|along) the (last|wrong)",
    "feature_maps__one_filter_reused": r"same filter|first filter|one filter (for|reused|everywhere)|filters\[0\]|reus|identical|own weights|same weights|maps? (are|is) (all )?(the )?same",
    "feature_maps__bias_per_channel": r"bias.{0,80}(channel|times|more than once|once per|repeat|inside|too (many|often)|c times)|(channel|repeat|twice).{0,80}bias",
    "feature_maps__pad_channels": r"channel axis|channels? (too|as well)|pad.{0,40}channel|channel.{0,40}pad|3-?d|all (three )?axes|every axis|np\.pad\(image",
    "feature_maps__accumulator_not_reset": r"reset|accumul|previous|cumul|running|carr|earlier|re-?initiali|sum (over|across) filters|add(s|ed)? (up )?(the )?(maps|filters)|leak",
    "feature_maps__filter_index_swapped": r"filters\[c|index|indices|order|swap|transpos|\(c, ?k|\(k, ?c|axis|axes|wrong filter slice|mix(es|ed)? up (the )?(filters|channels)",
    "feature_maps__bias_broadcast": r"bias.{0,80}(vector|whole|all|broadcast|biases\[k\]|every|index|own|each filter)|(broadcast|biases\[k\]|index).{0,80}bias|broadcast",
    "feature_maps__reshape_not_transpose": r"reshape|transpos|axis|axes|order|moveaxis|scrambl|interleav|mix|layout|dstack",
    "feature_maps__biases_truthiness": r"none|truth|ambiguous|if biases|is not none|bool",
    "feature_maps__stride_not_passed": r"stride|pad|pass|forward|argument|default",
    "feature_maps__padding_stride_swapped": r"stride|pad|order|swap|argument|positional|keyword",
    "feature_maps__channels_last": r"channels?.last|axis|axes|hwc|\(h, ?w, ?c\)|layout|image\[c\]|image\[:, ?:, ?c\]|last (axis|dimension)|wrong (axis|dimension)|first axis|channel axis|channel order|channel index",
    # conv_params
    "conv_params__input_channels_forgotten": r"channel|in_channels|depth|\bc\b",
    "conv_params__bias_once": r"bias.{0,80}(per filter|each filter|every filter|one per|out_channels|once|single|whole layer|for the layer|only one)|one bias|single bias",
    "conv_params__tuple_crash": r"tuple|pair|\(kh, ?kw\)|kernel_size|rectangular|non-square|two numbers|both|int or",
    "conv_params__tuple_first_only": r"square|kw|width|tuple|pair|rectangular|non-square|second|both|kh ?\* ?kh|kh ?\* ?kw",
    "conv_params__bias_flag_ignored": r"bias.{0,80}(false|flag|ignor|always|even)|bias ?= ?false|(false|flag|ignor|always).{0,80}bias",
    "conv_params__numpy_int": PYINT,
    # dense_params
    "dense_params__add_not_multiply": r"add|sum|\+|multipl|product|times|every (input|pair)|each pair|pair|connect|n_in ?\* ?n_out|1,?568",
    "dense_params__bias_per_input": r"bias.{0,80}(per input|each input|n_in|inputs|per output|each output|n_out|outputs)|(inputs?|n_in|outputs?|n_out).{0,80}bias",
    "dense_params__float_return": r"float|\bint\b|integer|type",
    "dense_params__bias_once": r"bias.{0,80}(per output|each output|every output|one per|n_out|once|single|whole layer|for the layer|only one)|one bias|single bias",
    "dense_params__squared_inputs": r"n_out|square|\*\* ?2|n_in ?\* ?n_in|ignor.{0,30}(output|n_out)|(output|n_out).{0,30}ignor|number of outputs",
    # kernel_gradient
    "kernel_gradient__flipped": FLIP + r"|misalign|align",
    "kernel_gradient__one_position": r"one position|single position|every position|all (the )?positions|each position|shared|first position|only (one|the first)|whole|everywhere|sum(s|med)? over",
    "kernel_gradient__mean": r"mean|average|divid|number of positions|scale|too small|factor",
    "kernel_gradient__shape_off_by_one": r"shape|\+ ?1|off.by.one|one (row|column)|size|too small",
    "kernel_gradient__index_swapped": TRANSPOSE + r"|misalign|align",
    "kernel_gradient__int_dtype": DTYPE + r"|zeros",
    "kernel_gradient__sum_times_sum": r"product|multipl|element.?wise|pair|sum of|sums? (separately|first)|sum ?(x|\*|times) ?sum|each position|matching|correspond|outer",
    "kernel_gradient__negated": r"sign|negat|minus|opposite|direction|ascent|descent",
    # gradient_step
    "gradient_step__ascent": r"ascent|sign|add(s|ed|ing)? the gradient|plus|uphill|wrong direction|opposite|diverg|grows|increas|toward|\+ ?lr",
    "gradient_step__no_lr": r"learning rate.{0,20}(missing|ignored|forgotten|not used|left out|never)|(missing|ignor|forg[eo]t|without|no|multiply by)[a-z ]{0,20}(learning rate|\blr\b)|whole gradient|full gradient|step size|lr ?= ?1|unscaled|not scaled|too (big|large)",
    "gradient_step__in_place": r"in place|in-place|modif|mutat|new array|copy|original|-=|changed the kernel|overwr",
    "gradient_step__lr_divides": r"divid|/ ?lr|multipl|1 ?/ ?lr|inverse|reciprocal|too (big|large)",
    "gradient_step__keeps_int_dtype": DTYPE + r"|copy",
    "gradient_step__returns_update": r"returns? (only )?(the )?(update|step|lr ?\* ?grad|change|delta)|forg[eo]t (the |to subtract from the )?kernel|instead of the (new )?kernel|without the (old|current|starting) kernel|kernel minus|subtract.{0,30}from the kernel|old kernel|current kernel|starting kernel|new kernel|not the kernel",
    "gradient_step__normalised_grad": r"norm|unit|length|magnitude|scale|size of the gradient|divid|direction only",
    # learn_filter
    "learn_filter__no_factor2": r"factor (of )?(2|two)|\b2 ?\*|2x|twice|half|derivative of the square|chain rule|the 2\b|a 2\b",
    "learn_filter__sum_not_mean": r"mean|average|divid|number of (positions|outputs|elements|values)|count|scale|summ?ed|too (big|large)|diverg|normali",
    "learn_filter__mean_per_image": r"mean|average|number of images|per image|each image|all images|overall|together|divid|scale|too (big|large)",
    "learn_filter__target_minus_out": r"sign|target ?- ?out|out ?- ?target|ascent|revers|opposite|diverg|minus|wrong direction|grows|increas",
    "learn_filter__ones_init": r"zero|init|start|ones|np\.ones",
    "learn_filter__steps_off_by_one": r"off.by.one|one (more|fewer|extra|too many|too few|less) (step|iteration)|number of (steps|iterations)|steps? (count|number)|range\(1|steps ?- ?1|iteration count|too (few|many) (steps|iterations)|one step (short|missing|fewer|too)",
    "learn_filter__first_image_only": r"first image|only one image|one image|all (the )?images|every image|each image|other images|ignor|whole list|all (the )?examples|images\[0\]",
    "learn_filter__gradient_overwritten": r"accumul|overwrit|last image|only (the )?(last|one) image|all (the )?images|every image|\+=|replac|instead of add|add(ed|s)? up|sum(med)? over (the |all )?images",
    "learn_filter__step_per_image": r"per image|each image|every image|stochastic|sgd|batch|inside the (image )?loop|after each|mean over all|all (the )?images",
    "learn_filter__result_discarded": r"discard|assign|return(ed)? value|never (updat|chang)|not (updat|chang)|unchanged|still zero|all zeros|stays|new array|kernel =|result",
    "learn_filter__lr_hardcoded": r"learning rate|\blr\b|hard.?cod|ignor|0\.2|argument|default",
    "learn_filter__grad_not_reset": r"reset|zero_grad|accumul|clear|previous|across steps|stale|each step|every step|re-?initiali|old gradient",
    "learn_filter__divide_by_pixels": r"mean|divid|positions|pixels|count|scale|average|normali|number of",
}
