"""What counts as a RIGHT name for each planted mistake of the r13 corpus.

Written BEFORE any grading (a copy is in harness/regexes.before-grading.py); never changed after.
Matched case-insensitively (re.I, re.search) against one diagnosis text of the broken function
(what follows "Mistake spotted:" / "looks like:", or a type/dtype message). A regex accepts the
phrasings a teacher could use for the cause, or for how the output differs because of it; for a
compound mistake it accepts a name of either bug.
"""

# --- reusable pieces -------------------------------------------------------------------------
FLIP = r"flip|rotat|180|half.?turn|upside|revers|mirror|true convolution|mathematical convolution|textbook convolution"
MEAN = r"\bmean\b|averag|divid"
DTYPE = r"dtype|\bint(eger)?s?\b|int64|int32|uint8|float|truncat|round|overflow|wrap|cast|type"
STRIDE = r"stride|step(s|ping)? (of|by) (one|1)|every (pixel|position)|one pixel at a time|jump"
ONE_SHORT = (r"one (row|column|position|window)s? (short|too few|fewer|less|missing|lost)|"
             r"last (row|column|position|window)|off.?by.?one|\+ ?1\b|too (few|small)|range\(")
PAD_SIDES = (r"one side|both sides|every side|each side|all (four )?sides|four sides|two sides|"
             r"bottom|right (side|edge)|symmetric|shift|once|twice|2 ?\* ?p|2p")
BIAS_WORD = r"bias"
CHANNELS = (r"in_channels|input channels?|depth|channels? (forgotten|missing|ignored|left out|not counted)|"
            r"(each|every|per|all) (the )?(input )?channels?|colou?r channels?|rgb|\b(3|three) channels|forg[eo]t\w* (the )?(input |3 |three )?channels")
PAD_SIDES_CONV = (r"one side|both sides|every side|each side|all (four )?sides|four sides|two sides|"
                  r"bottom|right (side|edge)|symmetric|shift")
UNPADDED = (r"unpadded|not padded|without (the )?(zero )?padding|original image|padded (image|array) (is )?(never|not) used|"
            r"pad(ding)? (is )?(ignored|missing|forgotten|not applied|never applied|not used)|forg[eo]t.{0,20}pad")
BIAS_FORGOTTEN = (r"bias.{0,40}(forg[eo]t|missing|never|not (added|counted|included)|left out|omitted|ignored|absent)|"
                  r"(forg[eo]t\w*|missing|never (add|count)\w*|without|\bno|ignor\w*|omit\w*|left out).{0,30}bias")
ONE_BIAS = (r"(one|single|a) bias (for|per) (the )?(whole )?layer|bias.{0,40}(per|each|every|for each) (filter|output|unit|neuron|out_channel|map)|"
            r"(per|each|every) (filter|output|unit|neuron).{0,40}bias|(out_channels|n_out) biases|\+ ?1\b|only one bias|single bias")
RELU = r"relu|negative|clip|clamp|max\s*\(|maximum|activation|below (0|zero)|non.?negative"

