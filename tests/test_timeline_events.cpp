// Timeline entries a journalist expects from news sentences: the right event for a time (the verb
// whose object is an event noun, light verbs), times coordinated around an adverb, hyphens inside
// words and scores, verbs of courts and biographies.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dateline/timeline.hpp"

namespace {

dateline::Timeline timeline_of(const std::string& text) {
    dateline::Options o;
    o.dct = dateline::parse_dct("2024-01-19");  // a Friday
    return dateline::build_timeline(text, o, {});
}

std::string describe(const dateline::Timeline& t) {
    std::string s;
    for (auto& e : t.entries)
        s += e.value + " " + std::string(to_string(e.relation)) + " [" + e.event.trigger + "] " + e.rule + "\n";
    return s;
}

// The value of the entry of `trigger` (several entries: joined by " ").
std::string value_of(const dateline::Timeline& t, const std::string& trigger) {
    std::string v;
    for (auto& e : t.entries)
        if (e.event.trigger == trigger) v += (v.empty() ? "" : " ") + e.value;
    return v;
}

}  // namespace

TEST_CASE("timeline events: a time after the object of a verb dates the verb", "[timeline][anchor][object]") {
    auto t = timeline_of("The two sides signed a ceasefire in Geneva on June 12, 2022. The president made a decision "
                         "on Monday to drop the plan. The Hawks won their first championship in 30 years on "
                         "Saturday. Shareholders will vote on the merger on January 25. Aid agencies suspended "
                         "operations in the town on Sunday.");
    INFO(describe(t));
    CHECK(value_of(t, "signed") == "2022-06-12");
    CHECK(value_of(t, "ceasefire").empty());  // one entry, not two
    CHECK(value_of(t, "made") == "2024-01-15");
    CHECK(value_of(t, "decision").empty());
    CHECK(value_of(t, "won") == "2024-01-13");
    CHECK(value_of(t, "will vote") == "2024-01-25");
    CHECK(value_of(t, "merger").empty());
    CHECK(value_of(t, "suspended") == "2024-01-14");
}

TEST_CASE("timeline events: the time of a reported, planned or scheduled event stays the event's",
          "[timeline][anchor][object]") {
    auto t = timeline_of("The judge scheduled sentencing for January 29. The union announced a strike on Monday. "
                         "The council said Friday it would investigate the massacre nearly four years ago. "
                         "Police arrested him after the attack on Tuesday.");
    INFO(describe(t));
    CHECK(value_of(t, "sentencing") == "2024-01-29");
    CHECK(value_of(t, "strike") == "2024-01-15");  // "announced" reports it
    CHECK(value_of(t, "massacre") == "2020");      // "would investigate" cannot be four years ago
    CHECK(value_of(t, "would investigate").empty());
    CHECK(value_of(t, "attack") == "2024-01-16");  // "after" is no object of "arrested"
}

TEST_CASE("timeline events: a hyphen inside a word or a score ends no clause", "[timeline][anchor]") {
    auto t = timeline_of("The Senate voted 52-48 on Tuesday to approve the bill. A co-defendant, Lisa Marsh, pleaded "
                         "guilty in August and testified against him on October 12.");
    INFO(describe(t));
    CHECK(value_of(t, "voted") == "2024-01-16");
    CHECK(value_of(t, "approve").empty());
    CHECK(value_of(t, "pleaded") == "2023-08");
    CHECK(value_of(t, "testified") == "2023-10-12");
}

TEST_CASE("timeline events: times coordinated around an adverb date the same event", "[timeline][anchor]") {
    auto t = timeline_of("Negotiators met privately on January 10 and again on January 17. Prices rose in 2019 and "
                         "then in 2021.");
    INFO(describe(t));
    CHECK(value_of(t, "met") == "2024-01-10 2024-01-17");
    CHECK(value_of(t, "rose") == "2019 2021");
}

TEST_CASE("timeline events: light verbs and verbs of biographies", "[timeline][events]") {
    auto t = timeline_of("Carver took office in January 2023. Park took over the team in 2022. The company went "
                         "public in 2015. She taught there until 2015 and served on the board in 2010. The ceremony "
                         "took place on Tuesday.");
    INFO(describe(t));
    CHECK(value_of(t, "took office") == "2023-01");
    CHECK(value_of(t, "took over") == "2022");
    CHECK(value_of(t, "went public") == "2015");
    CHECK(value_of(t, "taught") == "2015");
    CHECK(value_of(t, "served") == "2010");
    CHECK(value_of(t, "took place") == "2024-01-16");
}

