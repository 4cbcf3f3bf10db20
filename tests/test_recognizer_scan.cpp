// The recognizer's token scan reads the text 16 bytes at a time (SSE2) and byte by byte near the
// end: what it finds must not depend on where a word falls against those blocks. The same text
// shifted by 0..40 bytes (leading spaces or letters glued into a word of their own) gives the same
// mentions, shifted.
#include <cctype>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "../grammars/en/lexicon.hpp"
#include "recognize/recognizer.hpp"

namespace {

std::string describe(std::string_view text, const dateline::recognize::Mention& m) {
    return std::string(text.substr(m.begin, m.end - m.begin)) + "|" + m.rule;
}

const char* const kTexts[] = {
    "At 9 o'clock on Friday, the company's year's results for fiscal 2023 came out; three weeks later, "
    "on March 3, 4 and 5, 1998, Mr. B\xC3\xA1rcena said \xE2\x80\x9Ctoday\xE2\x80\x9D and \xE2\x80\x94Monday\xE2\x80\x94 "
    "were fine. The 1990s, the '90s and the Q3 results of FY2024 arrived 20240119 after 10 years.",
    "supercalifragilisticexpialidocious1998 January Januaryish 12345678901234567890 last week's "
    "twenty-one days ago, the weekend before last, 2.5 hours, 1,000 years, 3rd quarter of 2001",
    "x",
    "1998",
    "yesterday",
};

}  // namespace

TEST_CASE("scan: mentions do not depend on where the text falls against the scan's blocks", "[recognize][scan]") {
    for (const char* base : kTexts) {
        const std::string text0(base);
        const auto reference = dateline::recognize::recognize(text0);
        for (std::size_t shift = 1; shift <= 40; ++shift) {
            const std::string text = std::string(shift, ' ') + text0;
            const auto got = dateline::recognize::recognize(text);
            INFO("text: " << text0 << "\nshifted by " << shift);
            REQUIRE(got.size() == reference.size());
            for (std::size_t i = 0; i < got.size(); ++i) {
                CHECK(got[i].begin == reference[i].begin + shift);
                CHECK(got[i].end == reference[i].end + shift);
                CHECK(describe(text, got[i]) == describe(text0, reference[i]));
            }
        }
    }
}

TEST_CASE("scan: a text's last word is found whatever the text's length", "[recognize][scan]") {
    // "Friday" ends the text at every length from 6 to 70 bytes: the tail is read byte by byte.
    for (std::size_t pad = 0; pad <= 64; ++pad) {
        const std::string text = std::string(pad, 'a') + (pad ? " " : "") + "Friday";
        const auto got = dateline::recognize::recognize(text);
        INFO("text: " << text);
        REQUIRE(got.size() == 1);
        CHECK(got[0].end == text.size());
        CHECK(std::string(got[0].rule) == "weekday");
    }
}

TEST_CASE("scan: the word table finds its words in any case and of every length, and nothing else", "[recognize][scan]") {
    using dateline::grammar::lex::classify;
    using dateline::grammar::lex::WordClass;
    // Lengths 1 to 13 (the table's words are read as two 8-byte integers, with shifted loads).
    for (const char* w : {"a", "an", "the", "last", "march", "monday", "o'clock", "february", "september",
                          "wednesdays", "valentine", "thanksgiving", "independence", "approximately"}) {
        std::string lower = w, upper = w, mixed = w;
        for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
        mixed[0] = char(std::toupper(static_cast<unsigned char>(mixed[0])));
        INFO(w);
        CHECK(classify(lower) != WordClass::None);
        CHECK(classify(upper) == classify(lower));
        CHECK(classify(mixed) == classify(lower));
        // One byte more, or the last byte changed, is no word of the table.
        CHECK(classify(lower + "x") == WordClass::None);
        std::string changed = lower;
        changed.back() = 'q';
        CHECK(classify(changed) == WordClass::None);
    }
    CHECK(classify("January") == WordClass::Trigger);
    CHECK(classify("Q3") == WordClass::Trigger);
    CHECK(classify("Mother's") == WordClass::Prefix);
    CHECK(classify("THE") == WordClass::Prefix);
    CHECK(classify("") == WordClass::None);
    CHECK(classify("approximatelyyyyyyy") == WordClass::None);  // longer than any word of the table
    CHECK(classify("Th\xC3\xA9") == WordClass::None);           // bytes >= 0x80 are no letters here
    // Only capitals are folded: control bytes are not the apostrophe or digits they would be with 0x20 set.
    CHECK(classify("o\x07" "clock") == WordClass::None);
    CHECK(classify("q\x13") == WordClass::None);
}
