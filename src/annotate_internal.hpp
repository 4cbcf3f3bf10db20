// Internal: annotate() on text already validated and segmented, so that build_timeline()
// segments the document once, not twice.
#pragma once
#include <string_view>
#include <vector>

#include "dateline/annotate.hpp"
#include "dateline/document.hpp"

namespace dateline::detail {

// `text` must have passed validate_text(); `sentences` must be segment(text).
Annotation annotate_segmented(std::string_view text, const std::vector<Sentence>& sentences, const Options& options);

}  // namespace dateline::detail
