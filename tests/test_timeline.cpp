// Timeline: anchoring rules, ordering, the reference article, and the JSON form.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <date/date.h>

#include "dateline/exporters.hpp"
#include "dateline/timeline.hpp"

namespace {

using dateline::Granularity;
using dateline::Relation;
using dateline::TimelineEntry;

dateline::Timeline timeline_of(const std::string& text, bool all = false,
                               dateline::Strategy strategy = dateline::Strategy::News) {
    dateline::Options o;
    o.dct = dateline::parse_dct("2024-01-19");
    o.strategy = strategy;
    dateline::TimelineOptions to;
    to.all_events = all;
    return dateline::build_timeline(text, o, to);
}

std::string describe(const dateline::Timeline& t) {
    std::string s;
    for (auto& e : t.entries)
        s += e.value + " " + std::string(to_string(e.relation)) + " [" + e.event.trigger + "] " + e.rule + "\n";
    return s;
}

const TimelineEntry* entry_for(const dateline::Timeline& t, const std::string& trigger) {
    for (auto& e : t.entries)
        if (e.event.trigger == trigger) return &e;
    return nullptr;
}

std::chrono::sys_seconds day(int y, unsigned m, unsigned d) {
    return std::chrono::sys_seconds{date::sys_days{date::year{y} / date::month{m} / date::day{d}}};
}

TimelineEntry entry(const std::string& name, std::chrono::sys_seconds b, std::chrono::sys_seconds e,
                    Granularity g, Relation r, std::size_t offset) {
    TimelineEntry x;
    x.event.trigger = name;
    x.event.begin = offset;
    x.interval = dateline::Interval{b, e};
    x.granularity = g;
    x.relation = r;
    return x;
}

std::vector<std::string> order_of(std::vector<TimelineEntry> es) {
    dateline::order_entries(es);
    std::vector<std::string> out;
    for (auto& e : es) out.push_back(e.event.trigger);
    return out;
}

}  // namespace

TEST_CASE("timeline order: begin, then coarser granularity, then document order", "[timeline][order]") {
    std::vector<TimelineEntry> es = {
        entry("day-jan1", day(2024, 1, 1), day(2024, 1, 2), Granularity::Day, Relation::On, 10),
        entry("year", day(2024, 1, 1), day(2025, 1, 1), Granularity::Year, Relation::On, 50),
        entry("month", day(2024, 1, 1), day(2024, 2, 1), Granularity::Month, Relation::On, 40),
        entry("dec", day(2023, 12, 1), day(2024, 1, 1), Granularity::Month, Relation::On, 90),
        entry("jan12", day(2024, 1, 12), day(2024, 1, 13), Granularity::Day, Relation::On, 5),
    };
    CHECK(order_of(es) == std::vector<std::string>{"dec", "year", "month", "day-jan1", "jan12"});
}

TEST_CASE("timeline order: the same day keeps document order", "[timeline][order]") {
    std::vector<TimelineEntry> es = {
        entry("second", day(2024, 1, 18), day(2024, 1, 19), Granularity::Day, Relation::On, 200),
        entry("first", day(2024, 1, 18), day(2024, 1, 19), Granularity::Day, Relation::On, 100),
        entry("third", day(2024, 1, 18), day(2024, 1, 19), Granularity::Day, Relation::On, 300),
    };
    CHECK(order_of(es) == std::vector<std::string>{"first", "second", "third"});
}

TEST_CASE("timeline order: BEFORE and AFTER sit at the edges of their time", "[timeline][order]") {
    std::vector<TimelineEntry> es = {
        entry("on-dec27", day(2023, 12, 27), day(2023, 12, 28), Granularity::Day, Relation::On, 10),
        entry("after-dec27", day(2023, 12, 27), day(2023, 12, 28), Granularity::Day, Relation::After, 20),
        entry("on-dec28", day(2023, 12, 28), day(2023, 12, 29), Granularity::Day, Relation::On, 5),
        entry("before-dec27", day(2023, 12, 27), day(2023, 12, 28), Granularity::Day, Relation::Before, 30),
        entry("on-dec26", day(2023, 12, 26), day(2023, 12, 27), Granularity::Day, Relation::On, 40),
    };
    CHECK(order_of(es) ==
          std::vector<std::string>{"on-dec26", "before-dec27", "on-dec27", "after-dec27", "on-dec28"});
}

