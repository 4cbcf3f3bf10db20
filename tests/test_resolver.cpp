// Resolver edge cases: year boundaries, leap days, ISO week 53, month ends, known/implied fields and
// explanations, no DCT, strategies and anaphora. Through the public API (normalize / annotate) and,
// for the pure function itself, through resolve::resolve with a hand-built expression.
#include <string>

#include <catch2/catch.hpp>

#include "dateline/annotate.hpp"
#include "resolve/resolver.hpp"

using dateline::Tense;

namespace {

dateline::Dct dct(const char* s) {
    auto d = dateline::parse_dct(s);
    REQUIRE(d);
    return *d;
}

// The value of the single expression `text` normalized against `d`; "" when it is rejected.
std::string value_of(const char* text, const char* d, Tense tense = Tense::Unknown,
                     dateline::Strategy s = dateline::Strategy::News) {
    auto t = dateline::normalize(text, dct(d), tense, s);
    return t ? t->value : std::string();
}

// The timex of `text` (annotated with the DCT `d`) whose text is `span`.
dateline::Timex find(const dateline::Annotation& a, const std::string& span) {
    for (auto& t : a.timexes)
        if (t.text == span) return t;
    FAIL("no timex \"" << span << "\" was found");
    return {};
}

dateline::Annotation annotate_with(const char* text, const char* d,
                                   dateline::Strategy s = dateline::Strategy::News) {
    dateline::Options o;
    o.dct = dct(d);
    o.strategy = s;
    return dateline::annotate(text, o);
}

}  // namespace

TEST_CASE("year boundaries: month-days and months across New Year", "[resolver]") {
    // "December 27" said in early January is last December's, in any tense near the DCT.
    CHECK(value_of("December 27", "2024-01-05") == "2023-12-27");
    CHECK(value_of("December 27", "2024-01-05", Tense::Past) == "2023-12-27");
    CHECK(value_of("Dec. 31", "2024-01-02", Tense::Past) == "2023-12-31");
    // ... and "January 3" said in late December is next January's.
    CHECK(value_of("January 3", "2023-12-28") == "2024-01-03");
    CHECK(value_of("January 3", "2023-12-28", Tense::Future) == "2024-01-03");
    // Far from the DCT the tense decides: a past June said in January is last year's.
    CHECK(value_of("June 30", "2024-01-19", Tense::Past) == "2023-06-30");
    CHECK(value_of("June 30", "2024-01-19", Tense::Future) == "2024-06-30");
    // "next month" in December is next year's January; "last month" in January last year's December.
    CHECK(value_of("next month", "2023-12-15") == "2024-01");
    CHECK(value_of("last month", "2024-01-15") == "2023-12");
    CHECK(value_of("next year", "2023-12-31") == "2024");
    CHECK(value_of("next quarter", "2023-11-30") == "2024-Q1");
    CHECK(value_of("last quarter", "2024-02-01") == "2023-Q4");
    CHECK(value_of("yesterday", "2024-01-01") == "2023-12-31");
    CHECK(value_of("tomorrow", "2023-12-31") == "2024-01-01");
    CHECK(value_of("last November", "2024-01-19") == "2023-11");
    CHECK(value_of("next January", "2023-12-20") == "2024-01");
}

TEST_CASE("leap days are checked with date's .ok()", "[resolver]") {
    CHECK(value_of("February 29, 2024", "2024-01-19") == "2024-02-29");
    CHECK(value_of("February 29, 2000", "2024-01-19") == "2000-02-29");  // divisible by 400
    CHECK(value_of("February 29, 2023", "2024-01-19").empty());
    CHECK(value_of("February 29, 1900", "2024-01-19").empty());          // divisible by 100 only
    CHECK(value_of("February 30", "2024-01-19").empty());
    CHECK(value_of("April 31, 2024", "2024-01-19").empty());
    CHECK(value_of("2023-02-29", "2024-01-19").empty());
    // An impossible date in a document is dropped with a warning, never resolved to a made-up day.
    auto a = annotate_with("The deadline was February 30, but talks went on until March 2.", "2024-01-19");
    REQUIRE(a.timexes.size() == 1);
    CHECK(a.timexes[0].value == "2024-03-02");
    REQUIRE(!a.warnings.empty());
    CHECK(a.warnings[0].find("February 30") != std::string::npos);
    // Day arithmetic across a leap day.
    CHECK(value_of("tomorrow", "2024-02-28") == "2024-02-29");
    CHECK(value_of("tomorrow", "2023-02-28") == "2023-03-01");
    CHECK(value_of("two days from now", "2024-02-28") == "2024-03-01");
    CHECK(value_of("a year ago", "2024-02-29") == "2023");
}