REGEXES = {
    # ---------------------------------------------------------------- filter_response
    "filter_response__matrix_product": r"matri(x|ces)|matmul|np\.dot|\bdot\b|@|row.?by.?column",
    "filter_response__flipped_kernel": FLIP,
    "filter_response__kernel_transposed": r"transpos|\[j\]\s*\[i\]|swap|rows? (and|for|with) columns?|columns? (and|for|with) rows?|indices|index order",
    "filter_response__mean_not_sum": MEAN,
    "filter_response__int_result_for_int_input": r"float|\bint(eger)?s?\b|int64|numpy|type",
    "filter_response__square_patch_assumed": r"square|columns?|width|\bkw\b|shape|part of the (patch|filter|kernel|window)|not (all|every) (the )?(cells|pixels|weights)|range",
    "filter_response__relu_applied": RELU,
    "filter_response__absolute_value": r"\babs|absolute|negative|sign|magnitude",
    "filter_response__compound_flipped_and_mean": FLIP + "|" + MEAN,

    # ---------------------------------------------------------------- output_shape
    "output_shape__ceil_not_floor": r"ceil|round(s|ed|ing)? ?up|floor|round(s|ed|ing)? ?down|hang|off the edge|partial|does not fit|doesn.t fit",
    "output_shape__padding_counted_once": r"pad.{0,60}(" + PAD_SIDES + r")|(" + PAD_SIDES + r").{0,60}pad",
    "output_shape__stride_divides_count": r"divid|\(n ?\+ ?1\)|\+ ?1\)? ?// ?s|// ?stride|last (position|row|column|window)|one (position|row|column|window)s? (short|too few|fewer|missing|less)|one too few|off.?by.?one",
    "output_shape__true_division_floats": r"float|\bint(eger)?s?\b|type|divi|//|fraction",
    "output_shape__numpy_ints": r"numpy|np\.|int64|python int|type|dtype",
    "output_shape__kernel_height_for_width": r"\bkw\b|\bkh\b|width|height|non.?square|square|swap|transpos|kernel.?s? (shape|size)|filter.?s? (shape|size)",
    "output_shape__compound_stride_ignored_and_no_plus_one": STRIDE + "|" + ONE_SHORT + r"|fits",

    # ---------------------------------------------------------------- convolve
    "convolve__flipped_kernel": FLIP,
    "convolve__range_one_short": ONE_SHORT + r"|short|missing (row|column)|end (of the image|too early)|stops? (one )?(too )?early",
    "convolve__stride_in_size_not_in_window": STRIDE + r"|window (start|position|placement)|i ?\* ?s|top.?left|overlap",
    "convolve__padding_on_one_side": r"pad.{0,60}(" + PAD_SIDES_CONV + r")|(" + PAD_SIDES_CONV + r").{0,60}pad|shift",
    "convolve__padding_repeats_edge": r"not zeros?|non.?zero|instead of zeros?|replicat|repeat|edge (value|pixel|mode)|mode\s*=|pad(ding|ded)? (value|with (the )?(edge|border|ones|image|copies))|cop(y|ies) of the (edge|border)|value of the padding|other than zero|border (value|pixel)s?",
    "convolve__output_dtype_of_input": DTYPE,
    "convolve__padding_left_out_of_size": r"pad.{0,60}(size|shape|count|positions|2 ?\* ?p|2p)|(size|shape|count|positions).{0,60}pad|too (small|few)",
    "convolve__width_from_height": r"width|height|non.?square|square (image|input)|swap|columns",
    "convolve__square_kernel_assumed": r"square|\bkw\b|kernel.?s? (width|shape)|filter.?s? (width|shape)|width of the (kernel|filter)",
    "convolve__output_padded_not_image": r"pad.{0,60}(output|map|result|after)|(output|map|result).{0,60}pad|pads? the (output|map|result)",
    "convolve__returns_list": r"list|ndarray|array|type|container",
    "convolve__windows_from_unpadded_image": UNPADDED,
    "convolve__kernel_flipped_upside_down": FLIP + r"|vertical|rows? (reversed|order)|order of the rows",
    "convolve__last_row_and_column_left_zero": r"last (row|column|position|window)|final (row|column)|range\(|off.?by.?one|one (row|column|position)s? (short|missing|too few)|bottom row|right(most|.hand)? column|(left|stay|stays|remain|remains) (at )?(zero|0|empty)|not (filled|computed)|unfilled|never (computed|filled|written)",
    "convolve__compound_stride_ignored_and_one_short": STRIDE + "|" + ONE_SHORT,
    "convolve__compound_padding_one_side_and_input_dtype": r"pad.{0,60}(" + PAD_SIDES_CONV + r")|(" + PAD_SIDES_CONV + r").{0,60}pad|shift|" + DTYPE,
    "convolve__compound_flipped_and_windows_from_unpadded": FLIP + "|" + UNPADDED,

    # ---------------------------------------------------------------- feature_maps
    "feature_maps__channels_averaged": MEAN + r"|by C\b|number of channels|channel count",
    "feature_maps__bias_added_per_channel": r"bias.{0,80}(channel|C times|times|repeat|more than once|several|multipl|once)|(channel|each|every|per).{0,40}bias",
    "feature_maps__first_filter_reused": r"first filter|same filter|one filter|filters?\s*\[0\]|reus|identical|every map|all (the )?maps|filter k",
    "feature_maps__padding_on_channel_axis": r"channel.{0,60}pad|pad.{0,60}channel|(all|three|3|every) ax[ie]s|depth",
    "feature_maps__crash_when_biases_none": r"none|optional|without (a |any )?bias|no bias",
    "feature_maps__default_biases_per_channel": r"none|zeros\(\s*c\s*\)|length|(more )?filters than (input )?channels|K than C|index(error)?|out of (range|bounds)|optional|no bias(es)?\b|without (a |any )?bias|number of (filters|biases)",
    "feature_maps__stride_not_passed": STRIDE,
    "feature_maps__padding_not_passed": r"pad",
    "feature_maps__output_dtype_of_input": DTYPE,
    "feature_maps__first_channel_only": r"(first|one|single|only)( input)? channel|other channels|channels? (ignored|missing|left out|skipped|dropped)|(ignor|skip|drop|forg[eo]t)\w*.{0,30}channels|not summed over (the |all )?(input )?channels|sum(s|med|ming)? over (all |every |the )?(input )?channels|all (the )?(input )?channels|every (input )?channel",
    "feature_maps__relu_applied": RELU,
    "feature_maps__bias_broadcast_on_last_axis": r"broadcast|axis|axes|column|width|reshape|none, ?none|newaxis|per position|position",
    "feature_maps__compound_channels_averaged_and_bias_forgotten": MEAN + "|" + BIAS_FORGOTTEN,
    "feature_maps__compound_stride_not_passed_and_bias_per_channel": STRIDE + r"|bias.{0,80}(channel|C times|times|repeat|more than once|several|multipl|once)|(channel|each|every|per).{0,40}bias",

    # ---------------------------------------------------------------- conv_params
    "conv_params__biases_forgotten": BIAS_FORGOTTEN,
    "conv_params__input_channels_forgotten": CHANNELS,
    "conv_params__one_bias_for_the_layer": ONE_BIAS,
    "conv_params__tuple_kernel_taken_as_square": r"square|\bkw\b|\(kh, ?kw\)|tuple|pair|width|second|non.?square|rectang",
    "conv_params__bias_per_input_channel": r"bias.{0,80}(channel|in_channels|input)|(channel|input).{0,80}bias",
    "conv_params__bias_flag_ignored": r"bias ?= ?false|flag|\bfalse\b|ignor.{0,40}bias|bias.{0,40}(ignor|always|even)|no bias|without (a |any )?bias|always",
    "conv_params__compound_input_channels_forgotten_and_one_bias": CHANNELS + "|" + ONE_BIAS,

    # ---------------------------------------------------------------- dense_params
    "dense_params__inputs_plus_outputs": r"sum|add(s|ed|ing)?\b|\+|product|multipl|pair|times|\bx\b",
    "dense_params__bias_per_input": r"bias.{0,80}(input|n_in|output|n_out)|(input|n_in|output|n_out).{0,80}bias",
    "dense_params__bias_flag_ignored": r"bias ?= ?false|flag|\bfalse\b|ignor.{0,40}bias|bias.{0,40}(ignor|always|even)|no bias|without (a |any )?bias|always",
    "dense_params__one_bias_for_the_layer": ONE_BIAS,

    # ---------------------------------------------------------------- kernel_gradient
    "kernel_gradient__flipped": FLIP + r"|misalign",
    "kernel_gradient__one_position_only": r"one position|single position|first position|only (one|the first)|every position|all (the )?positions|sum(s|med|ming)? over|shared|each position|top.?left|\[0, ?0\]",
    "kernel_gradient__mean_over_positions": MEAN + r"|number of positions",
    "kernel_gradient__kernel_size_off_by_one": r"shape|size|\+ ?1\b|off.?by.?one|one (row|column)s? (short|too few|smaller|fewer|missing)|too small",
    "kernel_gradient__window_height_width_swapped": r"swap|transpos|height|width|non.?square|rows? (and|for|with) columns?",
    "kernel_gradient__dtype_of_image": DTYPE,
    "kernel_gradient__last_positions_skipped": r"last (row|column|position|window)|range\(|off.?by.?one|one (row|column|position)s? (short|missing|too few)|missing positions|bottom row|right(most)? column",
    "kernel_gradient__compound_mean_and_flipped": FLIP + r"|misalign|" + MEAN,
    "kernel_gradient__compound_dtype_and_last_positions_skipped": DTYPE + r"|last (row|column|position|window)|range\(|off.?by.?one|one (row|column|position)s? (short|missing|too few)|missing positions|bottom row|right(most)? column",

    # ---------------------------------------------------------------- gradient_step
    "gradient_step__ascent": r"sign|ascent|\+|plus|against|direction|uphill|adds? the gradient|increas|opposite|wrong way",
    "gradient_step__learning_rate_missing": r"learning rate|\blr\b|step size|scal",
    "gradient_step__in_place": r"in.?place|modif|mutat|new array|copy|changed (the|its) input|overwr|same (array|object)",
    "gradient_step__keeps_integer_dtype": DTYPE,
    "gradient_step__divides_by_lr": r"learning rate|\blr\b|divid|step size|scal|/ ?lr",
    "gradient_step__compound_in_place_and_ascent": r"in.?place|modif|mutat|new array|copy|changed (the|its) input|overwr|same (array|object)|sign|ascent|plus|against|direction|uphill|adds? the gradient|increas|opposite|wrong way",

    # ---------------------------------------------------------------- learn_filter
    "learn_filter__factor_two_dropped": r"factor|\b2 ?\*|\* ?2\b|twice|half|halv|double|derivative of (the )?square|two times|\b2x\b|slow",
    "learn_filter__sum_not_mean": MEAN + r"|\bsum\b|sums|number of (positions|pixels|outputs|entries)|scale|too (big|large)",
    "learn_filter__error_sign_flipped": r"sign|ascent|target ?- ?out|minus|direction|diverg|uphill|wrong way|opposite|revers",
    "learn_filter__gradient_overwritten_per_image": r"last image|only (one|the last|a single) image|every image|all (the )?images|accumulat|overwr|sum(s|med|ming)? over (the |all )?images|each image|other images|several images|more than one image|\+=",
    "learn_filter__steps_ignored": r"steps.{0,40}(ignor|argument|parameter|fixed|hard.?coded|always|default)|(ignor\w*|hard.?cod\w*|fixed|default).{0,40}(steps|iterations)|\b200\b|number of (steps|iterations)",
    "learn_filter__lr_ignored": r"learning rate|\blr\b|step size|\b0\.2\b",
    "learn_filter__one_step_short": r"(steps|iterations).{0,40}(one|1) (short|fewer|less|too few)|(one|1) (step|iteration)s? (short|too few|fewer|less|missing)|steps ?- ?1|off.?by.?one|range\(1|too few (steps|iterations)|fewer (steps|iterations)|wrong number of (steps|iterations)|number of (steps|iterations)",
    "learn_filter__starts_from_ones": r"zero|start|init|ones",
    "learn_filter__mean_uses_first_image_size": r"size|different|number of (positions|pixels|outputs|entries)|first (image|target)|\bmean\b|averag|divid|count|total",
    "learn_filter__compound_steps_ignored_and_factor_two_dropped": r"steps.{0,40}(ignor|argument|parameter|fixed|hard.?coded|always|default)|(ignor\w*|hard.?cod\w*|fixed|default).{0,40}(steps|iterations)|\b200\b|number of (steps|iterations)|factor|\b2 ?\*|\* ?2\b|twice|half|halv|double|derivative of (the )?square|two times|\b2x\b|slow",
    "learn_filter__compound_gradient_overwritten_and_starts_from_ones": r"last image|only (one|the last|a single) image|every image|all (the )?images|accumulat|overwr|sum(s|med|ming)? over (the |all )?images|each image|other images|several images|more than one image|\+=|zero|start|init|ones",
}