TEST_CASE("timeline order: entries without a resolved time come last, in document order", "[timeline][order]") {
    std::vector<TimelineEntry> es = {
        entry("dated", day(2030, 1, 1), day(2030, 1, 2), Granularity::Day, Relation::On, 900),
    };
    TimelineEntry u1, u2;
    u1.event.trigger = "undated-b";
    u1.event.begin = 50;
    u2.event.trigger = "undated-a";
    u2.event.begin = 10;
    es.push_back(u1);
    es.push_back(u2);
    CHECK(order_of(es) == std::vector<std::string>{"dated", "undated-a", "undated-b"});
}

TEST_CASE("anchoring: a time that premodifies an event noun", "[timeline][anchor]") {
    auto t = timeline_of("This is a follow-up to the December 27 meeting in Mexico, Bárcena explained.");
    INFO(describe(t));
    REQUIRE(t.entries.size() == 1);
    auto& e = t.entries[0];
    CHECK(e.event.trigger == "meeting");
    CHECK(e.value == "2023-12-27");
    CHECK(e.relation == Relation::On);
    CHECK(e.dated);
    CHECK(e.text == "the December 27 meeting in Mexico");
    CHECK(e.rule.find("modifies the event noun") != std::string::npos);
    CHECK(e.tid == "t1");
    CHECK(e.time_text == "December 27");
}

TEST_CASE("anchoring: a time phrase completing an event noun beats the verb", "[timeline][anchor]") {
    auto t = timeline_of("Bárcena told the United States at a meeting in Washington on Friday that her country "
                         "would help.");
    INFO(describe(t));
    REQUIRE(t.entries.size() == 1);
    CHECK(t.entries[0].event.trigger == "meeting");
    CHECK(t.entries[0].value == "2024-01-19");
    CHECK(t.entries[0].text == "a meeting in Washington on Friday");
}

TEST_CASE("anchoring: a fronted time modifies the verb of its clause", "[timeline][anchor]") {
    auto t = timeline_of("Last Friday, a Mexican woman and two children drowned while trying to cross.");
    INFO(describe(t));
    REQUIRE(t.entries.size() == 1);
    auto& e = t.entries[0];
    CHECK(e.event.trigger == "drowned");
    CHECK(e.value == "2024-01-12");
    CHECK(e.relation == Relation::On);
    CHECK(e.text == "a Mexican woman and two children drowned");
    CHECK(e.rule.find("modifies the verb") != std::string::npos);
    // Without the comma, and as a prepositional phrase, the time stays out of the event's text too;
    // a time inside the subject stays in.
    auto u = timeline_of("In January the plant will close. December figures were not published.");
    INFO(describe(u));
    REQUIRE(u.entries.size() == 2);
    CHECK(u.entries[0].text == "December figures were not published");
    CHECK(u.entries[1].text == "the plant will close");
}

TEST_CASE("anchoring: amounts with % and $ do not end the clause", "[timeline][anchor]") {
    auto t = timeline_of("Shares fell 3.5% to $12.50 in December. Inflation rose to 4% on Tuesday.");
    INFO(describe(t));
    auto* fell = entry_for(t, "fell");
    REQUIRE(fell);
    CHECK(fell->value == "2023-12");
    CHECK(fell->text == "Shares fell 3.5% to $12.50 in December");
    auto* rose = entry_for(t, "rose");
    REQUIRE(rose);
    CHECK(rose->value == "2024-01-16");
}

TEST_CASE("events: a plural counted by a number word is a noun, not a verb", "[timeline][events]") {
    auto t = timeline_of("Police arrested two suspects on Tuesday. The two met on Friday.");
    INFO(describe(t));
    auto* arrested = entry_for(t, "arrested");
    REQUIRE(arrested);
    CHECK(arrested->value == "2024-01-16");
    CHECK_FALSE(entry_for(t, "suspects"));
    for (auto& e : t.events) CHECK(e.trigger != "suspects");
    CHECK(entry_for(t, "met"));  // a past form after a number word stays a verb
}