TEST_CASE("ISO weeks, including week 53", "[resolver]") {
    // 2020 has 53 ISO weeks; 2021-01-06 is in 2021-W01, so last week is 2020-W53.
    CHECK(value_of("last week", "2021-01-06") == "2020-W53");
    CHECK(value_of("this week", "2021-01-01") == "2020-W53");  // a Friday of ISO year 2020
    CHECK(value_of("next week", "2020-12-24") == "2020-W53");
    CHECK(value_of("next week", "2020-12-31") == "2021-W01");
    // 2024-12-30 is in ISO week 1 of 2025.
    CHECK(value_of("this week", "2024-12-30") == "2025-W01");
    CHECK(value_of("last week", "2024-01-19") == "2024-W02");
    CHECK(value_of("last weekend", "2021-01-06") == "2020-W53-WE");
    auto t = dateline::normalize("last week", dct("2021-01-06"));
    REQUIRE(t);
    REQUIRE(t->interval);
    CHECK(dateline::to_iso(t->interval->begin) == "2020-12-28T00:00:00");
    CHECK(dateline::to_iso(t->interval->end) == "2021-01-04T00:00:00");
}

TEST_CASE("the last day of a month (year_month_day_last) and month-end arithmetic", "[resolver]") {
    CHECK(value_of("the last day of February", "2024-01-19") == "2024-02-29");
    CHECK(value_of("the last day of February 2023", "2024-01-19") == "2023-02-28");
    CHECK(value_of("the last day of February, 2100", "2024-01-19") == "2100-02-28");
    CHECK(value_of("the last day of April 2024", "2024-01-19") == "2024-04-30");
    CHECK(value_of("the first day of March 2023", "2024-01-19") == "2023-03-01");
    // Offsets across month ends: day counts go through sys_days, months through year_month.
    CHECK(value_of("a week ago", "2024-03-03") == "2024-02-25");
    CHECK(value_of("three days from now", "2024-01-30") == "2024-02-02");
    CHECK(value_of("a month ago", "2024-03-31") == "2024-02");
    CHECK(value_of("six months from now", "2024-08-31") == "2025-02");
    // "a month after January 31" lands in February (month granularity), never on "February 31".
    auto a = annotate_with("The deal closed on January 31, 2024, and a month later it collapsed.", "2024-03-05");
    CHECK(find(a, "a month later").value == "2024-02");
    auto b = annotate_with("The plant opened on February 28, 2024, and closed the next day.", "2024-03-10");
    CHECK(find(b, "the next day").value == "2024-02-29");
    auto c = annotate_with("It opened on Dec. 31, 2023; two days later it closed.", "2024-03-10");
    CHECK(find(c, "two days later").value == "2024-01-02");
}

