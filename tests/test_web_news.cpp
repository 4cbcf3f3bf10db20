// Web news page forms: live-update timestamps that head each entry are times of the page's day,
// whatever day the entry before named. (Single-line forms are corpus lines in grammars/en/*.corpus;
// these need several lines.)
#include <string>

#include <catch2/catch.hpp>

#include "dateline/annotate.hpp"

namespace {

dateline::Annotation run(const char* text, const char* dct) {
    dateline::Options o;
    o.dct = dateline::parse_dct(dct);
    return dateline::annotate(text, o);
}

std::string value_of(const dateline::Annotation& a, std::string_view text) {
    for (const auto& t : a.timexes)
        if (t.text == text) return t.value;
    return "(not tagged: " + std::string(text) + ")";
}

}  // namespace

TEST_CASE("a clock time heading a live-update entry is on the DCT's day", "[web]") {
    const char* text =
        "Investigators were studying video from Monday's attack.\n\n"
        "3:30 p.m. ET: The FBI says it has received tips.\n\n"
        "2:15 p.m. ET: The president will travel to Boston on Thursday.\n\n"
        "11:40 a.m. ET: The governor said the area will remain closed.\n\n"
        "10:05 - Police said the blasts went off at 2:50 p.m. Monday.\n";
    auto a = run(text, "2013-04-16");
    CHECK(value_of(a, "Monday") == "2013-04-15");
    CHECK(value_of(a, "3:30 p.m. ET") == "2013-04-16T15:30");
    CHECK(value_of(a, "2:15 p.m. ET") == "2013-04-16T14:15");
    CHECK(value_of(a, "Thursday") == "2013-04-18");
    CHECK(value_of(a, "11:40 a.m. ET") == "2013-04-16T11:40");
    CHECK(value_of(a, "2:50 p.m. Monday") == "2013-04-15T14:50");
}

TEST_CASE("a clock time inside a sentence still takes the day the narrative is at", "[web]") {
    // Not a heading: no line start, or no colon / dash after it.
    auto a = run("The suspect was arrested on Monday. He was charged at 3:30 p.m.\n"
                 "On Thursday the court met.\n4:15 p.m. came and went.",
                 "2013-04-16");
    CHECK(value_of(a, "3:30 p.m.") == "2013-04-15T15:30");
    CHECK(value_of(a, "4:15 p.m.") == "2013-04-11T16:15");
}
