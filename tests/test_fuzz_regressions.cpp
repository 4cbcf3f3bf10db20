// Inputs found by the fuzz targets (tests/fuzz/), kept inline as regression tests. (The earlier
// fuzz_annotate finding, a mention that runs over a sentence break, is in test_input.cpp.)
#include <string>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "dateline/annotate.hpp"
#include "dateline/timeml.hpp"

TEST_CASE("fuzz_timeml: a control character inside a timex is written as valid XML and reads back", "[timeml][fuzz]") {
    // From fuzz_timeml (a mutated seed): a GS control character (0x1D) inside "two years ago". It
    // used to be written as is, which no XML 1.0 parser accepts; now it is a space, offsets unchanged.
    const std::string xml =
        "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>seed70</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
        "value=\"2024-01-19\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">2024-01-19</TIMEX3></DCT>\n"
        "<TEXT>\nThe bridge collapsed <TIMEX3 tid=\"t7\" type=\"DATE\" value=\"2022\">two years\x1D" "ago</TIMEX3>.. "
        "<TIMEX3 tid=\"t8\" type=\"TIME\" value=\"2024-01-19T13\">two hours ago</TIMEX3>.\n</TEXT>\n</TimeML>\n";
    auto doc = dateline::read_timeml(xml, "fuzz");
    REQUIRE(doc.text.find('\x1D') != std::string::npos);
    dateline::Options o;
    o.dct = doc.dct;
    auto a = dateline::annotate(doc.text, o);
    auto out = dateline::write_timeml(doc.text, a, doc.id);
    CHECK(out.find('\x1D') == std::string::npos);
    pugi::xml_document x;
    REQUIRE(x.load_buffer(out.data(), out.size()));
    auto back = dateline::read_timeml(out, "back");
    std::string expected = doc.text;
    expected[expected.find('\x1D')] = ' ';
    CHECK(back.text == expected);
    REQUIRE(back.timexes.size() == a.timexes.size());
    for (std::size_t i = 0; i < a.timexes.size(); ++i) {
        CHECK(back.timexes[i].begin == a.timexes[i].begin);
        CHECK(back.timexes[i].value == a.timexes[i].value);
    }
}
