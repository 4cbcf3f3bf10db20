// A sentence holding thousands of timeline entries: every exporter shows each entry with a bounded
// window of the sentence, so output grows with the number of entries, not with entries x sentence.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/exporters.hpp"
#include "dateline/timeline.hpp"

namespace {
std::string long_sentence(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "He said on Friday that ";
    return s + "it rained.";
}
}  // namespace

TEST_CASE("long sentence: exporters show a window of it per entry", "[export][linear]") {
    dateline::Options o;
    o.dct = dateline::parse_dct("2024-01-19");
    const std::string text = long_sentence(400);  // one 9 KB sentence, about 400 entries
    const auto tl = dateline::build_timeline(text, o);
    REQUIRE(tl.sentences.size() == 1);
    REQUIRE(tl.entries.size() >= 300);

    const auto j = dateline::to_json(tl);
    for (const auto& e : j["timeline"]) {
        const std::string st = e["sentence_text"].get<std::string>();
        CHECK(st.size() <= 2000 + 2 * 3);  // the window and its two ellipses
        CHECK(st.find("Friday") != std::string::npos);
        CHECK(st.find(e["trigger"].get<std::string>()) != std::string::npos);
    }
    const std::size_t n = tl.entries.size();
    CHECK(dateline::to_ics(tl).size() < n * 3500);
    CHECK(dateline::to_html(tl).size() < n * 3500 + 2 * text.size() + 20000);
    // The table's excerpt column is a window too; each row stays within its width.
    dateline::ExportOptions eo;
    eo.width = 100;
    CHECK(dateline::to_table(tl, eo).size() < (n + 2) * 160);

    // A short sentence is shown whole.
    const auto short_tl = dateline::build_timeline("The talks ended on Friday.", o);
    REQUIRE(short_tl.entries.size() == 1);
    CHECK(dateline::to_json(short_tl)["timeline"][0]["sentence_text"] == "The talks ended on Friday.");
}
