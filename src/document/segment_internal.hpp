// Internal: segmentation of only the paragraphs a caller needs.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "dateline/document.hpp"

namespace dateline::detail {

// The sentences of the paragraphs of `text` that hold one of `offsets` (sorted ascending), in text
// order: the same sentences segment(text) gives for those paragraphs, and none of the others. A
// lookup of the sentence holding each offset finds the same one in either list (annotate() needs
// no more; a news text has many paragraphs without a temporal expression).
std::vector<Sentence> segment_around(std::string_view text, const std::vector<std::size_t>& offsets);

}  // namespace dateline::detail
