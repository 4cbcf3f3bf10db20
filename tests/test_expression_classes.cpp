// Expression classes added to the grammar families, checked through the public API and the
// exporters: a recurring weekday every other week, bi-/semi- adverbs and the quarter that ends on a
// stated day carry their TIMEX3 attributes into JSON and TimeML the way the older SETs and DATEs do.
// (Each class also has corpus lines in grammars/en/*.corpus; this checks what the outputs carry.)
#include <string>

#include <catch2/catch.hpp>

#include "dateline/annotate.hpp"
#include "dateline/json.hpp"
#include "dateline/timeml.hpp"

namespace {

dateline::Annotation run(const char* text) {
    dateline::Options o;
    o.dct = dateline::parse_dct("2024-01-19");
    return dateline::annotate(text, o);
}

const dateline::Timex* find(const dateline::Annotation& a, std::string_view text) {
    for (const auto& t : a.timexes)
        if (t.text == text) return &t;
    return nullptr;
}

// The opening TIMEX3 tag of the timex whose text is `text` in a TimeML document ("" if none).
std::string timeml_tag(const std::string& xml, const std::string& text) {
    auto close = xml.find(">" + text + "</TIMEX3>");
    if (close == std::string::npos) return "";
    auto open = xml.rfind("<TIMEX3", close);
    return open == std::string::npos ? "" : xml.substr(open, close - open + 1);
}

}  // namespace

TEST_CASE("every other Thursday is a weekday SET with its two-week period, in JSON and TimeML", "[sets]") {
    const char* text = "The board meets every other Thursday and publishes its minutes biweekly.";
    auto a = run(text);
    const auto* t = find(a, "every other Thursday");
    REQUIRE(t);
    CHECK(t->type == dateline::TimexType::Set);
    CHECK(t->value == "XXXX-WXX-4");
    CHECK(t->quant == "EVERY");
    CHECK(t->freq == "2W");
    const auto* b = find(a, "biweekly");
    REQUIRE(b);
    CHECK(b->value == "P2W");
    CHECK(b->freq == "1X");

    auto j = dateline::to_json(a);
    bool seen = false;
    for (const auto& x : j["timexes"])
        if (x["text"] == "every other Thursday") {
            seen = true;
            CHECK(x["type"] == "SET");
            CHECK(x["quant"] == "EVERY");
            CHECK(x["freq"] == "2W");
        }
    CHECK(seen);

    auto xml = dateline::write_timeml(text, a);
    auto tag = timeml_tag(xml, "every other Thursday");
    INFO(xml);
    CHECK(tag.find("type=\"SET\"") != std::string::npos);
    CHECK(tag.find("value=\"XXXX-WXX-4\"") != std::string::npos);
    CHECK(tag.find("quant=\"EVERY\"") != std::string::npos);
    CHECK(tag.find("freq=\"2W\"") != std::string::npos);
    tag = timeml_tag(xml, "biweekly");
    CHECK(tag.find("value=\"P2W\"") != std::string::npos);
    CHECK(tag.find("freq=\"1X\"") != std::string::npos);
}

TEST_CASE("the quarter ending a day is the quarter of the three months up to it, in the clause's tense", "[quarter]") {
    auto past = run("Profit rose in the quarter ending March 31.");
    const auto* q = find(past, "the quarter");
    const auto* d = find(past, "March 31");
    REQUIRE(q);
    REQUIRE(d);
    CHECK(q->value == "2023-Q1");
    CHECK(d->value == "2023-03-31");

    auto future = run("Profit will rise in the quarter ending March 31.");
    q = find(future, "the quarter");
    d = find(future, "March 31");
    REQUIRE(q);
    REQUIRE(d);
    CHECK(q->value == "2024-Q1");
    CHECK(d->value == "2024-03-31");

    // A fiscal quarter ended July 31 is mostly May and June: the second calendar quarter.
    auto fiscal = run("In the quarter ended July 31, the retailer lost money.");
    q = find(fiscal, "the quarter");
    REQUIRE(q);
    CHECK(q->value == "2023-Q2");
}