TEST_CASE("anchoring: prepositions give the relation", "[timeline][anchor]") {
    auto t = timeline_of("Prices rose sharply since January. The company will report before Friday. "
                         "The strike continued throughout 2023.");
    INFO(describe(t));
    auto* rose = entry_for(t, "rose");
    REQUIRE(rose);
    CHECK(rose->relation == Relation::After);
    CHECK(rose->value == "2024-01");
    auto* report = entry_for(t, "will report");
    REQUIRE(report);
    CHECK(report->relation == Relation::Before);
    auto* strike = entry_for(t, "continued");
    REQUIRE(strike);
    CHECK(strike->relation == Relation::Includes);
    CHECK(strike->value == "2023");
}

TEST_CASE("anchoring: 'in <duration>' in a future clause is that far after the DCT", "[timeline][anchor]") {
    auto t = timeline_of("The panel will report in three weeks. In two years the plant will close. "
                         "The strike will end in 10 days. Sales will double in six months. "
                         "The company collapsed in three weeks. The talks will last for three weeks. "
                         "Acme said it expects net income in the year ending June 30. "
                         "The agency will decide within 30 days. The board will vote within two weeks.");
    INFO(describe(t));
    auto check = [&](const char* trigger, const char* value, Granularity g, const char* begin) {
        auto* e = entry_for(t, trigger);
        REQUIRE(e);
        CHECK(e->value == value);
        CHECK(e->granularity == g);
        CHECK(e->relation == Relation::On);
        CHECK(e->dated);
        REQUIRE(e->interval);
        CHECK(dateline::to_iso(e->interval->begin) == begin);
        CHECK(e->time_text.find(' ') != std::string::npos);  // the duration's own text ("three weeks")
    };
    check("will report", "2024-W06", Granularity::Week, "2024-02-05T00:00:00");  // 2024-02-09 is in W06
    check("will close", "2026", Granularity::Year, "2026-01-01T00:00:00");
    check("will end", "2024-01-29", Granularity::Day, "2024-01-29T00:00:00");
    check("will double", "2024-07", Granularity::Month, "2024-07-01T00:00:00");
    auto* decide = entry_for(t, "will decide");  // "within": by then
    REQUIRE(decide);
    CHECK(decide->value == "2024-02-18");
    CHECK(decide->relation == Relation::Before);
    auto* vote = entry_for(t, "will vote");  // by the day two weeks ahead, not before that week began
    REQUIRE(vote);
    CHECK(vote->value == "2024-02-02");
    CHECK(vote->relation == Relation::Before);
    // A past clause ("collapsed in three weeks": how long it took) and "for" (how long it lasts) are no date.
    CHECK_FALSE(entry_for(t, "collapsed"));
    CHECK_FALSE(entry_for(t, "will last"));
    for (auto& e : t.entries)  // "the year ending June 30" is a determined period, not a count of years
        CHECK(e.value != "2025");
    // The TIMEX3 itself stays the DURATION, as TimeML has it.
    for (auto& x : t.annotation.timexes)
        if (x.text == "three weeks") CHECK(x.type == dateline::TimexType::Duration);
}

