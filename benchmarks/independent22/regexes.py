"""What counts as a RIGHT name for each planted mistake of the r9 corpus.

Written by the corpus author BEFORE any grading (copy: harness/regexes.before-grading.py).
Matched case-insensitively against the grader's diagnosis text (after "Mistake spotted:" /
"looks like:", or a whole type/dtype message). Broad on purpose: any correct description of
the cause, or of how the output differs because of it; not a description of another mistake.
"""

FLIP = (
    r"flip|rotat|180|revers|mirror|upside|\bturned|correlat|true convolution|mathematician|kernel\[::-1"
)
PY_INT = (
    r"python int|numpy (int|integer|scalar|number|type)|np\.int|int64|int32|int\(\)|not an? int|\btype\b"
    r"|returned a numpy"
)
PY_FLOAT = (
    r"python float|numpy (int|integer|scalar|number|type)|np\.(int|float)|int64|float\(\)|not a float"
    r"|integer|\btype\b|returned a numpy"
)
ONE_BIAS = (
    r"(one|single|1|a) bias (for|in) the (whole |entire )?layer|only (one|a single) bias|single bias"
    r"|bias(es)? per (filter|output|unit|neuron|map)|one bias (per|for each|for every) (filter|output|unit"
    r"|neuron|map)|each (filter|output|unit|neuron)('s)? (own )?bias|(out_channels|n_out) biases|\+ ?1\b"
    r"|one too few|biases? (counted )?once"
)
BIAS_FLAG = (
    r"bias ?= ?false|bias (flag|argument|parameter|option|switch)|(even|also) (when|if|with|without)"
    r"|always (add|count|include)|ignor\w* (the )?bias|regardless|no[- ]bias (case|layer)|without bias"
)

