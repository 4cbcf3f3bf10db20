// Segmentation: sentences and paragraphs with byte offsets, robust to abbreviations, quotes,
// datelines and headers.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dateline/document.hpp"

namespace {

std::vector<std::string> texts(const std::string& t) {
    std::vector<std::string> out;
    for (auto& s : dateline::segment(t)) out.push_back(t.substr(s.begin, s.end - s.begin));
    return out;
}

}  // namespace

TEST_CASE("segment: abbreviations do not end sentences before names and numbers", "[segment]") {
    std::string t = "The U.S. Border Patrol said on Jan. 19 that Dr. Smith arrived at 9 p.m. on Friday. "
                     "Gov. Abbott did not comment.";
    auto s = texts(t);
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "The U.S. Border Patrol said on Jan. 19 that Dr. Smith arrived at 9 p.m. on Friday.");
    CHECK(s[1] == "Gov. Abbott did not comment.");
}

TEST_CASE("segment: an abbreviation at the end of a sentence before a sentence opener", "[segment]") {
    auto s = texts("Prices rose in the U.S. The euro fell.");
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "Prices rose in the U.S.");
    CHECK(s[1] == "The euro fell.");
    auto d = texts("The talks ended at 5 p.m. They resume Monday.");
    REQUIRE(d.size() == 2);
    CHECK(d[1] == "They resume Monday.");
}

TEST_CASE("segment: decimals and initials stay inside the sentence", "[segment]") {
    auto s = texts("Growth was 3.5 percent, said J. R. Smith of Acme Inc. in a statement.");
    REQUIRE(s.size() == 1);
}

TEST_CASE("segment: quotes stay with their sentence", "[segment]") {
    std::string t = "“It’s not just a problem for us,” he said. “We will help.” She agreed. \"Why?\" he asked.";
    auto s = texts(t);
    REQUIRE(s.size() == 4);
    CHECK(s[0] == "“It’s not just a problem for us,” he said.");
    CHECK(s[1] == "“We will help.”");
    CHECK(s[2] == "She agreed.");
    CHECK(s[3] == "\"Why?\" he asked.");
}

TEST_CASE("segment: a dateline is split off as a header segment", "[segment]") {
    std::string t = "Washington (AFP) – Mexican Foreign Minister Alicia Bárcena told the United States on Friday "
                    "that her country would help.";
    auto ss = dateline::segment(t);
    REQUIRE(ss.size() == 2);
    CHECK(t.substr(ss[0].begin, ss[0].end - ss[0].begin) == "Washington (AFP)");
    CHECK(ss[0].header);
    CHECK(t.substr(ss[1].begin, 8) == "Mexican ");
    CHECK_FALSE(ss[1].header);
    CHECK(ss[1].end == t.size());

    auto caps = texts("WASHINGTON — The president met his cabinet on Monday.");
    REQUIRE(caps.size() == 2);
    CHECK(caps[0] == "WASHINGTON");
    CHECK(caps[1] == "The president met his cabinet on Monday.");

    auto dated = texts("KYIV, Ukraine, Jan. 19 (Reuters) -- Air raid sirens sounded overnight.");
    REQUIRE(dated.size() == 2);
    CHECK(dated[0] == "KYIV, Ukraine, Jan. 19 (Reuters)");
}

TEST_CASE("segment: a dash inside a sentence is not a dateline", "[segment]") {
    auto s = texts("Biden – who faces Trump – said little.");
    REQUIRE(s.size() == 1);
    CHECK(s[0] == "Biden – who faces Trump – said little.");
}

TEST_CASE("segment: headers and titles are marked, running text is not", "[segment]") {
    std::string t = "Mexico tells the US it will help\n\nFirst change: January 19, 2024 – 9:21 p.m. Last change: "
                    "January 19, 2024 – 9:19 p.m\n\nThe meeting began.\n\nHelp from Guatemala\n\nBlinken spoke.\n\n"
                    "A last line without a period";
    auto ss = dateline::segment(t);
    std::vector<std::pair<std::string, bool>> got;
    for (auto& s : ss) got.push_back({t.substr(s.begin, s.end - s.begin), s.header});
    REQUIRE(got.size() >= 6);
    CHECK(got.front() == std::pair<std::string, bool>{"Mexico tells the US it will help", true});
    for (auto& [text, header] : got) {
        if (text.rfind("First change", 0) == 0 || text.rfind("Last change", 0) == 0) CHECK(header);
        if (text == "The meeting began." || text == "Blinken spoke.") CHECK_FALSE(header);
        if (text == "Help from Guatemala") CHECK(header);
    }
    CHECK(got.back() == std::pair<std::string, bool>{"A last line without a period", false});
}

TEST_CASE("segment: paragraphs with byte offsets, sentences point to them", "[segment]") {
    std::string t = "  First one. Second one.\n\n\nThird\nline wraps here.\n  \nFourth.  ";
    auto ps = dateline::paragraphs(t);
    REQUIRE(ps.size() == 3);
    CHECK(t.substr(ps[0].begin, ps[0].end - ps[0].begin) == "First one. Second one.");
    CHECK(t.substr(ps[1].begin, ps[1].end - ps[1].begin) == "Third\nline wraps here.");
    CHECK(t.substr(ps[2].begin, ps[2].end - ps[2].begin) == "Fourth.");
    auto ss = dateline::segment(t);
    REQUIRE(ss.size() == 4);
    CHECK(ss[0].paragraph == 0);
    CHECK(ss[1].paragraph == 0);
    CHECK(ss[2].paragraph == 1);
    CHECK(t.substr(ss[2].begin, ss[2].end - ss[2].begin) == "Third\nline wraps here.");
    CHECK(ss[3].paragraph == 2);
    for (auto& s : ss) {
        CHECK(s.begin >= ps[s.paragraph].begin);
        CHECK(s.end <= ps[s.paragraph].end);
    }
}

TEST_CASE("segment: the reference article", "[segment]") {
    std::string t = "Authorities intercepted migrants more than 242,000 times last November, according to the "
                    "U.S. Border Patrol. December figures were not published.";
    auto s = texts(t);
    REQUIRE(s.size() == 2);
    CHECK(s[1] == "December figures were not published.");
}

TEST_CASE("segment: empty and blank text", "[segment]") {
    CHECK(dateline::segment("").empty());
    CHECK(dateline::segment(" \n\n \t").empty());
    CHECK(dateline::paragraphs("\n\n").empty());
}

TEST_CASE("segmentation: a no-break space after a full stop ends the sentence like a space", "[segment]") {
    const std::string text = "Talks ended on Friday.\xC2\xA0The union will strike next week.\xC2\xA0\xC2\xA0Officials met.";
    auto s = dateline::segment(text);
    REQUIRE(s.size() == 3);
    CHECK(text.substr(s[1].begin, s[1].end - s[1].begin) == "The union will strike next week.");
    CHECK(text.substr(s[2].begin, s[2].end - s[2].begin) == "Officials met.");
}
