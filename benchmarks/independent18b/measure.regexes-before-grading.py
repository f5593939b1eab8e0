"""Copy of measure.py's REGEXES, saved BEFORE the r5 corpus was graded by anyone.

measure.py compares its REGEXES with this file at start-up and warns if they differ.
"""

REGEXES = {
    # filter_response
    "filter_response__matmul":
        r"matri(x|ces)|matmul|@|np\.dot|\.dot\(|\bdot\b|rows? (times|by|of|with).{0,30}columns?|linear algebra",
    "filter_response__flipped_kernel":
        r"flip|rotat|180|upside|revers|true convolution|mathemati|mirror|\[::-1",
    "filter_response__mean":
        r"mean|average|divid|per (weight|pixel|cell)|number of (weights|cells|pixels|entries)|too small",
    "filter_response__row_subtotals":
        r"\brows?\b|subtotal|\blist\b|array|not.{0,20}(one|single|a) (number|float|value)|several (numbers|values)"
        r"|per.row|one (number|total) per|final sum|add(ed)? (them|these|everything|all)|never add|sum.{0,20}(all|every)",
    "filter_response__numpy_int_result":
        r"int|float|type|numpy (scalar|number)|np\.|overflow|wrap",
    # output_shape
    "output_shape__stride_ignored":
        r"stride",
    "output_shape__ceil":
        r"ceil|round(ed|s|ing)? up|floor|round(ed|s|ing)? down|hang|off the edge|partial|(does not|doesn't|would not) fit"
        r"|too many positions|one (extra|too many)|rounding",
    "output_shape__padding_once":
        r"pad.{0,60}(once|one side|both sides|each side|every side|two sides|twice|2 ?\*|2p|all four|four sides|double)"
        r"|(once|one side|both sides|each side|every side|twice|2 ?\* ?p|2p|double).{0,60}pad",
    "output_shape__plus_one_inside":
        r"\+ ?1|plus one|off.by.one|one (position |row |column )?(too )?(few|short|fewer|less|missing)|misplac"
        r"|parenthes|bracket|order of operations|before (the )?divi|inside the (division|floor)|first position",
    # convolve
    "convolve__flipped_kernel":
        r"flip|rotat|180|upside|revers|true convolution|mathemati|cross.?correlat|mirror",
    "convolve__loop_bound_short":
        r"one (row|column|position)|last (row|column|position)|short|missing|too (small|few)|off.by.one|range\(|loop bound"
        r"|\+ ?1|fewer|smaller|(one|a) (row|column) (and|or) (one|a) (row|column)",
    "convolve__always_same_size":
        r"same|input('s)? (size|shape)|(size|shape) of the (input|image)|as (big|large) as the (input|image)|image('s)? (size|shape)"
        r"|zeros? (at|on|around|along) the (border|edge)|(border|edge)s? (left )?(at )?zero|too (big|large)|larger|extra (rows|columns)",
    "convolve__stride_ignored":
        r"stride|every position|each pixel|one pixel at a time|too (big|large|many positions)|larger",
    "convolve__stride_not_in_window_start":
        r"stride|window start|start(s|ing)? (of|at)|top.left corner|i ?\* ?s|\* ?s\b|one pixel at a time|every pixel"
        r"|adjacent positions|overlap",
    "convolve__padding_one_side":
        r"one side|shift|offset|pad.{0,50}(side|bottom|right|top|left|both|every|each|all four|symmetr|centr|corner)"
        r"|asymmetr|displace|moved|corner|off by one (row|column|pixel)",
    "convolve__padding_edge_values":
        r"pad(ding)? values?|edge|replicat|repeat|reflect|border (pixels|values)|not (with )?zeros?|non.?zero"
        r"|instead of zeros?|mode|constant|copies of the border|nearest|(must|should) be zeros?|with zeros",
    "convolve__height_width_swapped":
        r"swap|transpos|height.{0,40}width.{0,20}(swap|exchang|revers|mix)|\(h', ?w'\)|\(w', ?h'\)"
        r"|rows? (and|with) columns? (swapped|exchanged|mixed)|axes|axis order|\(x, ?y\)|\[x, ?y\]|orientation|(width|height) first",
    "convolve__output_dtype_of_image":
        r"dtype|int|uint8|float|zeros_like|truncat|type|overflow|wrap|round|fraction|negative",
    "convolve__returns_nested_list":
        r"list|array|ndarray|type|container",
    "convolve__padding_ignored":
        r"pad.{0,60}(ignor|missing|forgot|not (used|applied|added|done)|never|skipp|no effect|left out)"
        r"|(ignor|missing|forgot|\bno\b|not add|never add|without|skipp).{0,40}pad|too small|smaller|zeros? (around|added)",
    "convolve__einsum_kernel_transposed":
        r"transpos|swap|\[j\]\[i\]|\[j, ?i\]|\[b, ?a\]|kernel.{0,30}(rows?|columns?).{0,30}(columns?|rows?)"
        r"|(rows?|columns?) of the kernel|diagonal",
    # feature_maps
    "feature_maps__accumulator_not_reset":
        r"reset|cumulat|accumul|running|previous (filter|map)s?|earlier (filter|map)s?|sum.{0,40}filters|filters.{0,40}(added|summed)"
        r"|carr(y|ies|ied) over|leak|add(s|ed)? up (the )?(filters|maps)|start(s|ed)? from zero|re-?initiali",
    "feature_maps__summed_over_filters":
        r"sum.{0,40}(filters|maps)|(filters|maps).{0,40}(added|summed|combined|merged|collapsed)|one (map|feature map)"
        r"|single (map|feature map)|2-?d\b|two.dimensional|(missing|no|lost).{0,20}(filter )?(axis|dimension)|collapse",
    "feature_maps__channels_last":
        r"axis|axes|(axis|dimension) order|order of (the )?(axes|dimensions)|channels?.last|last (axis|dimension)"
        r"|\(h', ?w', ?k\)|transpos|filter.first|moveaxis|stacked (on|along)",
    "feature_maps__first_filter_reused":
        r"same filter|one filter|first filter|filters?\[0\]|reus|same (weights|map)|identical|every map.{0,30}same|only the first"
        r"|each filter('s)? own|own weights",
    "feature_maps__channels_not_summed":
        r"channel.{0,60}(not (summed|added)|separate|its own|own map|per channel|too many maps|extra maps)"
        r"|(sum|add|combin).{0,40}(over|across|the|all|every).{0,20}channels|k ?\* ?c|one map per (channel|\(filter, channel\)|pair)"
        r"|too many maps|(maps|map) per channel",
    "feature_maps__channels_averaged":
        r"mean|average|divid|too small|1/c|scaled? down",
    "feature_maps__bias_forgotten":
        r"bias.{0,50}(forgot|missing|miss|not added|never|ignored|left out|omitted|absent|dropped)"
        r"|(forgot|missing|\bno\b|not add|never add|ignor|left out|omit|without|dropped).{0,50}bias",
    "feature_maps__bias_per_channel":
        r"bias.{0,60}(channel|times|once|several|repeat|multiple|too (big|large|much)|more than once)"
        r"|(channel|once|several|repeat|multiple|twice|more than once).{0,60}bias",
    "feature_maps__padding_on_channel_axis":
        r"pad.{0,60}channel|channel.{0,60}pad|all (three|3) (axes|dimensions)|every axis|(h and w|height and width) only|first axis"
        r"|axis 0|spatial",
    "feature_maps__stride_padding_not_passed":
        r"stride|pass|forward|argument|default|ignor.{0,30}pad|pad.{0,30}(ignor|missing|not (used|applied))|no padding",
    "feature_maps__output_dtype_of_image":
        r"dtype|int|uint8|float|type|truncat|overflow|wrap|round",
    # conv_params
    "conv_params__bias_flag_ignored":
        r"bias",
    "conv_params__in_channels_forgotten":
        r"channel|depth|in_channels|\bc\b",
    "conv_params__square_kernel_assumed":
        r"kh|kw|non.?square|rectang|tuple|pair|kernel_size|height.{0,30}width|width.{0,30}height|square",
    # dense_params
    "dense_params__sum_not_product":
        r"sum|add|\+|product|multipl|every (input|pair)|each (input|output|pair)|pair|times|n_in ?\* ?n_out|fully.connected",
    "dense_params__bias_per_input":
        r"bias.{0,60}(input|output|n_in|n_out|per|each|one|count|number)|(per|each|one).{0,30}(output|input).{0,30}bias",
    # kernel_gradient
    "kernel_gradient__single_position":
        r"one position|single position|only.{0,30}(position|first|top.left|\(0, ?0\))|(sum|add|accumulat|collect).{0,40}(over|from|every|all|each).{0,20}position"
        r"|every position|all positions|shared|weight sharing|top.left|first position",
    "kernel_gradient__overwrite_not_accumulate":
        r"last position|one position|single position|only.{0,30}(position|last)|overwr|\+=|accumulat"
        r"|(sum|add|collect).{0,40}(over|from|every|all|each).{0,20}position|every position|all positions|shared|weight sharing",
    "kernel_gradient__result_flipped":
        r"flip|rotat|180|revers|upside|true convolution|mirror|misalign",
    "kernel_gradient__grad_output_flipped":
        r"flip|rotat|180|revers|upside|misalign|true convolution|mirror|input gradient|dl/dinput|d ?l ?/ ?d ?(x|input|image)"
        r"|wrong (pixel|alignment)",
    "kernel_gradient__mean_not_sum":
        r"mean|average|divid|number of positions|scale|too small",
    "kernel_gradient__negated":
        r"sign|negat|minus|opposite|revers|ascent|-1|wrong direction",
    # gradient_step
    "gradient_step__ascent":
        r"sign|ascent|uphill|\+|plus|against|opposite|direction|add(s|ed|ing)? (the )?(gradient|lr)|along|diverg|climb|grow|increas",
    "gradient_step__in_place":
        r"in.place|modif|new array|copy|mutat|same (array|object)|changed? (your|the|its) (input|kernel|argument)|overwr",
    "gradient_step__no_learning_rate":
        r"learning rate|\blr\b|step size|scal|too (big|large)|whole gradient|full gradient",
    "gradient_step__returns_list":
        r"list|array|ndarray|type|container",
    # learn_filter
    "learn_filter__error_reversed":
        r"sign|ascent|diverg|target ?- ?out|revers|opposite|wrong (way|direction)|uphill|climb|grow|increas|blow|explod|\bnan\b|\binf",
    "learn_filter__factor_two_dropped":
        r"factor|\b2\b|two|twice|half|derivative|chain rule|too (small|slow)|smaller|slow|scale",
    "learn_filter__sum_not_mean":
        r"mean|sum|divid|average|number of (positions|pixels|outputs|elements)|scale|too (big|large)|diverg|blow|explod|overshoot"
        r"|\bnan\b|\binf",
    "learn_filter__step_per_image":
        r"(each|every|per) image|after (each|every) image|stochastic|\bsgd\b|mini.?batch|inside the (image )?loop"
        r"|too many (steps|updates)|(several|many|multiple) (steps|updates) per",
    "learn_filter__last_image_only":
        r"last image|only.{0,30}(one|last|first|single) image|all (the )?images|accumul|overwr|sum.{0,30}images|every image|each image"
        r"|other images|\+=",
    "learn_filter__one_step_short":
        r"(number of|how many|count|fewer|one (too )?few|missing|short|extra|last|final) (gradient )?(steps?|iterations?)"
        r"|(steps?|iterations?).{0,30}(short|missing|fewer|one less|too few|count)|range\(1|off.by.one|steps ?- ?1"
        r"|one step (short|less|missing)",
    "learn_filter__random_init":
        r"zero|init|start|random|seed",
    "learn_filter__return_inside_loop":
        r"return.{0,40}(loop|early|inside|first|one)|indent|(only|just|after) (one|a single|the first|1) (gradient )?(step|iteration|update)"
        r"|single (step|iteration|update)|stopp?(ed|s)? (early|after)|first (step|iteration) only|too few (steps|iterations)"
        r"|fewer (steps|iterations)|not (all|enough) (steps|iterations)",
}