TEST_CASE("known and implied fields, granularity and the explanation line", "[resolver]") {
    auto t = dateline::normalize("last Friday", dct("2024-01-19"));
    REQUIRE(t);
    CHECK(t->value == "2024-01-12");
    CHECK(t->granularity == dateline::Granularity::Day);
    CHECK(dateline::fields_to_string(t->known) == "weekday");
    CHECK(dateline::fields_to_string(t->implied) == "year,month,day");
    CHECK(t->temporal_function);
    CHECK(t->anchor == "dct");
    CHECK(t->explanation.find("last Friday: Friday of the week before DCT 2024-01-19") == 0);
    CHECK(t->explanation.size() >= 14);
    CHECK(t->explanation.substr(t->explanation.size() - 13) == "-> 2024-01-12");

    auto d = dateline::normalize("December 27", dct("2024-01-19"), Tense::Past);
    REQUIRE(d);
    CHECK(dateline::fields_to_string(d->known) == "month,day");
    CHECK(dateline::fields_to_string(d->implied) == "year");
    CHECK(d->explanation.find("2023-12-27") != std::string::npos);

    auto full = dateline::normalize("January 19, 2024", dct("2024-01-19"));
    REQUIRE(full);
    CHECK(dateline::fields_to_string(full->known) == "year,month,day");
    CHECK(full->implied == 0);
    CHECK_FALSE(full->temporal_function);

    auto m = dateline::normalize("last November", dct("2024-01-19"));
    REQUIRE(m);
    CHECK(m->granularity == dateline::Granularity::Month);
    REQUIRE(m->interval);
    CHECK(dateline::to_iso(m->interval->begin) == "2023-11-01T00:00:00");
    CHECK(dateline::to_iso(m->interval->end) == "2023-12-01T00:00:00");

    auto tm = dateline::normalize("9:21 p.m.", dct("2024-01-19"));
    REQUIRE(tm);
    CHECK(tm->type == dateline::TimexType::Time);
    CHECK(tm->granularity == dateline::Granularity::Minute);
    CHECK((tm->known & dateline::FieldHour) != 0);
    CHECK((tm->known & dateline::FieldMinute) != 0);

    // A zone moves the interval to UTC; the value keeps the local clock time (TimeBank convention).
    auto z = dateline::normalize("8:30 EST", dct("2024-01-19"));
    REQUIRE(z);
    CHECK(z->value == "2024-01-19T08:30");
    REQUIRE(z->interval);
    CHECK(dateline::to_iso(z->interval->begin) == "2024-01-19T13:30:00");
    CHECK((z->known & dateline::FieldZone) != 0);
}

TEST_CASE("the DCT is found in a header line or a dateline", "[resolver][dct]") {
    struct Case {
        const char* text;
        const char* dct;  // nullptr: none
    };
    const Case cases[] = {
        {"Published: January 5, 2023\n\nThe vote was held on Tuesday.", "2023-01-05"},
        {"WASHINGTON, Jan. 19, 2024 (AP) -- Officials met on Friday.", "2024-01-19"},
        {"BERLIN, March 14, 2024 (Reuters) - German police arrested three men on Wednesday.", "2024-03-14"},
        // a dash ends the dateline of a long first paragraph
        {"NEW YORK, Oct. 24, 2023 \xE2\x80\x94 Acme Corp. reported third-quarter profit of $1.2 billion on "
         "Tuesday, up 8% from a year earlier, and raised its forecast for the full year.",
         "2023-10-24"},
        {"LONDON, 5 June 2023 -- Shares in the lender fell sharply on Monday after it warned that profit for the "
         "year would miss forecasts.",
         "2023-06-05"},
        // a date in a long sentence with no dash, agency or header is no dateline
        {"The company, which was founded on March 3, 2001 in a garage in Ohio, reported strong results for the "
         "quarter that ended in June, officials said on Friday.",
         nullptr},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        auto d = dateline::detect_dct(c.text);
        if (!c.dct) {
            CHECK_FALSE(d);
            continue;
        }
        REQUIRE(d);
        CHECK(dateline::to_string(*d) == c.dct);
    }
}

TEST_CASE("without any DCT, relative expressions stay underspecified with a warning", "[resolver]") {
    dateline::Options o;
    o.detect_dct = false;
    auto a = dateline::annotate("They met on December 27 and again last Friday, then in June 1998.", o);
    CHECK_FALSE(a.dct);
    REQUIRE(!a.warnings.empty());
    CHECK(a.warnings[0].find("no DCT") != std::string::npos);
    auto dec = find(a, "December 27");
    CHECK(dec.value == "XXXX-12-27");
    CHECK_FALSE(dec.interval);
    CHECK(dateline::fields_to_string(dec.known) == "month,day");
    CHECK(dec.implied == 0);
    CHECK(find(a, "last Friday").value == "XXXX-WXX-5");
    // A full date is absolute and needs no DCT.
    auto june = find(a, "June 1998");
    CHECK(june.value == "1998-06");
    CHECK(june.interval);

    // No header or dateline in the text: the same.
    dateline::Options detect;
    auto b = dateline::annotate("Officials met yesterday.", detect);
    CHECK_FALSE(b.dct);
    CHECK(find(b, "yesterday").value == "XXXX-XX-XX");
}