TEST_CASE("anchoring: '<duration> after/before <a dated time>' is that far from it", "[timeline][anchor]") {
    auto t = timeline_of("The strike began three weeks after Nov. 5. "
                         "The strike ended two days after the vote on Monday. "
                         "Two days before the Dec. 12 deadline, the company withdrew its offer. "
                         "The plant reopened six months after June 2023. "
                         "The union struck a week after the talks collapsed. "
                         "Prices rose for three weeks after Nov. 5.");
    INFO(describe(t));
    auto check = [&](const char* trigger, const char* value, Granularity g) {
        auto* e = entry_for(t, trigger);
        REQUIRE(e);
        CHECK(e->value == value);
        CHECK(e->granularity == g);
        CHECK(e->relation == Relation::On);
        CHECK(e->dated);
        REQUIRE(e->interval);
        CHECK(dateline::to_iso(e->interval->begin) == std::string(value).substr(0, 10) + "T00:00:00");
    };
    check("began", "2023-11-26", Granularity::Day);     // not also AFTER 2023-11-05: the anchor dates nothing else
    check("ended", "2024-01-17", Granularity::Day);     // Monday 2024-01-15 + 2 days
    check("withdrew", "2023-12-10", Granularity::Day);  // fronted, before the anchor
    auto* vote = entry_for(t, "vote");                   // the anchor's own event keeps its day
    REQUIRE(vote);
    CHECK(vote->value == "2024-01-15");
    int began = 0;
    for (auto& e : t.entries) began += e.event.trigger == "began";
    CHECK(began == 1);
    // A month anchor counted in months stays a month; an anchor that is an event, not a time, dates
    // nothing; "for three weeks after" is how long, its event stays after the anchor.
    auto* reopened = entry_for(t, "reopened");
    REQUIRE(reopened);
    CHECK(reopened->value == "2023-12");
    CHECK(reopened->granularity == Granularity::Month);
    CHECK_FALSE(entry_for(t, "struck"));
    auto* rose = entry_for(t, "rose");
    REQUIRE(rose);
    CHECK(rose->relation == Relation::After);
    CHECK(rose->value == "2023-11-05");
}

TEST_CASE("anchoring: a range of two times dates its event over both; through / no later than", "[timeline][anchor]") {
    auto t = timeline_of("The strike lasted from Monday to Wednesday. Between 2019 and 2021, prices doubled. "
                         "The report will cover 2020 through 2022. The offer runs through March 31. "
                         "Bids must be filed no later than June 30. Numbers kept dropping through the nineties. "
                         "The fair ran from March to the third quarter. "
                         "The meeting ran from 10:00 to 11:30 a.m. Tuesday. "
                         "Talks were held March 3\xE2\x80\x93" "5, 2023. The fair opened 19\xE2\x80\x93" "20 January.");
    INFO(describe(t));
    auto* strike = entry_for(t, "lasted");
    REQUIRE(strike);
    CHECK(strike->value == "2024-01-15/2024-01-17");
    CHECK(strike->relation == Relation::On);
    CHECK(strike->granularity == Granularity::Day);
    REQUIRE(strike->interval);
    CHECK(dateline::to_iso(strike->interval->begin) == "2024-01-15T00:00:00");
    CHECK(dateline::to_iso(strike->interval->end) == "2024-01-18T00:00:00");
    CHECK(strike->time_text == "Monday to Wednesday");
    int lasted = 0;
    for (auto& e : t.entries) lasted += e.event.trigger == "lasted";
    CHECK(lasted == 1);  // one entry for the range, not one per end
    auto* doubled = entry_for(t, "doubled");
    REQUIRE(doubled);
    CHECK(doubled->value == "2019/2021");
    CHECK(doubled->time_text == "2019 and 2021");
    auto* cover = entry_for(t, "will cover");
    REQUIRE(cover);
    CHECK(cover->value == "2020/2022");
    auto* runs = entry_for(t, "runs");
    REQUIRE(runs);
    CHECK(runs->relation == Relation::Before);  // until that day
    CHECK(runs->value == "2024-03-31");
    auto* filed = entry_for(t, "must be filed");
    REQUIRE(filed);
    CHECK(filed->relation == Relation::Before);
    CHECK(filed->value == "2024-06-30");
    auto* dropping = entry_for(t, "dropping");
    REQUIRE(dropping);
    CHECK(dropping->relation == Relation::Includes);  // through a period: during it
    // A clock-time range takes its day from its end: one entry over the hours.
    auto* meeting = entry_for(t, "ran");
    REQUIRE(meeting);
    bool hours = false;
    for (auto& e : t.entries)
        hours = hours || (e.event.trigger == "ran" && e.value == "2024-01-16T10:00/2024-01-16T11:30");
    CHECK(hours);
    // Day ranges with an en dash, the year after the last day, or a day before a day-first date.
    auto* held = entry_for(t, "were held");
    REQUIRE(held);
    CHECK(held->value == "2023-03-03/2023-03-05");
    auto* opened = entry_for(t, "opened");
    REQUIRE(opened);
    CHECK(opened->value == "2024-01-19/2024-01-20");
    // Times of different granularity are no range: two entries.
    int ran = 0;
    for (auto& e : t.entries) ran += e.event.trigger == "ran";
    CHECK(ran == 3);  // the fair's two ends and the meeting's range
}