REGEXES = {
    "filter_response__no_sum":
        r"without (adding|summing)|not (added|summed)|no (final )?sum|forg[eo]t\w* (to )?(sum|add)|never (sum"
        r"|add)|(array|grid|matrix|table) of (the )?products|products? (array|grid)|each product|every product"
        r"|instead of (a|one) (single )?(number|value|float|scalar)|not a (single )?(number|value|float"
        r"|scalar)|one number|single number|returned a numpy array|returned an? (array|ndarray)"
        r"|element-?wise product",
    "filter_response__row_sums":
        r"row (sub)?totals|row sums|subtotals|sums? (of |over |along |for )?(each|every|the|one) rows?"
        r"|per[- ]row|each row|every row|axis ?=? ?1|one (number|value|sum) (per|for each) row|partial sums",
    "filter_response__flipped_kernel": FLIP,
    "filter_response__pixel_sum":
        r"weights? (are |were )?(ignored|not used|unused|left out|missing|forgotten|dropped)"
        r"|ignor\w* (the )?(weights|kernel|filter)|(sum|add)\w* (up )?(of |only )?(the |all )?pixels|pixel sum"
        r"|sum of (the )?(patch|pixels|image)|plain sum|without (the |multiplying by the |using the )?(weights"
        r"|kernel|filter)|(kernel|filter) (is |was )?(not used|unused|ignored)|never (use|multipl)|not multipl"
        r"|45",
    "filter_response__numpy_int_return": PY_FLOAT,
    "filter_response__square_loop":
        r"square|non-?square|rectangular|width|len\(patch\)|len\(|shape\[1\]|columns? (missed|missing|skipped"
        r"|left out|ignored)|(miss|skip|ignor|drop)\w* (the |some |last |extra )*columns?|index ?error"
        r"|out of (range|bounds)|height (for|as|instead of) (the )?width",
    "filter_response__total_reset_in_loop":
        r"reset|last row|only (one|the last|a single) row|(one|single) row|running total|accumulat"
        r"|initiali[sz]|overwrit|re-?set",
    "filter_response__max_product":
        r"max|largest|biggest|highest|pool",
    "output_shape__no_stride":
        r"stride.{0,30}(ignor|missing|not used|forgot|left out|never|not applied|not divided|as 1|were 1|= ?1"
        r"|of 1)|\b(ignor|forg[eo]t|miss|without|no|skip|drop)\w* (the |to use the |dividing by the )?stride"
        r"|(one|1|every) (pixel|position) at a time|every position|moves? (by )?(one|1) pixel|(did not|didn't"
        r"|doesn't|does not|never) (divide|use|apply).{0,20}stride|stride-?1|\b(forg[eo]t|miss|without|no"
        r"|never)\w* (to )?(divide|divid\w*|use|apply|using|dividing) (by )?(the )?stride",
    "output_shape__ceil":
        r"ceil|round\w* up|rounding|floor|hang\w* (off|over|past)|partial (window|position)|past the edge"
        r"|off the edge|overhang|one (extra|too many)|extra (row|column|position)|too (big|large|many)"
        r"|round\w* down",
    "output_shape__swapped":
        r"swap|transpos|wrong (way round|order)|revers|exchang|mixed up|(height|h) and (width|w) (are "
        r"|were )?(swapped|the wrong way|in the wrong order|reversed|mixed)|\(w, ?h\)|\(width, ?height\)"
        r"|width (first|before)|order",
    "output_shape__padding_once":
        r"once|one side|single side|half (the )?padding|not doubled|only p\b|\+ ?p\b|both sides|two sides"
        r"|each side|every side|all (four )?sides",
    "output_shape__plus_one_before_divide":
        r"(\+ ?1|plus one).{0,40}(before|after|outside|inside)|(before|after) (the )?divi|order of operations"
        r"|bracket|parenthes|precedence|first position|one (position|row|column)? ?(short|too few|missing"
        r"|fewer|less)|too few|off[- ]by[- ]one",
    "output_shape__true_division":
        r"float|true division|/ |//|integer|\bints?\b|not (an )?int|round|floor|decimal|fraction|whole",
    "output_shape__numpy_ints": PY_INT,
    "output_shape__kernel_height_for_width":
        r"square|non-?square|rectangular|kh\b.{0,40}(width|\bw\b|kw)|kernel_shape\[0\]|(kernel"
        r"|filter)('s)? width|width of the (kernel|filter)|\bkw\b|height (for|instead of|as) (the )?width"
        r"|same .{0,20}(both|each) (dimension|direction|axis|axes)",
    "output_shape__no_plus_one":
        r"(forg[eo]t|miss|without|no|drop|left out|omit)\w* (the )?\+ ?1|\+ ?1 (is |was )?(missing|forgotten"
        r"|left out|dropped)|plus one|one (position|row|column)? ?(short|too few|missing|fewer|less)|too few"
        r"|first position|off[- ]by[- ]one|missing (the )?(last|first)|one less",
    "convolve__flipped_kernel": FLIP,
    "convolve__range_minus_k":
        r"range\(|one (row|column|position)|last (row|column|position)|off[- ]by[- ]one|(forg[eo]t|miss"
        r"|without|no|drop)\w* (the )?\+ ?1|too (small|few)|one short|fewer|loop (bound|limit|end)"
        r"|h ?- ?kh?\b(?! ?\+)",
    "convolve__stride_ignored":
        r"stride.{0,30}(ignor|missing|not used|forgot|left out|never|not applied|not divided|as 1|were 1|= ?1"
        r"|of 1)|\b(ignor|forg[eo]t|miss|without|no|skip|drop)\w* (the |to use the |dividing by the )?stride"
        r"|(one|1|every) (pixel|position) at a time|every position|moves? (by )?(one|1) pixel|(did not|didn't"
        r"|doesn't|does not|never) (divide|use|apply|move).{0,20}stride|stride-?1|\b(forg[eo]t|miss|without|no"
        r"|never)\w* (to )?(divide|divid\w*|use|apply|using|dividing) (by )?(the )?stride",
    "convolve__window_not_strided":
        r"window (start|position|corner|origin)|top-?left|i ?\* ?s|\* ?stride|(not|never|n't) (moved?|placed"
        r"|step\w*|jump\w*) (by )?(the )?stride|stride.{0,40}(window|start|position|place|step|move|jump)"
        r"|(window|filter).{0,40}(one|1) pixel|(one|1) pixel at a time|overlap|crop|first (rows|columns"
        r"|positions)|corner",
    "convolve__pad_one_side":
        r"one side|shift|\btop\b|\bleft\b|bottom|right|all (the )?padding|asymmetr|uneven|every side"
        r"|both sides|each side|four sides|offset|moved|displac|off by one (row|column|pixel)",
    "convolve__pad_edge_values":
        r"non-?zero|not (with )?zeros?|instead of zeros?|other than zeros?|(should|must) be zeros?|edge|mode"
        r"|replicat|repeat|cop(y|ies|ied)|pad(ding)? values?|constant|border (value|pixel)|nearest|reflect",
    "convolve__out_dtype_from_image":
        r"dtype|\bint|integer|truncat|round|uint8|wrap|overflow|decimal|precision|float64",
    "convolve__padding_ignored":
        r"(padding|pad) (is |was |argument )?(ignored|missing|not (applied|added|used|done)|never|forgotten"
        r"|left out)|\b(ignor|forg[eo]t|miss|skip|without|no|never)\w* (the |any |to )?(zero[- ])?(padding"
        r"|pad\b|zeros)|never pad|not padded|unpadded|zeros? (around|border) (missing|not added)|too small",
    "convolve__pad_twice":
        r"twice|double|2 ?\* ?p|2p\b|too (much|many|big|large)|extra (padding|zeros|rows|columns)|(each"
        r"|every) side.{0,40}(once|p\b)|padding (is )?(applied )?(twice|doubled)|more padding",
    "convolve__returns_nested_list":
        r"list|np\.array|ndarray|numpy array|container",
    "convolve__square_kernel_assumed":
        r"square|non-?square|rectangular|\bkw\b|(kernel|filter)('s)? width|width of the (kernel|filter)"
        r"|shape\[0\]|shape\[1\]|(kh|height) (for|as|instead of) (the )?(width|kw)",
    "convolve__size_without_stride":
        r"stride.{0,40}(size|shape|output|map|count|number)|(size|shape|output|map|count"
        r"|number of positions).{0,40}stride|too (big|large|many)|extra (rows|columns|zeros|positions)"
        r"|trailing|zeros? (at|along|on|in) the (end|bottom|right|edge)|(left|stay|remain)\w* zero",
    "convolve__size_ignores_padding":
        r"(size|shape|count|number of positions|output).{0,40}(padding|unpadded|original|before padding)"
        r"|(padding|unpadded|original (size|shape|image)).{0,40}(size|shape|count)|too small|crop"
        r"|missing (rows|columns|border|positions)|bottom|right (edge|side|column)|unpadded",
    "convolve__plus_one_before_divide":
        r"(\+ ?1|plus one).{0,40}(before|after|outside|inside)|(before|after) (the )?divi|order of operations"
        r"|bracket|parenthes|precedence|first position|one (position|row|column)? ?(short|too few|missing"
        r"|fewer|less)|too (few|small)|off[- ]by[- ]one|last (row|column|position)",
    "convolve__params_order_swapped":
        r"(argument|parameter|signature).{0,30}(order|swap)|order of (the )?(arguments|parameters)|(stride"
        r"|padding).{0,30}(swap|mix|confus|exchang|revers)|swap\w*.{0,30}(stride|padding|argument|parameter)"
        r"|positional|signature|(stride|padding) (as|for|instead of|in place of) (the )?(padding|stride)"
        r"|the wrong way",
    "convolve__float32_map":
        r"float32|float64|dtype|precision|single",
    "feature_maps__sum_over_filters":
        r"sum\w* (over|across|of|all) (the |all |every )?(filters|maps|feature maps)|(one"
        r"|a single) (feature )?map (for|instead of) (all|the whole|every|k)|only one map|single map|(added"
        r"|summed|combined|merged|collapsed) (the |all |every )?(maps|filters|feature maps)|(filters"
        r"|maps) (are |were )?(summed|added|combined|merged|collapsed)|instead of (stacking|a stack)"
        r"|not stacked|one filter that is the sum|sum of the filters|missing (the )?filter (axis|dimension)"
        r"|\(h'?, ?w'?\)|2-?d",
    "feature_maps__channels_last_output":
        r"channels?[- ]last|\(h'?, ?w'?, ?k\)|filters? (axis )?(first|last)|filter axis|last (axis|dimension)"
        r"|axis ?= ?-1|axis ?= ?2|moveaxis|transpos|stack\w* (along|on|at|in) the (last|wrong)|(axis|axes"
        r"|dimension) (order|ordering)|order of (the )?(axes|dimensions)|wrong (axis|axes|layout)|layout"
        r"|\(k, ?h'?, ?w'?\)",
    "feature_maps__channels_not_summed":
        r"k ?\* ?c|k ?x ?c|(separate|own|one) (feature )?maps? (per|for each|for every) (input )?(channel"
        r"|slice|\(filter, ?channel\))|channels? (are |were )?not (summed|added)|(without|not|never"
        r"|forg[eo]t\w*) (to )?(summ|add)\w*.{0,30}channels|per[- ]channel maps|(too many|extra) maps"
        r"|maps per channel|(sum|add)\w* (over|across) (all )?(the )?(input )?channels",
    "feature_maps__bias_per_channel":
        r"bias.{0,60}(per channel|each channel|every channel|once|c times|several times|multiple times"
        r"|more than once|twice|repeated)|(once|c times|channel).{0,40}bias|c ?\* ?b",
    "feature_maps__pads_channel_axis":
        r"channel axis|channels? (axis|dimension)|all (three|3) (axes|dimensions)|every axis|(pad"
        r"|padd)\w* (the |also )?(channels?|depth|first axis|axis 0)|channels? (axis )?(were |was |is |are "
        r"|get )?(also )?padded|zero channels?|(h and w|height and width) only|3-?d pad"
        r"|shift\w* (the )?channels?",
    "feature_maps__only_first_channel":
        r"(only|just) (the )?(first|one|single) (input )?channel|other channels|channels? (are "
        r"|were )?(ignored|dropped|missing|skipped|left out)|ignor\w* (the )?(other |remaining )?channels"
        r"|channel 0|image\[0\]|(not|never) (summed|added) over (all )?(the )?channels|(sum|add)\w* over (all "
        r"|every )?(the )?(input )?channels",
    "feature_maps__filters_indexed_c_k":
        r"filters\[c, ?k\]|filters\[k, ?c\]|(filter|channel|ax[ei]s|ind(ex|ices)|k and c|c and k).{0,30}(swap"
        r"|mix|confus|revers|exchang)|swap\w*.{0,30}(filter|channel|ax[ei]s|ind(ex|ices)|k and c|c and k)"
        r"|transpos|\(c, ?k\)|wrong (filter|slice|weights)|indexed (the )?(filters|filter bank)",
    "feature_maps__bias_broadcast_width":
        r"broadcast|width|last axis|column|biases\[:, ?none|reshape|newaxis|(bias|biases).{0,40}(axis|along"
        r"|wrong|misaligned|each column)",
    "feature_maps__bias_none_crash":
        r"none|no bias|without (a )?bias|optional|typeerror|subscriptable|default",
    "feature_maps__if_biases_truth":
        r"if biases|truth|ambiguous|is not none|none check|valueerror|any\(\)|all\(\)|bool|(bias"
        r"|biases).{0,40}(check|test|condition)",
    "feature_maps__stride_padding_not_passed":
        r"(stride|padding).{0,50}(not passed|ignored|missing|dropped|lost|default|forgot|never)|\b(pass"
        r"|forward|hand)\w* (on )?(the )?(stride|padding)|without (the )?(stride|padding)|\b(ignor|forg[eo]t"
        r"|miss|drop)\w* (the )?(stride|padding)|default (stride|padding)",
    "feature_maps__stride_padding_swapped":
        r"(stride|padding|argument|parameter).{0,30}(swap|mix|confus|revers|exchang)|swap\w*.{0,30}(stride"
        r"|padding|argument|parameter)|(argument|parameter) order|order of (the )?(arguments|parameters)"
        r"|positional|the wrong way|(stride|padding) (as|for|instead of|in place of) (the )?(padding|stride)"
        r"|zero ?division|divi\w* by zero|stride (of )?0|stride ?= ?0|zero stride",
    "feature_maps__relu_applied":
        r"relu|activation|negative|max\w*\(0|maximum|clip|rectif|non-?linear",
    "conv_params__no_bias":
        r"\b(forg[eo]t|miss|without|no|omit|drop|left out|ignor)\w* (the |any )?bias|bias(es)? (is |are "
        r"|were )?(missing|forgotten|not (counted|added|included)|left out|omitted)|432|\+ ?out_channels"
        r"|only (the )?weights",
    "conv_params__no_in_channels":
        r"in_?channels|input channels?|channels? of the input|depth|colou?r|rgb|slices?|per (input )?channel"
        r"|(every|each|all) (input )?channels?|160",
    "conv_params__kernel_not_squared":
        r"k ?\* ?k|k ?x ?k|k\^?2|k²|squar|both (dimensions|directions|sides)|one dimension|only k\b|k weights"
        r"|kernel_size ?\* ?kernel_size",
    "conv_params__tuple_unsupported":
        r"tuple|pair|\(kh, ?kw\)|kh, ?kw|rectangular|non-?square|sequence|typeerror|int only|only (an )?int",
    "conv_params__tuple_first_only":
        r"\bkw\b|width|kernel_size\[1\]|second|rectangular|non-?square|square|kh ?\* ?kh|kh²|only (the )?first"
        r"|both|pair|tuple",
    "conv_params__bias_flag_ignored": BIAS_FLAG,
    "conv_params__one_bias_total": ONE_BIAS,
    "conv_params__numpy_int_return": PY_INT,
    "dense_params__plus_instead_of_times":
        r"add\w* (n_in|the (inputs|sizes|layer sizes|two))|(inputs|sizes) (added|summed)|instead of (multiply"
        r"|multiplying|times|the product)|multipl|times|product|(every|each) (input|output)[- ](to|and|with|,)"
        r"|(input|output)[ ,-]+(output|input) pair|pair|1,?568|n_in ?\+ ?n_out|sum of",
    "dense_params__bias_per_input":
        r"bias.{0,50}(per|for each|for every|one per) (output|unit|neuron)|n_out biases|(input"
        r"|n_in).{0,30}bias|bias.{0,30}(input|n_in)|(one|a) bias per input",
    "dense_params__one_bias_total": ONE_BIAS,
    "dense_params__bias_flag_ignored": BIAS_FLAG,
    "dense_params__numpy_int_return": PY_INT,
    "kernel_gradient__flipped": FLIP,
    "kernel_gradient__one_position":
        r"one position|single position|only (the )?(first|one)|(every|all|each) (the )?positions?|(sum"
        r"|add)\w* (over|across) (all |every )?(the )?positions|shared|sharing|\[0, ?0\]|top-?left"
        r"|first position|not (summed|accumulated)|every place|everywhere",
    "kernel_gradient__shape_off_by_one":
        r"\+ ?1|shape|size|one (row|column) (short|too few|missing)|too small|off[- ]by[- ]one|h ?- ?h'",
    "kernel_gradient__indices_swapped":
        r"swap|transpos|\[b, ?a\]|a and b|rows? and columns?|(i|j) and (j|i)|ax[ei]s|index|indices",
    "kernel_gradient__grad_output_ignored":
        r"\b(ignor|without|forg[eo]t|miss|drop)\w* (the )?(grad_output|dl/dout|upstream|output gradient"
        r"|incoming gradient|gradient of the output)|(grad_output|dl/dout|upstream gradient"
        r"|output gradient) (is |was )?(ignored|missing|not used|left out)|(not"
        r"|without) multipl\w* by (the )?(grad|dl|upstream|output gradient)|sum of (the )?(pixels|image|window"
        r"|patch)|pixels? (only|sum)|(only|just) (the )?(pixels|image)",
    "kernel_gradient__image_ignored":
        r"\b(ignor|forg[eo]t|without|miss|drop)\w* (the )?(pixels?|image|input|patch)|(not"
        r"|without) multipl\w* by (the )?(pixels?|image|input)|same (value|number|gradient) (for|in|to) (every"
        r"|all|each)|(all|every) (entries|weights|cells) (are )?(equal|the same)|sum of (the )?grad\w*"
        r"|constant|(pixels?|image|input) (is |are )?(missing|ignored|not used)",
    "kernel_gradient__negated":
        r"sign|negat|minus|opposite|revers\w* (the )?direction|-1|ascent",
    "kernel_gradient__factor_two":
        r"factor (of )?2|factor two|\b2 ?\*|\* ?2\b|times 2|twice|double|two times|mse|squared|scaled|too (big"
        r"|large)",
    "kernel_gradient__dtype_from_image":
        r"dtype|\bint|integer|truncat|float|round|uint8|wrap|overflow|type|precision",
    "gradient_step__ascent":
        r"\bsign|ascent|uphill|wrong direction|opposite|toward|(with|along) the gradient|increas|grow|diverg"
        r"|\+ ?lr|plus|\badd(s|ed)?\b|instead of subtract",
    "gradient_step__lr_missing":
        r"(learning rate|\blr\b).{0,30}(missing|forgot|ignored|not (used|applied)|left out|never)|\b(forg[eo]t"
        r"|miss|ignor|without|no)\w* (the )?(learning rate|\blr\b)|full gradient|whole gradient|step size"
        r"|unscaled|not scaled|too (big|large)",
    "gradient_step__in_place":
        r"in[- ]place|modif|mutat|-=|new array|copy|changed (the|its) input|overwr|same (array|object)",
    "gradient_step__divides_by_lr":
        r"divid|/ ?lr|instead of multipl|invert|reciprocal|1 ?/ ?lr",
    "gradient_step__returns_update_only":
        r"only (the )?(step|update|change|delta)|(step|update|change|delta) (only|itself|alone)"
        r"|forg[eo]t\w* (to add|the kernel|the weights|the old)|(kernel|old weights|current weights"
        r"|starting weights) (is |are )?(missing|not added|left out|dropped)|without (the )?(old "
        r"|current )?(kernel|weights)|add\w* (it |the step )?to the kernel|starting (point|weights)"
        r"|instead of (the )?(new|updated) kernel",
    "gradient_step__lr_times_difference":
        r"paren|bracket|precedence|order of operations|lr ?\* ?\(|scal\w* (the )?(whole|kernel|weights)"
        r"|multipl\w* (the )?(kernel|weights)|kernel (is )?(also )?(scaled|multiplied)|whole (expression"
        r"|difference)|learning rate (also )?(multiplies|scales)",
    "gradient_step__sign_only":
        r"np\.sign|sign of the gradient|only (the )?(sign|direction)|magnitude|(size|length"
        r"|strength) of the gradient|(every|each) (weight|entry) (moves|changes) (by )?(the same|lr)|±"
        r"|plus or minus|unit steps?|sign\(",
    "learn_filter__sum_not_mean":
        r"mean|average|divid|number of (values|positions|pixels|entries|outputs)|n_values|normali[sz]|too (big"
        r"|large)|/ ?n\b|sum(med)? (of )?(the )?(squared )?(error|loss)|sum instead|instead of (the )?mean",
    "learn_filter__factor_two_dropped":
        r"factor (of )?2|factor two|\b2 ?\*|\* ?2\b|times 2|twice|two|half|halved|derivative of (the )?squar"
        r"|too small|slow|0?\.5 ?\*",
    "learn_filter__error_reversed":
        r"\bsign|target ?- ?out|revers|opposite|ascent|wrong direction|diverg|grow|increas|out ?- ?target"
        r"|uphill|minus",
    "learn_filter__random_init":
        r"random|init|start\w* (from|with|at)|zeros? (start|init|kernel)|(start|begin)\w* (from |with "
        r"|at )?(a |the )?zero|not (from )?zeros?|instead of zeros?|np\.zeros|nondetermin|seed",
    "learn_filter__first_image_only":
        r"(only|just) (the )?(first|one|single) (image|example)|first (image|example)|images\[0\]|other images"
        r"|(all|every|each) (the )?images?.{0,20}(ignored|not used|missing)|(ignor|skip|drop)\w* .{0,20}images"
        r"|(only|just) one image",
    "learn_filter__grad_overwritten":
        r"overwr|(only|just) (the )?last (image|example)|replac|accumul|\+=|(sum"
        r"|add)\w* (the gradients? )?(over|across|up|of|from) (all |every |each )?(the )?images|\b(forg[eo]t"
        r"|not|never|without) (to )?(sum|add|accumulat)\w*|assign\w* instead",
    "learn_filter__step_per_image":
        r"(per|each|every) image|inside the (image )?loop|stochastic|sgd|one step per (image|example)"
        r"|several steps|(too )?many steps|batch|(a|one) step (for|per|after) each|all (the )?images (at once"
        r"|together)|before (stepping|the step)",
    "learn_filter__mean_over_positions_only":
        r"mean|average|divid|number of images|(over|across) (all )?(the )?images|len\(images\)|n_images"
        r"|images and positions|normali[sz]|sum\w* over (the )?images|too (big|large)|scale",
    "learn_filter__default_steps_changed":
        r"default|200|100|iteration|too few (steps|iterations)|fewer steps|not (fully )?(converged|trained)"
        r"|converg|stop\w* (too )?early|early|number of steps|steps ?=",
    "learn_filter__kernel_not_updated":
        r"(not|never) (updat|assign|stor|sav|kept|keep)|discard|ignor\w* (the )?(return|result)"
        r"|result of gradient_step|zeros?|unchanged|never (changes|learns|moves)|stays|assign|return value",
    "learn_filter__output_instead_of_error":
        r"target (is |was )?(ignored|missing|not used|never)|ignor\w* (the )?target|(out|output) (instead"
        r"|rather) (of|than) (the )?(error|difference|out ?- ?target)|(pass|use|give)\w* (the )?(out|output"
        r"|prediction) (to|into|instead)|(error|out ?- ?target|difference|residual) (is |was )?(not"
        r"|never) (used|passed)|without (the |subtracting the )?target|stays? (at )?zeros?|never (changes"
        r"|learns|moves)|unchanged|remains? zero|all zeros?",
    "learn_filter__grad_not_reset":
        r"reset|zero\w* (the )?grad|accumul|(each|every) step|across steps|momentum|keeps? (adding|growing)"
        r"|previous steps|stale|initiali[sz]|outside the loop|carr(y|ies|ied) over|earlier steps",
    "learn_filter__lr_hardcoded":
        r"\blr\b|learning rate|hard-?coded|0\.2|fixed",
}
