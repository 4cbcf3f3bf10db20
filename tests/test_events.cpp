// Events: verb groups and event nouns with tense, aspect, modality, negation and factuality.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dateline/annotate.hpp"
#include "dateline/document.hpp"
#include "dateline/timeline.hpp"
#include "events_test_util.hpp"

namespace {

using dateline::test::events_of;

const dateline::Event& find(const std::vector<dateline::Event>& es, const std::string& trigger) {
    for (auto& e : es)
        if (e.trigger == trigger) return e;
    std::string all;
    for (auto& e : es) all += "[" + e.trigger + "] ";
    FAIL("no event \"" << trigger << "\" among " << all);
    throw 0;
}

bool has(const std::vector<dateline::Event>& es, const std::string& trigger) {
    for (auto& e : es)
        if (e.trigger == trigger) return true;
    return false;
}

}  // namespace

using dateline::Tense;

TEST_CASE("events: tense of simple verbs and verb groups", "[events]") {
    auto es = events_of("Mexico tells the US it will help. Bárcena told the United States. They had made great "
                        "progress. The government is negotiating with Texas.");
    CHECK(find(es, "tells").tense == Tense::Present);
    CHECK(find(es, "will help").tense == Tense::Future);
    CHECK(find(es, "told").tense == Tense::Past);
    CHECK(find(es, "told").event_class == "REPORTING");
    auto& made = find(es, "had made");
    CHECK(made.tense == Tense::Past);
    CHECK(made.aspect == "PERFECTIVE");
    CHECK(made.lemma == "make");
    auto& neg = find(es, "is negotiating");
    CHECK(neg.tense == Tense::Present);
    CHECK(neg.aspect == "PROGRESSIVE");
}

TEST_CASE("events: an irregular participle spelled as its base is the base after a modal or \"to\"", "[events]") {
    auto es = events_of("The festival will run until May. Officials are to come on Monday. He may become chairman. "
                        "He has run the firm since 2019.");
    CHECK(find(es, "will run").tense == Tense::Future);
    CHECK(find(es, "will run").lemma == "run");
    CHECK(find(es, "come").lemma == "come");
    CHECK(find(es, "may become").lemma == "become");
    CHECK(find(es, "has run").aspect == "PERFECTIVE");
}

TEST_CASE("events: negation, passive and the whole verb group as trigger", "[events]") {
    auto es = events_of("December figures were not published. The minister didn't attend the summit.");
    auto& pub = find(es, "were not published");
    CHECK(pub.negated);
    CHECK(pub.tense == Tense::Past);
    CHECK(pub.lemma == "publish");
    CHECK(pub.factual);
    auto& att = find(es, "didn't attend");
    CHECK(att.negated);
    CHECK(att.tense == Tense::Past);
    CHECK_FALSE(find(es, "summit").negated);
}

TEST_CASE("events: modality and conditionals", "[events]") {
    auto es = events_of("Biden could face his predecessor. Her country would help. Trump threatened to close the "
                        "border if he returned to the White House.");
    auto& face = find(es, "could face");
    CHECK(face.modality == "could");
    CHECK(face.tense == Tense::Future);
    auto& help = find(es, "would help");
    CHECK(help.modality == "would");
    CHECK(help.conditional);
    CHECK(find(es, "threatened").factual);
    CHECK_FALSE(find(es, "close").factual);  // the complement of a threat
    auto& ret = find(es, "returned");
    CHECK(ret.conditional);
    CHECK_FALSE(ret.factual);
}

TEST_CASE("events: wishes and attempts make their complements non-factual", "[events]") {
    auto es = events_of("We look forward to reviewing this today. A woman drowned while trying to cross. "
                        "He said the talks ended.");
    CHECK(find(es, "look forward").event_class == "I_STATE");
    CHECK_FALSE(find(es, "reviewing").factual);
    CHECK(find(es, "drowned").factual);
    CHECK_FALSE(find(es, "cross").factual);
    CHECK(find(es, "ended").factual);  // reported speech stays factual
}

TEST_CASE("events: event nouns, plurals and multi-word nouns", "[events]") {
    auto es = events_of("The official said in a telephone press conference that the elections and his "
                        "inauguration were the focus of the meeting.");
    auto& pc = find(es, "press conference");
    CHECK(pc.noun);
    CHECK(pc.lemma == "press conference");
    CHECK(find(es, "elections").lemma == "election");
    CHECK(find(es, "inauguration").noun);
    CHECK(find(es, "meeting").noun);
    CHECK_FALSE(has(es, "conference"));
}

TEST_CASE("events: noun or verb decided by context", "[events]") {
    auto es = events_of("They will meet on Monday. The meeting was long. Officials are meeting the press.");
    CHECK_FALSE(find(es, "will meet").noun);
    CHECK(find(es, "meeting").noun);
    CHECK_FALSE(find(es, "are meeting").noun);
}

TEST_CASE("events: words inside time expressions and headers are not events", "[events]") {
    auto es = events_of("Help from Guatemala\n\nThe crisis matters this election year.");
    CHECK_FALSE(has(es, "election"));
    CHECK_FALSE(has(es, "Help"));
}

TEST_CASE("events: offsets point at the trigger and ids are in document order", "[events]") {
    std::string t = "Last Friday, a woman drowned. Officials will investigate.";
    auto es = events_of(t);
    REQUIRE(es.size() == 2);
    CHECK(es[0].eid == "e1");
    CHECK(es[1].eid == "e2");
    CHECK(t.substr(es[0].begin, es[0].end - es[0].begin) == "drowned");
    CHECK(t.substr(es[1].begin, es[1].end - es[1].begin) == "will investigate");
    CHECK(es[1].sentence == 1);
}