TEST_CASE("anchoring: a hyphen between two numbers joins a range, after any preposition of time", "[timeline][anchor]") {
    auto t = timeline_of("A meeting was held on Jan. 29-31 in Geneva. The summit took place March 3-5, 2023, in "
                         "Paris. Prices rose in 2019-2021. He has lived there since 2019-2021.");
    INFO(describe(t));
    auto* held = entry_for(t, "was held");
    REQUIRE(held);
    CHECK(held->value == "2024-01-29/2024-01-31");
    auto* took = entry_for(t, "took place");
    REQUIRE(took);
    CHECK(took->value == "2023-03-03/2023-03-05");
    auto* rose = entry_for(t, "rose");
    REQUIRE(rose);
    CHECK(rose->value == "2019/2021");
    auto* lived = entry_for(t, "has lived");  // "since" starts a span: no range
    REQUIRE(lived);
    CHECK(lived->value == "2019");
}

TEST_CASE("anchoring: a past form right after an adverbial time is the verb it dates", "[timeline][anchor]") {
    auto t = timeline_of("French prosecutors on Wednesday charged a former minister. The Senate late Tuesday "
                         "passed the bill. The Monday closed session was tense.");
    INFO(describe(t));
    auto* charged = entry_for(t, "charged");
    REQUIRE(charged);
    CHECK(charged->value == "2024-01-17");
    auto* passed = entry_for(t, "passed");
    REQUIRE(passed);
    CHECK(passed->value == "2024-01-16");
    CHECK(entry_for(t, "closed") == nullptr);  // "the Monday closed session": an adjective
    auto* session = entry_for(t, "session");
    REQUIRE(session);
    CHECK(session->value == "2024-01-15");
}

TEST_CASE("anchoring: a time coordinated with the one before it dates the same event", "[timeline][anchor]") {
    auto t = timeline_of("The company cut jobs in 2022 and 2023. Amazon, which announced cuts in 2020 and 2021, has "
                         "said it will hire. Elections were held in June and November, officials said.");
    INFO(describe(t));
    int cut = 0, announced = 0, held = 0, said = 0;
    for (auto& e : t.entries) {
        cut += e.event.trigger == "cut" && (e.value == "2022" || e.value == "2023");
        announced += (e.event.trigger == "announced" || e.event.trigger == "cuts") && (e.value == "2020" || e.value == "2021");
        held += e.event.trigger == "were held" && (e.value == "2023-06" || e.value == "2023-11");
        said += e.event.trigger == "has said" || e.event.trigger == "said";
    }
    CHECK(cut == 2);
    CHECK(announced == 2);
    CHECK(held == 2);  // both in the past: November 2023, not the coming one
    CHECK(said == 0);
}

TEST_CASE("anchoring: \"N units after <event>\" dates that event from the clause's dated event", "[timeline][anchor]") {
    auto t = timeline_of("Prosecutors on Wednesday charged the minister, two years after an investigation was opened. "
                         "Three days after the election, the president resigned on Friday. A jogger saw the car at "
                         "6 a.m. ten days before the shooting.");
    INFO(describe(t));
    auto* inv = entry_for(t, "investigation");
    REQUIRE(inv);
    CHECK(inv->value == "2022");
    CHECK(inv->relation == dateline::Relation::On);
    auto* election = entry_for(t, "election");
    REQUIRE(election);
    CHECK(election->value == "2024-01-16");  // Friday 2024-01-19 minus three days
    CHECK(entry_for(t, "shooting") == nullptr);  // not from a bare clock time
}