namespace {
// The relation of the entry of `trigger` (the first one).
std::string relation_of(const dateline::Timeline& t, const std::string& trigger) {
    for (auto& e : t.entries)
        if (e.event.trigger == trigger) return std::string(to_string(e.relation));
    return "";
}
}  // namespace

TEST_CASE("timeline events: a dated event after since/after/before/until places its clause's verb",
          "[timeline][anchor][relative]") {
    auto t = timeline_of("After the attack on January 12, the army launched a counteroffensive. Prices have risen since "
                         "the election in March 2023. The company has grown since it was founded in 2009. He will stay "
                         "until the vote on January 25. Before the vote on Tuesday, Senator Dunne delivered a "
                         "speech.");
    INFO(describe(t));
    CHECK(value_of(t, "attack") == "2024-01-12");
    CHECK(value_of(t, "launched") == "2024-01-12");
    CHECK(relation_of(t, "launched") == "AFTER");
    CHECK(value_of(t, "have risen") == "2023-03");
    CHECK(relation_of(t, "have risen") == "AFTER");
    CHECK(value_of(t, "has grown") == "2009");
    CHECK(relation_of(t, "has grown") == "AFTER");
    CHECK(value_of(t, "will stay") == "2024-01-25");
    CHECK(relation_of(t, "will stay") == "BEFORE");
    CHECK(value_of(t, "delivered") == "2024-01-16");
    CHECK(relation_of(t, "delivered") == "BEFORE");
}

TEST_CASE("timeline events: a verb with a time of its own keeps it", "[timeline][anchor][relative]") {
    auto t = timeline_of("After the attack on Friday, the army launched a counteroffensive on Saturday. Officials "
                         "said the explosion, which occurred on Tuesday, killed five people.");
    INFO(describe(t));
    CHECK(value_of(t, "launched") == "2024-01-13");
    CHECK(relation_of(t, "launched") == "ON");
    CHECK(value_of(t, "occurred") == "2024-01-16");
    CHECK(value_of(t, "said").empty());
}

TEST_CASE("timeline events: a duration after/before a dated clause counts from its time", "[timeline][anchor]") {
    auto t = timeline_of("The verdict came a week after the jury heard arguments on January 3.");
    INFO(describe(t));
    CHECK(value_of(t, "came") == "2024-01-10");
    CHECK(value_of(t, "heard") == "2024-01-03");
}

TEST_CASE("timeline events: an event dated twice the same way in its sentence is one entry", "[timeline][anchor]") {
    auto t = timeline_of("The government celebrated the birth of the hero on Friday with parades Friday. The board "
                         "met on Monday and again on Wednesday.");
    INFO(describe(t));
    CHECK(value_of(t, "celebrated") == "2024-01-19");  // once
    CHECK(value_of(t, "met") == "2024-01-15 2024-01-17");  // two days: two entries
}

TEST_CASE("timeline events: an excerpt's subject stops at another clause", "[timeline][excerpt]") {
    auto t = timeline_of("The man, who is the subject of a manhunt was charged with murder on Thursday. The three "
                         "countries finished the formalities after the parliament ratified the treaty on Tuesday.");
    INFO(describe(t));
    std::string charged, ratified;
    for (auto& e : t.entries) {
        if (e.event.trigger == "was charged") charged = e.text;
        if (e.event.trigger == "ratified") ratified = e.text;
    }
    CHECK(charged.rfind("the subject of a manhunt was charged", 0) == 0);
    CHECK(ratified.rfind("the parliament ratified the treaty", 0) == 0);
}

TEST_CASE("timeline order: on the same day a report follows what happened", "[timeline][order]") {
    auto t = timeline_of("Officials said on Monday that the government imposed a curfew on Monday. "
                         "International teams arrived on Monday.");
    INFO(describe(t));
    std::vector<std::string> order;
    for (auto& e : t.entries) order.push_back(e.event.trigger);
    CHECK(order == std::vector<std::string>{"imposed", "arrived", "said"});
}

