"""What counts as a RIGHT name of each planted mistake (matched case-insensitively against the
grader's one-sentence diagnosis). Written before any grading. Broad on purpose: any correct
description of the cause, or of how the output differs because of it."""

# shared pieces
STRIDE = r"stride|step(s|ping)? (of|by|between)|every (other|second|s-?th)|jump|skip"
PAD = r"pad|zero(s|-| )?(border|frame|ring|around)|border|margin"
TYPE_INT = r"numpy int|np\.int|int64|int32|python int|plain int|\bint\(|integer type|not an? (python )?int|type|container"
DTYPE_FLOAT = r"dtype|float64|float|integer|\bint|uint8|truncat|wrap|overflow|round|cast|type"
LIST = r"\blist|not (a|an) (numpy )?array|ndarray|np\.array|array instead|container|type"

REGEXES = {
    # ---------------------------------------------------------------- filter_response
    "filter_response__matmul": r"matri(x|ces) (product|multipl)|matmul|@|np\.dot|\bdot\b|row.{0,10}(times|by).{0,10}column|linear.algebra",
    "filter_response__mean_not_sum": r"mean|average|divid|scaled? down|normali[sz]|/ ?(9|kh|the number|size)|too small by|times smaller|fraction of",
    "filter_response__row_subtotals": r"row|subtotal|per.row|axis|not (a |one )?(single )?(number|float|scalar)|an array|array instead|one number per|final (sum|total)|sum (of )?(everything|all)|add (them|those|the rows?) up|shape|list",
    "filter_response__kernel_indexed_ji": r"transpos|\[j\]\[i\]|\[j, ?i\]|swap|rows? and columns?|columns? and rows?|index|misalign|mismatch|wrong (weight|pixel)|diagonal|mirror",
    "filter_response__abs_value": r"abs|sign|negative|magnitude|minus|positive",
    "filter_response__return_in_row_loop": r"first row|one row|only (the )?(first|top)|early|return.{0,30}(inside|in|within) the (loop|for)|indent|part of the (patch|products|filter)|not all (the )?(rows|products)|(some|missing) (rows|products)|stops? (after|early)|partial",
    "filter_response__kernel_height_for_width": r"square|width|\bkw\b|columns?|non.?square|shape\[0\]|len\(kernel\)|height for both|not all (the )?(products|columns)|missing|part of the",
    "filter_response__assign_not_accumulate": r"last|overwrit|\+=|accumulat|replac|only one (product|pixel|term|cell)|bottom.right|single (product|term|cell)|keeps? only|instead of adding|not (add|summ)",
    # ---------------------------------------------------------------- output_shape
    "output_shape__no_plus_one": r"\+ ?1|plus one|one (too )?(few|short|less|fewer|smaller)|off.by.one|one (row|column|position) (short|missing|too few)|missing (the )?(last|first|one)|first position",
    "output_shape__ceil": r"ceil|round(ed|s|ing)? up|hang|off the edge|partial|floor|round(ed|s|ing)? down|//|integer division|beyond the (edge|image)|does not fit|doesn't fit",
    "output_shape__padding_once": r"pad|2 ?\* ?p|twice|both sides|one side|each side|every side|two sides",
    "output_shape__plus_one_before_division": r"\+ ?1|plus one|before (the )?divi|after (the )?divi|divid(e|es|ing|ed) (the )?(whole|count|positions|number)|one (too )?(few|short|less|fewer)|off.by.one|order|parenthes|floor|bracket|first position",
    "output_shape__swapped": r"swap|width.{0,15}height|height.{0,15}width|order|transpos|revers|\(w|rows? and columns?|columns? and rows?",
    "output_shape__stride_ignored": STRIDE,
    "output_shape__numpy_ints": TYPE_INT,
    # ---------------------------------------------------------------- convolve
    "convolve__flipped_scipy_convolve2d": r"flip|rotat|180|true convolution|convolution instead|mathemat|upside|mirror|revers|convolve2d|not cross.?correlat|instead of (cross.?)?correlat",
    "convolve__loop_one_short": r"one (row|column|position)|short|too (small|few)|last (row|column|position)|off.by.one|\+ ?1|missing|range|bound|fewer|smaller",
    "convolve__always_same_size": r"same|keeps? the (image|input)('s)? (size|shape)|size of the (image|input)|k ?// ?2|kernel ?// ?2|half|ignor.{0,20}pad|pad.{0,40}(ignor|fixed|always|own|instead)|too (large|big)|output (size|shape)|larger|bigger",
    "convolve__stride_ignored": STRIDE,
    "convolve__stride_not_in_window": STRIDE + r"|window|start|top.left|corner|i ?\* ?s|consecutive|adjacent|neighbou?ring positions|overlap",
    "convolve__padding_on_one_side": r"one side|shift|off.?cent|top.left|corner|offset|bottom|right|left|misplac|all (the )?pad|asymmetr|uneven|not centr|moved|displac",
    "convolve__pad_edge_mode": r"zero|edge|replicat|repeat|border|pad(ding)? (value|with)|constant|copy|copies|nearest|reflect|not 0",
    "convolve__output_dtype_of_image": DTYPE_FLOAT,
    "convolve__accumulator_not_reset": r"reset|accumulat|running|cumulative|carr(y|ies|ied)|previous|earlier|keeps? (adding|growing)|grow|not (re)?initiali|total|sum of (all )?(the )?(earlier|previous)",
    "convolve__overwrite_not_accumulate": r"last|overwrit|\+=|accumulat|replac|only one (weight|term|pixel|offset|product)|bottom.right|single (weight|term)|keeps? only|instead of adding|not (add|summ)",
    "convolve__size_ignores_padding": r"pad|crop|too (small|few)|missing|last (rows?|columns?)|smaller|size|shape|cut",
    "convolve__padding_ignored_windows": PAD + r"|too (small|few)|smaller",
    "convolve__width_loop_uses_height": r"width|height|column|\bw\b|out_w|non.?square|range\(out_h\)|rectang|transpos|swap|zeros? (on|in|at) the (right|edge)|right.hand|index",
    "convolve__normalised_by_kernel_sum": r"normali[sz]|divid|scal|kernel('s)? sum|sum of (the )?(kernel|weights|filter)|average|mean|blur",
    "convolve__stride_rows_only": r"stride.{0,60}(column|width|horizontal|across|one (axis|direction|dimension)|only|rows? only|vertical)|(column|width|horizontal|across|one (axis|direction|dimension)).{0,60}stride|both (axes|directions|dimensions)",
    "convolve__pad_rows_only": r"pad.{0,60}(column|width|left|right|side|one (axis|direction|dimension)|rows? only|top|bottom|horizontal|vertical)|(column|width|left|right|one (axis|direction|dimension)).{0,60}pad|both (axes|directions|dimensions)|four sides|all (four )?sides",
    "convolve__ndimage_same_size": r"same|centr|too (large|big)|larger|bigger|size|shape|ndimage|library|valid|border|shift|keeps? the (image|input)",
    "convolve__returns_list": LIST,
    # ---------------------------------------------------------------- feature_maps
    "feature_maps__summed_over_filters": r"(sum|add|combin|merg|collaps).{0,40}(filters|maps)|(one|single) map|one per filter|stack|not stacked|instead of (stacking|one map per)|filters? (axis|dimension)|\(H', ?W'\)|2.?d|missing (the )?(filter|k) axis",
    "feature_maps__channels_last_output": r"axis|axes|order|last|transpos|channels?.last|\(H', ?W', ?K\)|filter first|stack|moveaxis|dimension|shape",
    "feature_maps__first_filter_reused": r"same filter|one filter|first filter|filters\[0\]|reus|every map|all (the )?maps|identical|each filter('s)? own|only (the )?first|same (weights|kernel)",
    "feature_maps__channel_maps_not_summed": r"(sum|add|combin).{0,40}channel|channel.{0,40}(sum|add|combin)|k ?\* ?c|one map per (channel|\(filter)|per (filter and|\(filter,?) channel|too many maps|separate map",
    "feature_maps__bias_forgotten": r"bias.{0,60}(forg|miss|never|not added|not included|omit|left out|ignor|without|leave|absent|dropped)|(forg|miss|without|\bno\b|omit|ignor|dropp).{0,40}bias",
    "feature_maps__bias_per_channel": r"bias.{0,60}(channel|times|once|twice|repeat|inside|loop|c times|multiple|more than once|every)|(channel|inside|loop).{0,60}bias",
    "feature_maps__padding_on_channel_axis": r"pad.{0,60}(channel|first axis|axis 0|three|3.?d|depth|every axis|all axes)|(channel|depth).{0,60}pad|shift.{0,30}channel|channel.{0,30}(shift|misalign|offset)",
    "feature_maps__last_channel_only": r"last channel|one channel|only (the )?(last|one|a single) channel|overwrit|\+=|(sum|add).{0,40}channel|channel.{0,40}(sum|add)|replac|single channel|other channels",
    "feature_maps__first_channel_only": r"first channel|one channel|only (the )?(first|one|a single) channel|channel 0|\[0\]|(sum|add).{0,40}channel|channel.{0,40}(sum|add|ignor)|single channel|other channels|grey|gray",
    "feature_maps__padding_not_passed": PAD,
    "feature_maps__im2col_reshape_not_transpose": r"reshape|transpos|scrambl|order|axis|axes|layout|interleav|mix|shuffl|permut|filter first|arrange",
    "feature_maps__if_biases_truthiness": r"truth|ambiguous|if biases|is not none|\bnone\b|bool|\.any|\.all|raised|error|exception|crash",
    "feature_maps__accumulator_shared_across_filters": r"reset|accumulat|running|cumulative|carr(y|ies|ied)|previous|earlier|leak|add(s|ed)? up (the )?(previous|earlier)|not (re)?initiali|shared|each map (also|includes)|(sum|add).{0,30}(filters|maps)",
    "feature_maps__einsum_sums_filters": r"(sum|add|combin).{0,40}filters|filters.{0,40}(sum|add|combin)|(one map|maps?) per (input )?channel|channel axis|\(C, ?H', ?W'\)|einsum|subscript|wrong axis|instead of (the )?channels|over the filters",
    "feature_maps__channels_collapsed_first": r"(sum|add|combin|collaps|merg|flatten|average).{0,40}(channel|slices|depth)|(channel|slices).{0,40}(sum|add|combin|collaps|merg|first|before)|grey|gray|before convolv|own slice|each channel",
    # ---------------------------------------------------------------- conv_params
    "conv_params__bias_forgotten": r"bias.{0,60}(forg|miss|never|not added|not included|omit|left out|ignor|without|leave|absent|dropped)|(forg|miss|without|\bno\b|omit|ignor|dropp).{0,40}bias",
    "conv_params__channels_forgotten": r"(input|in).?channel|channels|depth|in_channels|c ?\* ?k|colou?r|rgb|each filter (has|is) (as deep|one slice)|slice",
    "conv_params__pair_taken_as_square": r"square|pair|kh ?\* ?kw|width|non.?square|\(kh, ?kw\)|tuple|rectang|both (dimensions|sides)|kernel_size\[0\]|k ?\* ?k|\bkw\b",
    "conv_params__bias_per_channel_slice": r"bias.{0,60}(channel|slice|per|each|every|one per|too many|times)|(channel|slice).{0,60}bias|one bias per filter",
    "conv_params__numpy_int": TYPE_INT,
    "conv_params__bias_flag_ignored": r"bias.{0,60}(false|even|always|ignor|flag|argument|not wanted|unwanted|shouldn|regardless)|(false|flag|argument|ignor).{0,60}bias|extra|too many",
    # ---------------------------------------------------------------- dense_params
    "dense_params__sum_not_product": r"sum|add|\+|instead of multipl|product|times|multipl|every (input|pair)|each (pair|input)|n_in ?\* ?n_out|connected to every",
    "dense_params__bias_per_input": r"bias.{0,60}(input|n_in|per|each|every|one per)|(input|n_in).{0,60}bias|one (bias )?per output",
    "dense_params__bias_flag_ignored": r"bias.{0,60}(false|even|always|ignor|flag|argument|not wanted|unwanted|shouldn|regardless)|(false|flag|argument|ignor).{0,60}bias|extra|too many",
    "dense_params__single_bias": r"(one|single|\b1|a) bias|bias.{0,40}(per output|each output|every output|n_out|outputs?)|(per|each|every) output|too few",
    # ---------------------------------------------------------------- kernel_gradient
    "kernel_gradient__flipped_convolve2d": r"flip|rotat|180|true convolution|convolution instead|revers|mirror|upside|convolve2d|not cross.?correlat|misalign",
    "kernel_gradient__mean_over_positions": r"mean|average|divid|normali[sz]|too small|scaled? down|number of positions|instead of (the )?sum|sum over|smaller by",
    "kernel_gradient__last_position_only": r"(one|single|last|first) position|only (one|the last|the first)|every position|all (the )?positions|overwrit|\+=|accumulat|sum over|shared|add(s|ed|ing)? up|replac|keeps? only",
    "kernel_gradient__shape_one_short": r"shape|one (row|column)|short|\+ ?1|off.by.one|missing|too small|size|smaller|last (row|column)",
    "kernel_gradient__int_output_for_int_image": DTYPE_FLOAT,
    "kernel_gradient__summed_wrong_axes": r"axis|axes|shape|sum(med|s)? over|wrong (dimension|direction)|positions|offset|output('s)? shape|kernel('s)? shape|\(H', ?W'\)|transpos",
    "kernel_gradient__extra_factor_two": r"\b2\b|two|twice|double|factor|too (large|big)|scaled?",
    "kernel_gradient__negated": r"sign|negat|minus|opposite|revers|flipped sign|-=|ascent",
    "kernel_gradient__elementwise_cropped": r"shape|elementwise|element.wise|sum over|position|slide|slid|correlat|crop|output('s)? shape|kernel('s)? shape|every position|shared|add(s|ed|ing)? up|not summed",
    # ---------------------------------------------------------------- gradient_step
    "gradient_step__ascent": r"sign|ascent|\+|add(s|ed|ing)? the gradient|uphill|up the|wrong direction|opposite|towards|along the gradient|grows?|increas|plus|minus|subtract",
    "gradient_step__lr_missing": r"learning rate|\blr\b|step size|scal|whole gradient|full gradient|too (large|big)",
    "gradient_step__aliased_in_place": r"in.?place|modif|mutat|copy|alias|same (array|object)|new array|changed (the|its|your) (input|kernel|argument)|-=|overwr",
    "gradient_step__divides_by_lr": r"divid|/ ?lr|learning rate|\blr\b|multipl|invert|reciprocal|too (large|big)|step size",
    "gradient_step__returns_update_only": r"only the (update|step|change)|update only|forgot.{0,30}kernel|without (the )?(old |current )?kernel|kernel -|add(ed|ing)? (it )?to the kernel|not (added|applied) to|start(ing)? (point|weights)|current weights|delta|change instead|the step itself|-lr ?\*",
    "gradient_step__normalised_gradient": r"normali[sz]|norm|unit|divid|length|magnitude|direction only|scal|size of the gradient",
    "gradient_step__returns_list": LIST,
    # ---------------------------------------------------------------- learn_filter
    "learn_filter__error_sign_flipped": r"sign|ascent|target ?- ?out|uphill|opposite|revers|wrong direction|diverg|grows?|blow|explod|minus|negat|increas",
    "learn_filter__factor_two_dropped": r"\b2\b|two|factor|half|halved|too small|slow|derivative of (the )?square|square",
    "learn_filter__sum_not_mean": r"mean|average|sum|divid|number of (positions|pixels|outputs|elements)|too (large|big)|diverg|blow|explod|scal|normali[sz]|overflow|nan|inf",
    "learn_filter__step_per_image": r"per image|each image|every image|one (image|example) at a time|stochastic|sgd|one step per|(all|over) (the )?images|too many steps|batch|mean over all",
    "learn_filter__mean_over_one_image": r"mean|average|divid|number of (positions|pixels|outputs|elements|images)|all (the )?images|too (large|big)|diverg|blow|explod|scal|normali[sz]|overflow|nan|inf|sum(med|s)? over (the )?images|one image",
    "learn_filter__mean_over_images_only": r"mean|average|divid|number of (positions|pixels|outputs|elements)|positions|too (large|big)|diverg|blow|explod|scal|normali[sz]|overflow|nan|inf",
    "learn_filter__grad_not_reset": r"reset|accumulat|carr(y|ies|ied)|previous|earlier|old gradients?|keeps? (adding|growing)|grow|not (re)?initiali|zero(ed)? (the|each)|momentum|stale|outside the loop|before the loop",
    "learn_filter__return_inside_loop": r"one step|single step|first step|after (one|the first)|early|return.{0,30}(inside|in|within) the (loop|for)|indent|stops?|steps? (argument|ignored)|not enough steps|too few steps|only (one|1)",
    "learn_filter__last_image_only": r"last image|one image|only (the )?(last|one|a single) image|overwrit|\+=|(sum|add|accumulat|mean|average).{0,40}images|images.{0,40}(sum|add|accumulat)|other images|single image|replac",
    "learn_filter__error_computed_once": r"once|before the loop|outside the loop|stale|recomput|same gradient|never (changes|updated|recomputed)|each step|every step|fixed|constant|zero kernel|not updated|initial",
    "learn_filter__step_result_discarded": r"zero|never (changes|updated|moves|assigned)|not (assigned|updated|saved|kept|stored)|discard|ignor|return value|result of gradient_step|unchanged|stays|assign",
    "learn_filter__starts_from_ones": r"ones|initiali[sz]|start(s|ing)? (from|with|at)|initial|zeros|1s|not (from )?zero",
    "learn_filter__lr_applied_twice": r"lr ?\*\* ?2|lr\^?2|squared|twice|two times|double|learning rate|\blr\b|too small|slow|scal",
}