TEST_CASE("anchoring: a copula clause becomes a state event", "[timeline][anchor]") {
    auto t = timeline_of("The migration crisis is of particular interest in both countries this election year, "
                         "with presidential elections in June in Mexico and November in the United States.");
    INFO(describe(t));
    REQUIRE(t.entries.size() == 3);
    CHECK(t.entries[0].value == "2024");
    CHECK(t.entries[0].event.lemma == "be");
    CHECK(t.entries[0].event.event_class == "STATE");
    CHECK(t.entries[1].value == "2024-06");
    CHECK(t.entries[1].event.trigger == "elections");
    CHECK(t.entries[1].text == "presidential elections in June in Mexico");
    CHECK(t.entries[2].value == "2024-11");
    CHECK(t.entries[2].event.trigger == "elections");
    CHECK(t.entries[2].text == "presidential elections … November in the United States");
}

TEST_CASE("anchoring: 'since that meeting' refers back to the dated meeting", "[timeline][anchor]") {
    std::string text = "This is a follow-up to the December 27 meeting in Mexico. Blinken said they had made "
                       "great progress in just three weeks since that meeting.";
    auto dated = timeline_of(text);
    INFO(describe(dated));
    CHECK(dated.entries.size() == 1);  // only the meeting is dated by a time of its own
    auto all = timeline_of(text, true);
    INFO(describe(all));
    auto* made = entry_for(all, "had made");
    REQUIRE(made);
    CHECK(made->relation == Relation::After);
    CHECK(made->value == "2023-12-27");
    CHECK_FALSE(made->dated);
    CHECK(made->rule.find("since that meeting") != std::string::npos);
}

TEST_CASE("anchoring: undated events are left out, or placed at the DCT by tense", "[timeline][anchor]") {
    std::string text = "The minister resigned. Elections will follow. The party leads the polls.";
    CHECK(timeline_of(text).entries.empty());
    auto t = timeline_of(text, true);
    INFO(describe(t));
    auto* resigned = entry_for(t, "resigned");
    auto* follow = entry_for(t, "will follow");
    auto* leads = entry_for(t, "leads");
    REQUIRE(resigned);
    REQUIRE(follow);
    REQUIRE(leads);
    CHECK(resigned->relation == Relation::Before);
    CHECK(follow->relation == Relation::After);
    CHECK(leads->relation == Relation::On);
    for (auto* e : {resigned, follow, leads}) {
        CHECK_FALSE(e->dated);
        CHECK(e->value == "2024-01-19");
        CHECK(e->tid.empty());
        CHECK(e->rule.find("DCT") != std::string::npos);
    }
    // BEFORE the DCT sorts before ON it, AFTER it after.
    auto pos = [&](const std::string& trig) {
        for (std::size_t i = 0; i < t.entries.size(); ++i)
            if (t.entries[i].event.trigger == trig) return i;
        return t.entries.size();
    };
    CHECK(pos("resigned") < pos("leads"));
    CHECK(pos("leads") < pos("will follow"));
}

TEST_CASE("anchoring: the narrative strategy uses the last mentioned time", "[timeline][anchor]") {
    std::string text = "On March 3, 2021, the rebels entered the city. The army retreated.";
    auto t = timeline_of(text, true, dateline::Strategy::Narrative);
    INFO(describe(t));
    auto* retreated = entry_for(t, "retreated");
    REQUIRE(retreated);
    CHECK(retreated->value == "2021-03-03");
    CHECK(retreated->rule.find("reference time") != std::string::npos);
    auto news = timeline_of(text, true);
    auto* r2 = entry_for(news, "retreated");
    REQUIRE(r2);
    CHECK(r2->relation == Relation::Before);
    CHECK(r2->value == "2024-01-19");
}

TEST_CASE("anchoring: non-factual events are only listed with --all-events", "[timeline][anchor]") {
    std::string text = "We hope to meet the president on Monday. The delegation arrived on Monday.";
    auto t = timeline_of(text);
    INFO(describe(t));
    REQUIRE(t.entries.size() == 1);
    CHECK(t.entries[0].event.trigger == "arrived");
    auto all = timeline_of(text, true);
    auto* meet = entry_for(all, "meet");
    REQUIRE(meet);
    CHECK(meet->dated);
    CHECK_FALSE(meet->event.factual);
}