TEST_CASE("timeline events: reported speech dates the saying and the reported event apart", "[timeline][anchor]") {
    auto t = timeline_of("Police said on Wednesday that the attack happened on Monday. A spokesman said Thursday the "
                         "fighters had entered the town on Tuesday morning.");
    INFO(describe(t));
    CHECK(value_of(t, "said") == "2024-01-17 2024-01-18");
    CHECK(value_of(t, "happened") == "2024-01-15");
    CHECK(value_of(t, "had entered") == "2024-01-16TMO");
}

TEST_CASE("timeline events: an -ing word between a verb and a plural noun modifies the noun", "[timeline][events]") {
    auto t = timeline_of("The jury heard closing arguments on January 9. Analysts reported rising prices on "
                         "Monday. The firm began selling cars on Tuesday.");
    INFO(describe(t));
    CHECK(value_of(t, "heard") == "2024-01-09");
    CHECK(value_of(t, "closing").empty());
    CHECK(value_of(t, "reported") == "2024-01-15");
    CHECK(value_of(t, "rising").empty());
    // a verb that takes an -ing complement keeps it a verb
    bool selling = false;
    for (auto& e : t.events) selling = selling || e.trigger == "selling";
    CHECK(selling);
}

TEST_CASE("timeline events: by the time <dated clause>, the main clause is before that time",
          "[timeline][anchor]") {
    auto t = timeline_of("By the time rescuers arrived on Sunday, the fire had destroyed the village. "
                         "The bill was passed by the Senate on Tuesday.");
    INFO(describe(t));
    std::string destroyed;
    for (auto& e : t.entries)
        if (e.event.trigger == "had destroyed") destroyed = e.value + " " + std::string(to_string(e.relation));
    CHECK(destroyed == "2024-01-14 BEFORE");
    CHECK(value_of(t, "arrived") == "2024-01-14");
    for (auto& e : t.entries)
        if (e.event.trigger == "arrived") CHECK(e.text == "rescuers arrived on Sunday");
    CHECK(value_of(t, "was passed") == "2024-01-16");  // "by" the agent: no relation
}

TEST_CASE("timeline events: the text of an event noun after a possessive holds its possessor",
          "[timeline][events]") {
    auto t = timeline_of("Last year's race was run in heat. The company's report on Monday surprised analysts.");
    INFO(describe(t));
    std::string race, report;
    for (auto& e : t.entries) {
        if (e.event.trigger == "race") race = e.text;
        if (e.event.trigger == "report") report = e.text;
    }
    CHECK(race == "Last year's race");
    CHECK(report == "The company's report on Monday");
}

TEST_CASE("timeline events: the text of a clause is not cut inside a noun phrase", "[timeline][events]") {
    auto t = timeline_of("Apple forecast revenue of $41 billion to $43 billion on Tuesday, short of estimates. "
                         "A report published on Wednesday said funding would fall by 6 percent next year.");
    INFO(describe(t));
    std::string forecast;
    for (auto& e : t.entries)
        if (e.event.trigger == "forecast") forecast = e.text;
    CHECK(forecast.find("$43 billion") != std::string::npos);
    bool cut = false;
    for (auto& e : t.entries) cut = cut || (e.text.size() > 5 && e.text.compare(e.text.size() - 5, 5, "by 6") == 0);
    CHECK_FALSE(cut);
}

TEST_CASE("timeline events: by the time <event noun> <verb> <time>, the main clause is before that time",
          "[timeline][anchor]") {
    // The subject of the dated clause is an event noun ("the talks"): the phrase is still opened by
    // "by the time", and the future perfect of the main clause is placed before Friday.
    auto t = timeline_of("By the time the talks end on Friday, both sides will have signed the accord. "
                         "After the vote, the strike ended on Monday.");
    INFO(describe(t));
    std::string signed_;
    for (auto& e : t.entries)
        if (e.event.trigger == "will have signed") signed_ = e.value + " " + std::string(to_string(e.relation));
    CHECK(signed_ == "2024-01-19 BEFORE");
    CHECK(value_of(t, "end") == "2024-01-19");
    // a comma closes the phrase: "ended" keeps its own time only
    for (auto& e : t.entries)
        if (e.event.trigger == "ended") CHECK(std::string(to_string(e.relation)) == "ON");
}