TEST_CASE("strategies: news, narrative, past-biased, future-biased", "[resolver]") {
    const char* text = "The summit opened on March 1, 2023. On Friday, the talks ended.";
    auto news = annotate_with(text, "2024-01-19", dateline::Strategy::News);
    auto narrative = annotate_with(text, "2024-01-19", dateline::Strategy::Narrative);
    CHECK(find(news, "Friday").value == "2024-01-19");     // anchored at the DCT
    auto f = find(narrative, "Friday");                     // anchored at the last mentioned time
    CHECK(f.value == "2023-02-24");
    CHECK(f.anchor == "reference");
    CHECK(f.explanation.find("reference time 2023-03-01") != std::string::npos);

    // A bare weekday or month without a tense cue goes back under Past and forward under Future.
    CHECK(value_of("Monday", "2024-01-19", Tense::Unknown, dateline::Strategy::Past) == "2024-01-15");
    CHECK(value_of("Monday", "2024-01-19", Tense::Unknown, dateline::Strategy::Future) == "2024-01-22");
    CHECK(value_of("June", "2024-01-19", Tense::Unknown, dateline::Strategy::Past) == "2023-06");
    CHECK(value_of("June", "2024-01-19", Tense::Unknown, dateline::Strategy::Future) == "2024-06");
    // The biased strategies win over the tense of the sentence.
    CHECK(value_of("Monday", "2024-01-19", Tense::Future, dateline::Strategy::Past) == "2024-01-15");
    CHECK(value_of("Monday", "2024-01-19", Tense::Past, dateline::Strategy::Future) == "2024-01-22");
    // News: the tense decides.
    CHECK(value_of("Thursday", "2024-01-19", Tense::Past) == "2024-01-18");
    CHECK(value_of("Thursday", "2024-01-19", Tense::Future) == "2024-01-25");
    CHECK(value_of("next Tuesday", "2024-01-19") == "2024-01-23");
}

TEST_CASE("anaphora resolve against the most recently mentioned date", "[resolver]") {
    auto a = annotate_with(
        "The storm hit on Oct. 29, 2012. Power failed the next day. In 2010, two years earlier, the levee "
        "was rebuilt; the following month it was inspected.",
        "2024-01-19");
    CHECK(find(a, "Oct. 29, 2012").value == "2012-10-29");
    auto next = find(a, "the next day");
    CHECK(next.value == "2012-10-30");
    CHECK(next.anchor == "reference");
    CHECK(find(a, "two years earlier").value == "2008");
    // The reference moved to 2010 (a year): "the following month" is a month of it, which one unknown
    // (not a month counted from its first day).
    CHECK(find(a, "the following month").value == "2010-XX");
    // With nothing mentioned before, the DCT is the reference.
    CHECK(value_of("the previous day", "2024-01-19") == "2024-01-18");
    CHECK(value_of("a day later", "2024-01-19") == "2024-01-20");
    // "three weeks since that meeting" is the duration P3W, not a date.
    auto b = annotate_with("They met on December 27. They made progress in just three weeks since that meeting.",
                           "2024-01-19");
    CHECK(find(b, "three weeks").value == "P3W");
}

