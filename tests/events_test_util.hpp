// Shared by the event tests: the events found in a text annotated against the DCT 2024-01-19.
#pragma once
#include <string>
#include <vector>

#include "dateline/annotate.hpp"
#include "dateline/document.hpp"
#include "dateline/timeline.hpp"

namespace dateline::test {

inline std::vector<dateline::Event> events_of(const std::string& text) {
    dateline::Options o;
    o.dct = dateline::parse_dct("2024-01-19");
    auto a = dateline::annotate(text, o);
    return dateline::find_events(text, dateline::segment(text), a.timexes);
}

}  // namespace dateline::test
