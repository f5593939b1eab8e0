"""What counts as a RIGHT name for each planted mistake of the r16 corpus.

Written BEFORE any grading (copies: harness/regexes.before-grading.py, harness/regexes.py).
Each regex is matched case-insensitively against a diagnosis text (after "Mistake spotted:" /
"looks like:", or a whole type/dtype message). It accepts the cause in the words a teacher
might use, or a description of how the output differs because of it.
"""

_BIAS_MISSING = (r"bias\w*.{0,60}(forg|miss|not (count|add|includ)|never|left out|omit|without)"
                 r"|(forg[eo]t|miss|omit|left out|without|no|never|not)\w*.{0,40}bias")
_DEFAULT = r"default|signature|keyword|when (it is |bias is |padding is |lr is )?(not given|omitted|left out)"
_TYPE_INT = (r"dtype|\bu?int(eger|8|16|32|64)?s?\b|integer|truncat|round|float|zeros_like|wrong type"
             r"|(return|result|output) type")
_RETURN_EARLY = (r"return(s|ed)?.{0,30}(early|inside|too soon|in the loop|within the loop)|early return|indent"
                 r"|stops? after|premature")

REGEXES = {
    # ------------------------------------------------------------------ filter_response
    "filter_response__no_final_sum":
        r"(never|not|n't|forgot|without|missing|no)\W+(\w+\W+){0,4}(sum|add|total)|grid of products"
        r"|products (grid|array|instead|without)|array|a list|element-?wise products?|one number|single number"
        r"|a (python )?float|scalar",
    "filter_response__row_subtotals":
        r"row (sum|subtotal|total)s?|sums? (of|per|for|along|over) (each|every|the) rows?|each row|per[- ]row"
        r"|subtotal|partial (sum|total)s?|axis|an array|numpy array|one number|single number|a list|scalar",
    "filter_response__kernel_indexed_ji":
        r"transpos|\[j\]\[i\]|\[j, ?i\]|ind(ex|ices) (are |were )?(swapped|mixed|exchanged|reversed)"
        r"|swapped (the )?ind|rows? and columns?|columns? (and|for) rows?|\.T\b|diagonal",
    "filter_response__inner_loop_uses_kh":
        r"\bkw\b|\bkh\b|(kernel|filter|patch)(?:'s)? width|width of the (kernel|filter|patch)"
        r"|(last |some |missing |skipped )columns?|columns? (are |were )?(missing|skipped|ignored|left out)"
        r"|non-?square|rectangular|part of the (patch|kernel|filter)|not (all|every) (the )?(pixels|weights|products|cells|columns)"
        r"|some (of the )?(pixels|weights|products|cells)|miss(es|ing|ed) (the |some )?(columns?|pixels|products|weights|cells)"
        r"|skip|range\(kh\)|range\(kw\)",
    "filter_response__total_reset_per_row":
        r"last row|reset|re-?initiali[sz]|accumulat|only (one|a single|the last) row|running (sum|total)"
        r"|(sum|total) (is )?(re)?start|inside the (row )?loop|scope",
    "filter_response__return_inside_loop":
        _RETURN_EARLY + r"|first row|only (one|the first|a single) row|one row only",
    "filter_response__numpy_number_returned":
        r"numpy|np\.|int64|integer|not a (python )?float|python float|float\(|overflow|wrap|uint8|wrong type"
        r"|(return|result) type|scalar",
    "filter_response__kernel_overwritten_by_patch":
        r"itself|squar(e|es|ed) (the )?(pixels|patch)|(patch|pixels?) squared|\*\* ?2|weights? (are |were )?(ignored|not used|unused|never)|ignor\w* (the )?(kernel|weights|filter)"
        r"|(kernel|filter) (is |was )?(not used|ignored|never used|unused|overwritten|replaced)"
        r"|patch (instead of|in place of|for) (the )?(kernel|weights|filter)|(kernel|filter|weights) (replaced|overwritten) by"
        r"|pixel sum|sum of (the )?pixels",
    "filter_response__int_returned":
        r"\bint\b|integer|truncat|round|float|fraction|decimal|wrong type|(return|result) type",

    # ------------------------------------------------------------------ output_shape
    "output_shape__kh_in_width":
        r"\bkw\b|\bkh\b|kernel(?:'s)? (width|height)|filter(?:'s)? (width|height)|(width|height) of the (kernel|filter)"
        r"|non-?square (kernel|filter)|rectangular (kernel|filter)",
    "output_shape__H_in_width":
        r"image(?:'s)? (height|width)|(height|width) of the image|non-?square image|rectangular image"
        r"|\bH\b (instead of|for|where|in place of) (the )?\bW\b|height (used )?(for|in|instead of|as) (the )?width"
        r"|width (from|uses?|taken from) (the )?height",
    "output_shape__padding_once":
        r"pad\w*.{0,40}(once|one side|both sides|each side|every side|twice|2 ?\* ?p|2p|two sides|all (four )?sides|double)"
        r"|(once|one side|both sides|each side|twice|2 ?\* ?p|2p|two sides).{0,40}pad",
    "output_shape__ceil_division":
        r"ceil|round\w* up|hang\w* (off|over)|partial (window|position)|off the edge|floor|round\w* down|incomplete",
    "output_shape__height_width_swapped":
        r"swap|transpos|revers|order|(width|W'?)\s*(,|and)\s*(height|H'?)\b|mixed up|exchanged|switched"
        r"|wrong way round|other way round",
    "output_shape__stride_divides_count":
        r"divid\w*.{0,60}stride|stride.{0,60}(divid|\+ ?1|plus one|formula|count|round)"
        r"|\+ ?1.{0,40}(before|after|wrong place|inside|outside)|// ?s(tride)? ?\+ ?1|wrong (place|order).{0,30}\+ ?1",
    "output_shape__padding_default_one":
        _DEFAULT + r"|padding ?= ?1|padding of 1|no padding|without padding|padding (was|is) not (asked|given|requested)"
        r"|pad\w*.{0,30}(not|never) (asked|given|passed|requested)|extra padding|padding (that|which) (is|was) not",
    "output_shape__true_division":
        r"float|\bint\b|integer|true division|floor division|//|round\w* down|fraction|decimal|non-?integer"
        r"|whole number|wrong type|(return|result) type",
    "output_shape__kernel_unpacked_from_image_shape":
        r"kernel_shape|kernel(?:'s)? (shape|size)|filter(?:'s)? (shape|size)|image_shape|as (big|large) as the image"
        r"|(ignor|not us)\w* (the )?(kernel|filter)|\(1, ?1\)|a single position|one position|1 ?x ?1",

    # ------------------------------------------------------------------ convolve
    "convolve__flipped_kernel":
        r"flip|rotat|180|revers|true convolution|mathematical convolution|cross-?correlat|upside|mirror",
    "convolve__range_one_short":
        r"one (row|column|position)s? (too )?(short|few|missing|less)|off[- ]by[- ]one|\+ ?1|last (row|column|position)"
        r"|missing (the )?(last|final)|range\(|too small|one short|smaller|fewer|loop bound",
    "convolve__stride_only_in_size":
        r"stride.{0,80}(window|start|position|step|move|jump|offset|index|every|slid|shift)"
        r"|(window|start|position|offset|index|moves?|steps?|slid\w*).{0,80}stride|one pixel at a time"
        r"|i ?\* ?s(tride)?|ignor\w* (the )?stride",
    "convolve__padding_one_side":
        r"one side|(top|bottom|left|right)[- ]?(left|right)? ?(corner|side|edge)|shift|corner|off-? ?cent(re|er)"
        r"|both sides|each side|every side|all (four )?sides|symmetr|misplac|not cent(red|ered)|offset",
    "convolve__window_indices_swapped":
        r"swap|transpos|rows? and columns?|columns? and rows?|\[c|\[j|mixed up|exchanged|the other way"
        r"|wrong (axis|order)|(row|column) (offset|index|start) (for|in|used for|instead of) (the )?(column|row)",
    "convolve__stride_only_on_rows":
        r"stride.{0,80}(column|across|horizontal|width|\bj\b|one (axis|direction|dimension)|only (down|vertical|rows))"
        r"|(column|across|horizontal|width|one (axis|direction|dimension)).{0,80}stride|only (down|vertical|rows)",
    "convolve__kh_for_kw_in_window":
        r"\bkw\b|\bkh\b|kernel(?:'s)? (width|height)|filter(?:'s)? (width|height)|(width|height) of the (kernel|filter|window)"
        r"|window.{0,40}(shape|size|width|wrong|too)|non-?square|rectangular|patch.{0,30}(shape|size|width)",
    "convolve__output_dtype_from_image":
        _TYPE_INT,
    "convolve__total_not_reset_per_position":
        r"reset|re-?initiali|accumulat|running (sum|total)|cumulative|carr(y|ies|ied) over|previous (position|response)s?"
        r"|left of|(sum|total) (is )?(not|never) (cleared|zeroed|reset)|keeps? (adding|summing|growing)|grow"
        r"|adds? up the previous|scope",
    "convolve__column_offset_uses_row_index":
        r"c ?\+ ?a|\+ ?a\]|instead of c ?\+ ?b|diagonal|col(umn)? (offset|index)|wrong (pixel|index|offset)"
        r"|(same|one) pixel|misalign|mismatched (pixel|index)|pixels? (and|with) (the )?wrong weights?"
        r"|weights? meets? the wrong pixel|index\w*.{0,40}(wrong|mix|swap|reus)",
    "convolve__return_inside_loop":
        _RETURN_EARLY + r"|first row|only (one|the first|a single) row|zeros? (after|below|in the other|in the remaining)"
        r"|rows? (left|stay|are) (at )?zero|unfilled|not filled|remaining rows",
    "convolve__pad_slice_minus_p":
        r"-p\b|-padding|negative (index|slice|end)|empty (slice|array|region)|padding ?(=|==|is|of) ?(0|zero)\b"
        r"|no padding|without padding|unpadded|p ?= ?0\b|\[p ?: ?-p|slice.{0,40}(empty|negative|-p)|(empty|negative).{0,20}slice",
    "convolve__padding_rows_only":
        r"(left|right|width|columns?|sides?|horizontal|across|second axis|axis 1|one axis|only (the )?(top|rows|height|vertical)).{0,60}(pad|zero)"
        r"|pad\w*.{0,60}(left|right|width|columns?|horizontal|only (the )?(top|rows|height|vertical)|one axis|both axes|all (four )?sides|every side)"
        r"|narrow",
    "convolve__helper_gets_stale_patch":
        r"same (value|number|response|patch|window)|constant|every (entry|position).{0,40}same|stale"
        r"|(first|top-left|one) (patch|window|position)|patch (is )?(never|not) (updated|moved)|does ?n.t (move|slide)"
        r"|not slid|uniform|identical",
    "convolve__stride_applied_twice":
        r"stride.{0,60}(twice|two times|squared|double|\* ?stride|again)|(twice|double|squared).{0,60}stride"
        r"|stride ?\*\* ?2|stride\^2|\bs ?\* ?s\b|jumps? too far|too (big|large) (a )?(step|jump)",
    "convolve__column_loop_uses_out_h":
        r"out_h|out_w|column (loop|count|range|bound)|columns? (are |stay |left )?(missing|zero|unfilled|not (filled|computed))"
        r"|(loop|range|count)\w* .{0,40}(columns?|width|across)|height (for|instead of|as) (the )?width"
        r"|rows? (count|number) for (the )?columns|non-?square (map|output|feature map)|(right|last) columns?",

    # ------------------------------------------------------------------ feature_maps
    "feature_maps__summed_over_filters":
        r"(sum|add|combin|merg|collaps)\w*.{0,40}(maps|filters)|filters?.{0,40}(summed|added|combined|merged|collapsed)"
        r"|(one|single) map\b|one map (per|for each|instead)|missing (the )?filter (axis|dimension)|stack",
    "feature_maps__maps_stacked_last":
        r"(filter|last|first|wrong|K) axis|axis order|axes|axis ?= ?-1|order|last|H', ?W', ?K|filter[- ]first|first (axis|dimension)|channels?[- ]last|transpos|moveaxis"
        r"|stack\w* (along|on)|layout",
    "feature_maps__channels_not_summed":
        r"(channel|slice)s?.{0,60}(sum|add|combin|together|separate)|(sum|add)\w*.{0,40}(over|across|all|the) (input )?channels"
        r"|K ?\* ?C|C ?\* ?K|K ?x ?C|per (input )?channel|each channel|every channel|too many maps",
    "feature_maps__bias_added_per_channel":
        r"bias.{0,60}(channel|C times|each|every|once|twice|times|inside|loop|too many|multiple|repeated)"
        r"|(channel|once|each|every|C times).{0,60}bias",
    "feature_maps__filter_channel_index_swapped":
        r"\[c, ?k\]|(filter|channel)s? (and|with|for) (the )?(channel|filter)s?.{0,30}(swap|mix|exchang|confus)"
        r"|(swap|mix|exchang|confus)\w*.{0,30}(filter|channel)|(filter|channel) (axis|index|dimension)s?.{0,40}(mix|swap|exchang|confus|wrong|order)"
        r"|(axis|axes|index|indices) (order|swapped|mixed)|mixed up (the )?(filter|channel)|channels? (and|for|with) filters?"
        r"|filters? (and|for|with) channels?",
    "feature_maps__total_outside_filter_loop":
        r"reset|re-?initiali|accumulat|running|cumulative|carr(y|ies|ied) over|previous (filter|map)s?|earlier (filter|map)s?"
        r"|(sum|total) (is )?(not|never) (cleared|zeroed|reset)|keeps? (adding|summing)|includes? the (other|previous)|scope",
    "feature_maps__stride_not_passed":
        r"stride.{0,60}(not|never|ignor|forg|missing|pass|default|\b1\b|one)|(ignor|forg[eo]t|missing|not pass|without|drop)\w*.{0,40}stride"
        r"|one pixel at a time|every pixel",
    "feature_maps__padding_not_passed":
        r"pad\w*.{0,60}(not|never|ignor|forg|missing|pass|default|\b0\b)|(ignor|forg[eo]t|missing|not pass|without|drop|no)\w*.{0,40}pad"
        r"|unpadded|too small|smaller",
    "feature_maps__stride_padding_swapped":
        r"(stride|padding).{0,60}(swap|order|mixed|exchang|the other way|wrong (place|position))"
        r"|(swap|order|mix|exchang)\w*.{0,60}(stride|padding)|positional"
        r"|(stride|padding).{0,40}(as|for|instead of|in place of) (the )?(padding|stride)",
    "feature_maps__bias_uses_stale_channel_index":
        r"bias\w*.{0,60}(wrong|index|\[c\]|same|last|one (bias|filter)|other|another|stale|mix|shifted)"
        r"|(wrong|same|last|another) (filter'?s? )?bias|biases\[c\]",
    "feature_maps__no_none_check":
        r"None|no bias|without bias|biases? (is|=|==) None|optional|default|crash|TypeError|not subscriptable"
        r"|bias(es)? (not|never) given",
    "feature_maps__return_inside_filter_loop":
        _RETURN_EARLY + r"|first (filter|map)|only (one|the first|a single) (filter|map)|one map|missing maps|fewer maps|1 map",
    "feature_maps__channel_loop_over_K":
        r"range\(K\)|(number of )?filters? (for|instead of|as) (the )?(number of )?channels|K instead of C|C instead of K"
        r"|channels? (count|loop|range|number).{0,40}(K|filters|wrong)|loop\w* over (K|the filters|filters) (instead|for)"
        r"|wrong number of (input )?channels|(too many|too few|extra|missing|not all) (input )?channels|out of (range|bounds)",
    "feature_maps__first_channel_only":
        r"(first|one|single|0th|only one) (input )?channel|image\[0\]|channel 0|other channels|(ignor|skip|miss)\w* .{0,30}channels?"
        r"|not all (the )?channels|same channel|only channel",

    # ------------------------------------------------------------------ conv_params
    "conv_params__bias_forgotten":
        _BIAS_MISSING + r"|\+ ?out_channels|432",
    "conv_params__in_channels_forgotten":
        r"in_?channels|input channels?|channels? of the input|depth|as deep as|slice|grid per channel|per (input )?channel"
        r"|each (input )?channel|every (input )?channel|colou?r|RGB",
    "conv_params__kh_squared_for_pair":
        r"\bkw\b|\bkh\b|width|height|pair|tuple|non-?square|rectangular|kh ?\* ?kh|square|both (sides|dimensions|numbers)"
        r"|kernel_size\[0\]",
    "conv_params__pair_not_handled":
        r"pair|tuple|sequence|non-?square|rectangular|int or|an int|TypeError|can't multiply|unpack|two numbers"
        r"|kernel_size (is|as|given as)",
    "conv_params__bias_default_false":
        _DEFAULT + r"|bias ?= ?(True|False)|" + _BIAS_MISSING,
    "conv_params__bias_flag_ignored":
        r"bias ?= ?False|bias is False|no bias|without bias|flag|ignor\w* (the )?bias|bias(es)? (even|always|when)"
        r"|always (add|count)|even when|False",
    "conv_params__one_bias_total":
        r"one bias (per|for each) (filter|output|map|out)|one bias (for|in) the (whole )?layer|single bias|\+ ?1\b"
        r"|a bias per filter|bias\w*.{0,40}(per filter|each filter|every filter|out_channels|one per)|only one bias|1 bias",
    "conv_params__numpy_int_returned":
        r"numpy|np\.|int64|python int|int\(|wrong type|(return|result) type|not an? (python )?int",

    # ------------------------------------------------------------------ dense_params
    "dense_params__sum_not_product":
        r"(add|sum|plus|\+)\w*.{0,40}(instead of|not|rather than) (multipl|product|times)|multipl|product|every (input|pair)"
        r"|each (pair|input)|n_in ?\* ?n_out|n_in ?\+ ?n_out|pair|1,?568|its own weight",
    "dense_params__bias_per_input":
        r"bias\w*.{0,60}(input|n_in|per output|each output|every output|n_out)|(per|each|every|one per) (input|output)s?.{0,40}bias"
        r"|n_in biases|\+ ?n_in",
    "dense_params__bias_flag_ignored":
        r"bias ?= ?False|bias is False|no bias|without bias|flag|ignor\w* (the )?bias|bias(es)? (even|always|when)"
        r"|always (add|count)|even when|False",
    "dense_params__bias_default_false":
        _DEFAULT + r"|bias ?= ?(True|False)|" + _BIAS_MISSING,

    # ------------------------------------------------------------------ kernel_gradient
    "kernel_gradient__single_position":
        r"(one|single|first|only one|a single) position|every position|all (the )?positions|each position"
        r"|sum\w* over (all )?(the )?positions|shared|weight sharing|\[0, ?0\]|top-left|one term|collect|contributions?",
    "kernel_gradient__flipped":
        r"flip|rotat|180|revers|upside|mirror|true convolution",
    "kernel_gradient__kh_for_kw":
        r"\bkw\b|\bkh\b|(kernel|filter|gradient)(?:'s)? (width|height)|(width|height) of the (kernel|filter|gradient)"
        r"|non-?square|rectangular|shape|W ?- ?W'|H ?- ?H'",
    "kernel_gradient__column_offset_uses_row_index":
        r"b ?: ?b|\[a ?: ?a ?\+ ?Hp?, ?a|col(umn)? (offset|index|shift)|diagonal|offsets? (swapped|mixed|reused|wrong|same)"
        r"|(same|wrong) (offset|shift|index)|misalign|(row|a) (offset|index) (for|in|used for|instead of) (the )?(column|b)",
    "kernel_gradient__grad_reset_per_row":
        r"reset|re-?initiali|recreat|overwrit|last row|rows? (are |stay |left )?(at )?zero|inside (the )?loop|scope|lost"
        r"|thrown away|discard",
    "kernel_gradient__positions_one_short":
        r"one (row|column|position)s? (too )?(short|few|missing|less)|off[- ]by[- ]one|- ?1\)|last (row|column|position)s?"
        r"|missing (the )?(last|final|edge)|not (all|every) positions?|some positions|range\(|every position|all (the )?positions",
    "kernel_gradient__int_dtype_from_image":
        _TYPE_INT,
    "kernel_gradient__return_inside_loop":
        _RETURN_EARLY + r"|first row|only (one|the first|a single) row|rows? (are |stay |left )?(at )?zero|remaining rows"
        r"|rest (of the (gradient|rows) )?(stays|is|left) zero",
    "kernel_gradient__shape_one_short":
        r"\+ ?1|one (row|column)|off[- ]by[- ]one|shape|too small|smaller|kernel(?:'s)? (shape|size)|size",

    # ------------------------------------------------------------------ gradient_step
    "gradient_step__ascent":
        r"sign|ascent|uphill|\+ ?lr|add\w* (the )?(scaled )?gradient|plus|against|opposite|direction|minus|subtract"
        r"|increas|grows|diverg|wrong way",
    "gradient_step__in_place":
        r"in[- ]?place|modif|mutat|chang\w* (the |its |your )?(input|kernel|argument|caller)|overwr|-=|same (array|object)"
        r"|copy|new array",
    "gradient_step__zeros_like_keeps_int":
        _TYPE_INT,
    "gradient_step__grad_divided_by_lr":
        r"divid|/ ?lr|multipl|times (the )?(learning rate|lr)|scaled? (by|with)|learning rate.{0,40}(wrong|instead|inverse|reciprocal)"
        r"|1 ?/ ?lr|inverse|reciprocal|step (is )?(too )?(large|big|long)",
    "gradient_step__returns_step_only":
        r"(current |old |the )?kernel.{0,40}(not|never|forgot|missing|without|ignor|add)"
        r"|(forg[eo]t|missing|without|ignor|add|start)\w*.{0,40}(current |old |the )?(kernel|weights)"
        r"|only (the )?(step|update|change)|step (only|alone|itself)|-lr ?\* ?grad|kernel \+|from zero|update instead",
    "gradient_step__lr_scales_kernel_too":
        r"parenthes|bracket|scal\w*.{0,40}(kernel|weights|whole|everything)|(kernel|weights).{0,40}(scaled|multipl|times)"
        r"|lr ?\* ?\(kernel|whole kernel|entire kernel|precedence|order of operations|shrink",

    # ------------------------------------------------------------------ learn_filter
    "learn_filter__factor_two_dropped":
        r"factor (of )?(2|two)|2 ?\*|\* ?2\b|twice|half|derivative of (the )?square|square\w*.{0,40}(derivative|gradient)"
        r"|too (short|small)|slow",
    "learn_filter__sum_not_mean":
        r"mean|average|divid|number of (positions|pixels|outputs|terms)|sum\w*.{0,40}(instead|not|rather)|too (large|big|long)"
        r"|diverg|blow|explod|normali",
    "learn_filter__only_last_image":
        r"(last|one|single|only one|first) image|all (the )?images|every image|each image|other images|reset|re-?initiali|accumulat"
        r"|inside the (image )?loop|overwrit|(sum|add)\w* over (the )?images|images? (ignored|dropped|lost)",
    "learn_filter__count_reset_per_image":
        r"count|number of (positions|pixels|outputs|terms)|divid|mean|average|normali|all (the )?(images|positions)"
        r"|(last|one) image|reset|re-?initiali|too (large|big|long)",
    "learn_filter__gradient_of_output_not_error":
        r"(instead of|not|rather than|in place of) (the )?(error|residual|difference)|out ?- ?target|residual"
        r"|(output|prediction)s? (itself |alone )?(instead|rather|not)|targets? (are |were )?(never|not) (used|compared|subtracted)"
        r"|ignor\w* (the )?targets?|without (the )?targets?|(error|difference) (is |was )?(never|not) (used|computed|passed)"
        r"|gradient of the output|compar\w* (with|to) (the )?targets?",
    "learn_filter__kernel_not_updated":
        r"(result|return value|new kernel|output) of gradient_step|(not|never) (assign|updat|stor|kept|sav|chang|learn)"
        r"|discard|thrown? away|ignor\w* (the )?(result|return)|stays? (at )?zero|still zero|all zeros?|returns? (the )?zeros?"
        r"|zero kernel|never (changes|moves|leaves)|unchanged|kernel = |in place",
    "learn_filter__kh_for_kw_shape":
        r"\bkw\b|\bkh\b|(kernel|filter)(?:'s)? (width|height)|(width|height) of the (kernel|filter)"
        r"|non-?square|rectangular|shape|kernel_shape|\(kh, ?kh\)",
    "learn_filter__divides_by_image_count":
        r"number of (positions|pixels|outputs|terms|values)|len\(images\)|(number of |count of )?images|divid|mean|average"
        r"|normali|all (the )?positions|too (large|big|long)|diverg|per image",
    "learn_filter__lr_default_changed":
        _DEFAULT + r"|lr ?= ?0?\.1|0\.2|learning rate.{0,40}(0\.1|0\.2|too (small|low)|half|smaller|wrong)"
        r"|(wrong|smaller|half|lower)\w*.{0,40}(learning rate|\blr\b)|\blr\b.{0,30}(0\.1|0\.2|too (small|low)|half|smaller|wrong)"
        r"|step size|steps? (are |is )?too (short|small)|too slow|half",
    "learn_filter__return_inside_loop":
        _RETURN_EARLY + r"|(one|single|first|only one|a single) (gradient )?step|steps? (are |is )?(ignored|not taken|missing)"
        r"|not all (the )?steps|too few steps|number of steps|steps",
}
