// Events in text written in capitals: all-caps ledes and articles, title-case lines. There a capital
// letter is no sign of a name, and words are judged by the lexicon.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dateline/annotate.hpp"
#include "dateline/document.hpp"
#include "dateline/timeline.hpp"
#include "events_test_util.hpp"

namespace {

using dateline::test::events_of;

std::string triggers(const std::vector<dateline::Event>& es) {
    std::string all;
    for (auto& e : es) all += "[" + e.trigger + "] ";
    return all;
}

bool has(const std::vector<dateline::Event>& es, const std::string& trigger) {
    for (auto& e : es)
        if (e.trigger == trigger) return true;
    return false;
}

dateline::Timeline timeline_of(const std::string& text) {
    dateline::Options o;
    o.dct = dateline::parse_dct("2024-01-19");
    return dateline::build_timeline(text, o, {});
}

const dateline::TimelineEntry* entry_for(const dateline::Timeline& t, const std::string& trigger) {
    for (auto& e : t.entries)
        if (e.event.trigger == trigger) return &e;
    return nullptr;
}

std::string describe(const dateline::Timeline& t) {
    std::string s;
    for (auto& e : t.entries) s += e.value + " [" + e.event.trigger + "]\n";
    return s;
}

}  // namespace

TEST_CASE("events in capitals: an all-caps lede after a wire dateline", "[events][case]") {
    auto es = events_of("WASHINGTON (AP) — THE SENATE VOTED ON TUESDAY TO APPROVE THE BUDGET.");
    INFO(triggers(es));
    CHECK(has(es, "VOTED"));
    CHECK(has(es, "APPROVE"));
    // the names of the dateline and the subject stay no events
    CHECK_FALSE(has(es, "WASHINGTON"));
    CHECK_FALSE(has(es, "SENATE"));
    CHECK(es.size() == 2);
}

TEST_CASE("events in capitals: tense, nouns and reporting verbs as in lowercase text", "[events][case]") {
    auto upper = events_of("OFFICIALS SAID ON WEDNESDAY THAT THE ATTACK HAPPENED ON FRIDAY. THE TRIAL WILL BEGIN "
                           "IN MARCH.");
    auto lower = events_of("Officials said on Wednesday that the attack happened on Friday. The trial will begin "
                           "in March.");
    INFO(triggers(upper) << " vs " << triggers(lower));
    REQUIRE(upper.size() == lower.size());
    for (std::size_t k = 0; k < upper.size(); ++k) {
        CHECK(upper[k].lemma == lower[k].lemma);
        CHECK(upper[k].tense == lower[k].tense);
        CHECK(upper[k].noun == lower[k].noun);
        CHECK(upper[k].event_class == lower[k].event_class);
    }
}

TEST_CASE("events in capitals: the timeline of an all-caps article is dated", "[timeline][case]") {
    auto t = timeline_of("THE COMPANY ANNOUNCED ON MONDAY THAT IT HAD HIRED A NEW CHIEF. SHE TOOK OFFICE IN "
                         "DECEMBER.");
    INFO(describe(t));
    auto* announced = entry_for(t, "ANNOUNCED");
    REQUIRE(announced);
    CHECK(announced->value == "2024-01-15");
    auto* took = entry_for(t, "TOOK OFFICE");
    REQUIRE(took);
    CHECK(took->value == "2023-12");
}

TEST_CASE("events in capitals: a title-case line is judged by the lexicon", "[events][case]") {
    auto es = events_of("Senate Votes To Approve Budget After Long Debate.");
    INFO(triggers(es));
    CHECK(has(es, "Votes"));
    CHECK(has(es, "Approve"));
    CHECK(has(es, "Debate"));
    CHECK_FALSE(has(es, "Senate"));
}

TEST_CASE("events in capitals: names and acronyms in ordinary prose stay names", "[events][case]") {
    // capitalized words with lowercase prose around them: "Will", "Rush" and "March" are names here
    auto es = events_of("President Will Rush and Vice President Bill March met in NATO HQ on Friday. The EU, NATO "
                        "and UN leaders spoke.");
    INFO(triggers(es));
    CHECK(has(es, "met"));
    CHECK(has(es, "spoke"));
    CHECK_FALSE(has(es, "Rush"));
    CHECK_FALSE(has(es, "Bill"));
    CHECK_FALSE(has(es, "March"));
    CHECK(es.size() == 2);
}