TEST_CASE("the resolver is a pure function of expression and context", "[resolver]") {
    using namespace dateline;
    grammar::Expr e;
    e.weekday = 5;
    e.rel = grammar::Rel::Last;
    resolve::Context c;
    c.dct = dct("2024-01-19");
    auto r1 = resolve::resolve(e, "last Friday", c);
    auto r2 = resolve::resolve(e, "last Friday", c);
    REQUIRE(r1);
    REQUIRE(r2);
    CHECK(r1->value == "2024-01-12");
    CHECK(r1->value == r2->value);
    CHECK(r1->explanation == r2->explanation);
    // Only the context moves the result.
    c.dct = dct("2024-01-26");
    auto r3 = resolve::resolve(e, "last Friday", c);
    REQUIRE(r3);
    CHECK(r3->value == "2024-01-19");
    // An impossible day is rejected, not clamped.
    grammar::Expr bad;
    bad.year = 2023;
    bad.month = 2;
    bad.day = 29;
    CHECK_FALSE(resolve::resolve(bad, "February 29, 2023", c));
    bad.last_day_of_month = true;
    bad.day = 0;
    auto ld = resolve::resolve(bad, "the last day of February 2023", c);
    REQUIRE(ld);
    CHECK(ld->value == "2023-02-28");
}

TEST_CASE("shifted days: the time after \"from\" moved forward at its own granularity", "[resolver]") {
    // "a week from Friday": the Friday a future clause names, plus seven days, one DATE
    CHECK(value_of("a week from Friday", "2024-01-17", Tense::Future) == "2024-01-26");
    // across a month end and a year end
    CHECK(value_of("two weeks from Monday", "2024-12-20", Tense::Future) == "2025-01-06");
    // a month from a day keeps the day of the month, or the month's last day
    CHECK(value_of("a month from tomorrow", "2024-01-30") == "2024-02-29");
    // a month stays a month, a year from it a month a year on
    CHECK(value_of("a year from next month", "2024-12-05") == "2026-01");
    // a day from a month cannot be named
    CHECK(value_of("three days from next month", "2024-01-19") == "XXXX-XX-XX");
    // the grammar builds the same Expr for the pure function
    dateline::grammar::Expr e;
    e.weekday = 5;
    e.shift_unit = dateline::grammar::Unit::Week;
    e.shift_quantity = 2;
    dateline::resolve::Context c;
    c.dct = dct("2024-01-17");
    c.tense = Tense::Future;
    auto r = dateline::resolve::resolve(e, "two weeks from Friday", c);
    REQUIRE(r);
    CHECK(r->value == "2024-02-02");
    CHECK(r->granularity == dateline::Granularity::Day);
    CHECK(r->explanation.find("2024-01-19") != std::string::npos);  // says which Friday it counted from
}

TEST_CASE("an undated event day leaves the narrative at an unknown time", "[resolver]") {
    // "Two days later" after "the first day of the trial" is not two days after the last dated time.
    auto a = annotate_with("The trial opened on Monday. On the first day of the trial, the prosecutor spoke. "
                           "Two days later, the defense rested. The verdict came on Friday.",
                           "2024-01-19");
    CHECK(find(a, "Monday").value == "2024-01-15");
    CHECK(find(a, "the first day").value == "XXXX-XX-XX");
    CHECK(find(a, "Two days later").value == "XXXX-XX-XX");
    // a time relative to the time of writing is still resolved
    CHECK(find(a, "Friday").value == "2024-01-19");
    // the pure function: an anaphor against an unknown reference is underspecified, a deictic is not
    dateline::grammar::Expr later;
    later.shape = dateline::grammar::Shape::Offset;
    later.rel = dateline::grammar::Rel::After;
    later.anaphoric = true;
    later.unit = dateline::grammar::Unit::Day;
    later.quantity = 2;
    dateline::resolve::Context c;
    c.dct = dct("2024-01-19");
    dateline::resolve::Resolution day;
    day.event_day = true;
    day.value = "XXXX-XX-XX";
    c.reference = dateline::resolve::reference_of(day);
    REQUIRE(c.reference);
    CHECK(c.reference->unknown);
    auto r = dateline::resolve::resolve(later, "two days later", c);
    REQUIRE(r);
    CHECK(r->value == "XXXX-XX-XX");
    dateline::grammar::Expr today;
    today.shape = dateline::grammar::Shape::Deictic;
    auto t = dateline::resolve::resolve(today, "today", c);
    REQUIRE(t);
    CHECK(t->value == "2024-01-19");
}