TEST_CASE("timeline: the reference article's nine entries, oldest first", "[timeline][example]") {
    std::ifstream in(std::string(DATELINE_SOURCE_DIR) + "/examples/mexico-us-migration.txt", std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    auto t = dateline::build_timeline(ss.str());  // the DCT is detected from the article
    INFO(describe(t));
    REQUIRE(t.annotation.dct);
    CHECK(t.annotation.dct->day == date::year{2024} / 1 / 19);
    struct Expected {
        std::string value, trigger, text_part;
    };
    std::vector<Expected> expected = {
        {"2023-11", "intercepted", "intercepted migrants"},
        {"2023-12", "were not published", "December figures were not published"},
        {"2023-12-27", "meeting", "December 27 meeting in Mexico"},
        {"2024", "is", "migration crisis is of particular interest"},
        {"2024-01-12", "drowned", "woman and two children drowned"},
        {"2024-01-18", "press conference", "press conference"},
        {"2024-01-19", "meeting", "meeting in Washington"},
        {"2024-06", "elections", "elections in June in Mexico"},
        {"2024-11", "elections", "November in the United States"},
    };
    REQUIRE(t.entries.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("entry " << i << ": " << t.entries[i].value << " " << t.entries[i].text);
        CHECK(t.entries[i].value == expected[i].value);
        CHECK(t.entries[i].event.trigger == expected[i].trigger);
        CHECK(t.entries[i].text.find(expected[i].text_part) != std::string::npos);
        CHECK(t.entries[i].relation == Relation::On);
        CHECK(t.entries[i].dated);
        CHECK_FALSE(t.entries[i].tid.empty());
        const auto& s = t.sentences.at(t.entries[i].sentence);
        CHECK(s.begin <= t.entries[i].event.begin);
        CHECK(t.entries[i].event.end <= s.end);
    }
}

TEST_CASE("timeline json: parses and has the documented keys", "[timeline][json]") {
    auto t = timeline_of("Washington (AFP) – Last Friday, a woman drowned. Officials will meet on Monday.", true);
    dateline::ExportOptions o;
    o.source_name = "article.txt";
    auto j = nlohmann::json::parse(dateline::to_json(t, o).dump());
    for (auto k : {"dct", "dct_source", "timexes", "warnings", "source", "paragraphs", "sentences", "events",
                   "timeline"})
        CHECK(j.contains(k));
    CHECK(j["dct"] == "2024-01-19");
    CHECK(j["source"] == "article.txt");
    REQUIRE(j["timexes"].size() == 2);
    for (auto k : {"tid", "begin", "end", "text", "type", "value", "interval", "granularity", "known", "implied",
                   "temporalFunction", "anchor", "tense", "explanation"})
        CHECK(j["timexes"][0].contains(k));
    REQUIRE(!j["events"].empty());
    for (auto k : {"eid", "begin", "end", "trigger", "lemma", "pos", "class", "tense", "aspect", "modality",
                   "negated", "conditional", "factual", "sentence"})
        CHECK(j["events"][0].contains(k));
    REQUIRE(j["sentences"].size() == 3);
    CHECK(j["sentences"][0]["header"] == true);
    REQUIRE(!j["timeline"].empty());
    for (auto& e : j["timeline"])
        for (auto k : {"value", "interval", "granularity", "relation", "dated", "tid", "time_text", "eid", "trigger",
                       "begin", "end", "text", "text_begin", "text_end", "sentence", "sentence_text", "rule",
                       "event"})
            CHECK(e.contains(k));
    auto& first = j["timeline"][0];
    CHECK(first["value"] == "2024-01-12");
    CHECK(first["relation"] == "ON");
    CHECK(first["granularity"] == "day");
    CHECK(first["interval"]["begin"] == "2024-01-12T00:00:00");
    CHECK(first["trigger"] == "drowned");
    CHECK(first["tid"] == "t1");
    CHECK(first["dated"] == true);
}

TEST_CASE("timeline table: aligned columns that fit the width, no color unless asked", "[timeline][table]") {
    auto t = timeline_of("Last Friday, a Mexican woman and two children drowned while trying to cross the river "
                         "near the border crossing. Officials said on Thursday that the bodies were recovered.");
    dateline::ExportOptions o;
    o.source_name = "a.txt";
    o.width = 70;
    std::string table = dateline::to_table(t, o);
    INFO(table);
    CHECK(table.find("\033[") == std::string::npos);
    std::istringstream in(table);
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(in, line)) lines.push_back(line);
    REQUIRE(lines.size() == 2 + t.entries.size());
    CHECK(lines[1].rfind("DATE", 0) == 0);
    auto width = [](const std::string& s) {
        return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    };
    for (std::size_t i = 1; i < lines.size(); ++i) CHECK(width(lines[i]) <= 70);
    // the relation column starts at the same place on every row
    auto col = lines[1].find("RELATION");
    for (std::size_t i = 2; i < lines.size(); ++i) CHECK(lines[i].substr(col, 2) == "ON");
    o.color = true;
    CHECK(dateline::to_table(t, o).find("\033[") != std::string::npos);
}

TEST_CASE("anchoring: an apposition dates the event noun it follows", "[timeline][anchor]") {
    auto t = timeline_of("The summit, scheduled for March 3, was cancelled.");
    INFO(describe(t));
    REQUIRE(t.entries.size() == 1);
    CHECK(t.entries[0].event.trigger == "summit");
    CHECK(t.entries[0].value == "2024-03-03");
    CHECK(t.entries[0].rule.find("apposition") != std::string::npos);
}

TEST_CASE("anchoring: several times in one sentence, each to its own event", "[timeline][anchor]") {
    auto t = timeline_of("Police arrested two men on Wednesday after a shooting on Tuesday.");
    INFO(describe(t));
    REQUIRE(t.entries.size() == 2);
    CHECK(t.entries[0].event.trigger == "shooting");
    CHECK(t.entries[0].value == "2024-01-16");
    CHECK(t.entries[1].event.trigger == "arrested");
    CHECK(t.entries[1].value == "2024-01-17");
}

TEST_CASE("anchoring: an event noun subject of a copula takes the time of its predicate", "[timeline][anchor]") {
    auto t = timeline_of("The vote is on Sunday. Elections are due in May. The summit is scheduled for March 3.");
    INFO(describe(t));
    REQUIRE(t.entries.size() == 3);
    CHECK(t.entries[0].event.trigger == "vote");
    CHECK(t.entries[0].value == "2024-01-21");
    CHECK(t.entries[1].event.trigger == "summit");
    CHECK(t.entries[1].value == "2024-03-03");
    CHECK(t.entries[2].event.trigger == "Elections");
    CHECK(t.entries[2].value == "2024-05");
}

TEST_CASE("anchoring: coordinated verbs each take their own time", "[timeline][anchor]") {
    auto t = timeline_of("He was elected in 2016 and re-elected in 2020.");
    INFO(describe(t));
    REQUIRE(t.entries.size() == 2);
    CHECK(t.entries[0].event.trigger == "was elected");
    CHECK(t.entries[0].value == "2016");
    CHECK(t.entries[1].event.trigger == "re-elected");
    CHECK(t.entries[1].value == "2020");
}

TEST_CASE("no-break and thin spaces of web text separate words as spaces do", "[timeline][input]") {
    // U+00A0 inside a date and a time, U+202F inside "next week", U+2009 before "Friday"
    auto t = timeline_of("The vote was held on Jan.\xC2\xA0" "19, 2024, at 9\xC2\xA0p.m. It ended on\xE2\x80\x89"
                         "Friday. The talks resume next\xE2\x80\xAFweek.");
    INFO(describe(t));
    auto* held = entry_for(t, "was held");
    REQUIRE(held);
    CHECK(held->value == "2024-01-19T21:00");
    CHECK(held->text == "The vote was held on Jan. 19, 2024, at 9 p.m.");
    auto* ended = entry_for(t, "ended");
    REQUIRE(ended);
    CHECK(ended->value == "2024-01-19");
    CHECK(ended->text == "It ended on Friday");
    auto* resume = entry_for(t, "resume");
    REQUIRE(resume);
    CHECK(resume->value == "2024-W04");
    // The timexes are spans of the text as given (offsets and bytes unchanged).
    for (auto& x : t.annotation.timexes) CHECK(t.source.substr(x.begin, x.end - x.begin) == x.text);
}
