// The iCalendar exporter: its output is parsed back by python3-icalendar (tests/tools/check_ics.py),
// which fails on invalid output; these tests then check what the parser read.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/error.hpp"
#include "dateline/exporters.hpp"
#include "dateline/timeline.hpp"
#include "tools/process.hpp"
#include "tools/sample_timeline.hpp"

using namespace dateline_test;
using dateline::Granularity;
using dateline::Relation;

namespace {

// Writes the calendar to a file, parses it with the real iCalendar parser and returns its summary.
// Fails the test when the parser rejects the file.
nlohmann::json parse_ics(const std::string& ics) {
    TempDir dir;
    auto file = dir.write("out.ics", ics);
    auto r = run(python() + " " + shell_quote(tool("check_ics.py")) + " " + shell_quote(file.string()) + " 2>&1");
    INFO("check_ics.py output:\n" << r.output << "\nics:\n" << ics);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.output);
}

const nlohmann::json* event_with(const nlohmann::json& cal, std::string_view trigger) {
    for (auto& e : cal["events"])
        if (e["x"].value("X-DATELINE-TRIGGER", "") == trigger) return &e;
    return nullptr;
}

std::vector<std::string> physical_lines(const std::string& ics) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < ics.size()) {
        std::size_t e = ics.find("\r\n", pos);
        if (e == std::string::npos) e = ics.size();
        lines.push_back(ics.substr(pos, e - pos));
        pos = e + 2;
    }
    return lines;
}

// Undoes RFC 5545 line folding (CRLF followed by a space).
std::string unfold(std::string ics) {
    for (std::size_t p; (p = ics.find("\r\n ")) != std::string::npos;) ics.erase(p, 3);
    return ics;
}

}  // namespace

TEST_CASE("ics: a real iCalendar parser reads one VEVENT per dated entry with the right dates", "[export][ics]") {
    const auto t = sample_timeline();
    dateline::ExportOptions o;
    o.source_name = "harbor.txt";
    const std::string ics = dateline::to_ics(t, o);
    const auto cal = parse_ics(ics);

    CHECK(cal["version"] == "2.0");
    CHECK(cal["prodid"].get<std::string>().find("Dateline") != std::string::npos);
    CHECK(cal["calname"] == "Dateline: Harbor storm damage");
    // 9 entries, one of them undated ("Officials will decide later"): 8 events.
    REQUIRE(cal["events"].size() == 8);
    CHECK(event_with(cal, "decide") == nullptr);

    struct Expect {
        const char* trigger;
        const char* start;
        const char* end;
        const char* kind;
        const char* granularity;
    };
    const Expect expected[] = {
        // month, year, season, week: all-day events spanning the whole unit, DTEND exclusive
        {"repaired", "2023-11-01", "2023-12-01", "date", "month"},
        {"meet", "2024-01-01", "2025-01-01", "date", "year"},
        {"vote", "2024-06-01", "2024-09-01", "date", "season"},
        {"visited", "2024-01-08", "2024-01-15", "date", "week"},
        // a day: one all-day event
        {"worked", "2023-12-27", "2023-12-28", "date", "day"},
        {"flooded", "2024-01-19", "2024-01-20", "date", "day"},
        // a time that named a zone (EST): UTC; a time that did not: floating local time
        {"failed", "2024-01-19T02:21:00+00:00", "2024-01-19T02:22:00+00:00", "utc", "minute"},
        {"gathered", "2024-01-19T18:30:00", "2024-01-19T18:31:00", "floating", "minute"},
    };
    for (const auto& x : expected) {
        INFO("event " << x.trigger);
        const auto* e = event_with(cal, x.trigger);
        REQUIRE(e != nullptr);
        CHECK((*e)["dtstart"] == x.start);
        CHECK((*e)["dtend"] == x.end);
        CHECK((*e)["start_kind"] == x.kind);
        CHECK((*e)["x"]["X-DATELINE-GRANULARITY"] == x.granularity);
        // DTSTAMP is the DCT, not the time of the run.
        CHECK((*e)["dtstamp"] == "2024-01-19T21:21:00+00:00");
    }
    // Relation, TIMEX3 value and source timex travel in X- properties.
    CHECK((*event_with(cal, "worked"))["x"]["X-DATELINE-RELATION"] == "AFTER");
    CHECK((*event_with(cal, "vote"))["x"]["X-DATELINE-RELATION"] == "BEFORE");
    CHECK((*event_with(cal, "vote"))["x"]["X-DATELINE-VALUE"] == "2024-SU");
    CHECK((*event_with(cal, "flooded"))["x"]["X-DATELINE-TID"] == "t6");
    // The raw file writes all-day events as VALUE=DATE.
    CHECK(ics.find("DTSTART;VALUE=DATE:20231101\r\n") != std::string::npos);
    CHECK(ics.find("DTEND;VALUE=DATE:20231201\r\n") != std::string::npos);
    CHECK(ics.find("DTSTART:20240119T022100Z\r\n") != std::string::npos);
    CHECK(ics.find("DTSTART:20240119T183000\r\n") != std::string::npos);
}

TEST_CASE("ics: SUMMARY and DESCRIPTION survive escaping and folding", "[export][ics]") {
    const auto t = sample_timeline();
    dateline::ExportOptions o;
    o.source_name = "dir/harbor; 2024, final.txt";
    const std::string ics = dateline::to_ics(t, o);
    const auto cal = parse_ics(ics);

    // ; , \ " and a newline in the text come back unchanged.
    const auto* repaired = event_with(cal, "repaired");
    REQUIRE(repaired != nullptr);
    CHECK((*repaired)["summary"] == "Crews repaired the pier;\ncosts, delays and \"overruns\" \\ not published");
    CHECK(unfold(ics).find("SUMMARY:Crews repaired the pier\\;\\ncosts\\, delays and \"overruns\" \\\\ not published\r\n") !=
          std::string::npos);
    // A long UTF-8 text is folded and unfolds to the original.
    const auto* visited = event_with(cal, "visited");
    REQUIRE(visited != nullptr);
    CHECK((*visited)["summary"] == t.entries[3].text);
    CHECK(cal["lines"]["folded_lines"].get<int>() > 0);
    CHECK(cal["lines"]["max_octets"].get<int>() <= 75);
    // DESCRIPTION: the sentence, the time expression and the source.
    const std::string desc = (*visited)["description"];
    CHECK(desc.rfind("During the week of January 8 the mayor visited Z\u00fcrich", 0) == 0);
    CHECK(desc.find("\u201cthe week of January 8\u201d") != std::string::npos);
    CHECK(desc.find("Source: dir/harbor; 2024, final.txt, sentence " + std::to_string(t.entries[3].sentence + 1) + ",") !=
          std::string::npos);

    // Independently of the parser: CRLF everywhere, no physical line over 75 octets, and no fold
    // inside a UTF-8 sequence (a continuation line never starts with a continuation byte).
    REQUIRE(ics.size() >= 2);
    CHECK(ics.substr(ics.size() - 2) == "\r\n");
    CHECK(std::count(ics.begin(), ics.end(), '\n') == std::count(ics.begin(), ics.end(), '\r'));
    for (const auto& line : physical_lines(ics)) {
        INFO(line);
        CHECK(line.size() <= 75);
        if (!line.empty() && line[0] == ' ' && line.size() > 1)
            CHECK((static_cast<unsigned char>(line[1]) & 0xC0) != 0x80);
        if (!line.empty()) CHECK((static_cast<unsigned char>(line.back()) & 0xC0) != 0xC0);  // no lead byte left dangling
    }
}

TEST_CASE("ics: a range entry (\"from Monday to Wednesday\") is one event over the days", "[export][ics]") {
    dateline::Options opt;
    opt.dct = dateline::Dct{date::year{2024} / 1 / 19, std::nullopt};
    const auto t = dateline::build_timeline("The strike lasted from Monday to Wednesday. Between 2019 and 2021, "
                                            "prices doubled.",
                                            opt);
    dateline::ExportOptions o;
    o.source_name = "range.txt";
    const std::string ics = dateline::to_ics(t, o);
    const auto cal = parse_ics(ics);
    REQUIRE(cal["events"].size() == 2);
    const auto* lasted = event_with(cal, "lasted");
    REQUIRE(lasted != nullptr);
    CHECK((*lasted)["dtstart"] == "2024-01-15");
    CHECK((*lasted)["dtend"] == "2024-01-18");  // exclusive: through Wednesday
    const std::string desc = (*lasted)["description"];
    CHECK(desc.find("When: from January 15, 2024 to January 17, 2024") != std::string::npos);
    const auto* doubled = event_with(cal, "doubled");
    REQUIRE(doubled != nullptr);
    CHECK((*doubled)["dtstart"] == "2019-01-01");
    CHECK((*doubled)["dtend"] == "2022-01-01");
    CHECK(std::string((*doubled)["description"]).find("When: from 2019 to 2021") != std::string::npos);
}

TEST_CASE("ics: UIDs are stable and unique", "[export][ics]") {
    const auto t = sample_timeline();
    dateline::ExportOptions o;
    o.source_name = "harbor.txt";
    const std::string a = dateline::to_ics(t, o);
    const std::string b = dateline::to_ics(t, o);
    CHECK(a == b);  // reproducible byte for byte: no clock, no randomness

    auto uids = [](const nlohmann::json& cal) {
        std::map<std::string, std::string> m;  // trigger -> uid
        for (auto& e : cal["events"]) m[e["x"]["X-DATELINE-TRIGGER"]] = e["uid"];
        return m;
    };
    const auto base = uids(parse_ics(a));

    // Another source name gives other UIDs.
    o.source_name = "other.txt";
    const auto other = uids(parse_ics(dateline::to_ics(t, o)));
    for (auto& [trigger, uid] : base) CHECK(other.at(trigger) != uid);

    // Dropping an entry and editing the text elsewhere does not move the other entries' UIDs.
    o.source_name = "harbor.txt";
    auto edited = t;
    edited.entries.erase(edited.entries.begin() + 1);  // "worked"
    const auto fewer = uids(parse_ics(dateline::to_ics(edited, o)));
    CHECK(fewer.size() == base.size() - 1);
    for (auto& [trigger, uid] : fewer) CHECK(base.at(trigger) == uid);

    // Identical entries (the same event mentioned twice at the same time) still get distinct UIDs.
    auto twice = t;
    twice.entries.insert(twice.entries.begin() + 1, twice.entries[0]);
    const auto cal = parse_ics(dateline::to_ics(twice, o));  // the checker fails on duplicate UIDs
    CHECK(cal["events"].size() == 9);
}

TEST_CASE("ics: --tz writes floating times with TZID and a VTIMEZONE from zoneinfo", "[export][ics]") {
    // Winter, summer and far-future times: the parser checks the VTIMEZONE offsets against the
    // system zoneinfo at each of them (2040 lies past the explicit transitions of most TZif files,
    // so the POSIX TZ rule of the file's footer must be used).
    const auto t = TimelineBuilder("They met at 9 a.m. on January 10. They met again at noon on July 4. "
                                   "They will meet at 6 p.m. on June 1, 2040. The zoned talk began at 14:00 UTC.")
                       .dct(2024, 1, 19)
                       .entry("met", "9 a.m. on January 10", "2024-01-10T09:00", Granularity::Hour, at(2024, 1, 10, 9),
                              at(2024, 1, 10, 10))
                       .entry("met again", "noon on July 4", "2024-07-04T12:00", Granularity::Minute, at(2024, 7, 4, 12),
                              at(2024, 7, 4, 12, 1))
                       .entry("will meet", "6 p.m. on June 1, 2040", "2040-06-01T18:00", Granularity::Hour,
                              at(2040, 6, 1, 18), at(2040, 6, 1, 19))
                       .entry("began", "14:00 UTC", "2024-01-19T14:00", Granularity::Minute, at(2024, 1, 19, 14),
                              at(2024, 1, 19, 14, 1), Relation::On, "The zoned talk began", true)
                       .build();
    for (const char* zone : {"America/New_York", "Europe/Paris", "Australia/Lord_Howe", "Asia/Kolkata"}) {
        INFO("zone " << zone);
        dateline::ExportOptions o;
        o.tz = zone;
        const std::string ics = dateline::to_ics(t, o);
        const auto cal = parse_ics(ics);
        CHECK(cal["timezones"] == nlohmann::json::array({zone}));
        REQUIRE(cal["events"].size() == 4);
        for (auto& e : cal["events"]) {
            if (e["x"]["X-DATELINE-TRIGGER"] == "began") {
                CHECK(e["start_kind"] == "utc");  // a time that named its zone stays in UTC
                CHECK(e["dtstart"] == "2024-01-19T14:00:00+00:00");
            } else {
                CHECK(e["start_kind"] == "tzid");
                CHECK(e["tzid"] == zone);
            }
        }
        CHECK(ics.find(std::string("DTSTART;TZID=") + zone + ":20240704T120000\r\n") != std::string::npos);
    }
    // New York: EST in January, EDT in July and (by rule) in June 2040.
    dateline::ExportOptions ny;
    ny.tz = "America/New_York";
    const auto cal = parse_ics(dateline::to_ics(t, ny));
    std::map<std::string, int> offsets;
    for (auto& e : cal["events"])
        if (e.contains("utc_offset")) offsets[e["x"]["X-DATELINE-TRIGGER"]] = e["utc_offset"];
    CHECK(offsets["met"] == -5 * 3600);
    CHECK(offsets["met again"] == -4 * 3600);
    CHECK(offsets["will meet"] == -4 * 3600);

    // UTC as the zone: times are written with Z, no VTIMEZONE needed.
    dateline::ExportOptions utc;
    utc.tz = "UTC";
    const auto u = parse_ics(dateline::to_ics(t, utc));
    CHECK(u["timezones"].empty());
    for (auto& e : u["events"]) CHECK(e["start_kind"] == "utc");

    // All-day events do not need a zone: no VTIMEZONE when nothing uses it.
    dateline::ExportOptions paris;
    paris.tz = "Europe/Paris";
    CHECK(parse_ics(dateline::to_ics(sample_timeline(), paris))["timezones"] == nlohmann::json::array({"Europe/Paris"}));
}

TEST_CASE("ics: an unknown --tz is a clear error", "[export][ics]") {
    const auto t = sample_timeline();
    for (const char* zone : {"Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime", "Europe/Paris;x"}) {
        INFO(zone);
        dateline::ExportOptions o;
        o.tz = zone;
        CHECK_THROWS_AS(dateline::to_ics(t, o), dateline::InputError);
    }
    dateline::ExportOptions o;
    o.tz = "Mars/Olympus_Mons";
    CHECK_THROWS_WITH(dateline::to_ics(t, o), Catch::Contains("unknown time zone 'Mars/Olympus_Mons'"));
}

TEST_CASE("ics: without a DCT, DTSTAMP is a fixed instant, not the time of the run", "[export][ics]") {
    auto t = sample_timeline();
    t.annotation.dct.reset();
    const auto cal = parse_ics(dateline::to_ics(t));
    REQUIRE(cal["events"].size() == 8);
    for (auto& e : cal["events"]) CHECK(e["dtstamp"] == "1970-01-01T00:00:00+00:00");
}

TEST_CASE("ics: times outside four-digit years are left out, not written invalid", "[export][ics]") {
    auto t = sample_timeline();
    t.entries[2].interval = dateline::Interval{at(9999, 1, 1), at(10000, 1, 1)};  // "2024" moved past year 9999
    const auto cal = parse_ics(dateline::to_ics(t));
    CHECK(cal["events"].size() == 7);
    CHECK(event_with(cal, "meet") == nullptr);
}

TEST_CASE("ics: an empty timeline is a valid calendar with no events", "[export][ics]") {
    dateline::Timeline t;
    const auto cal = parse_ics(dateline::to_ics(t));
    CHECK(cal["events"].empty());
    CHECK(cal["version"] == "2.0");
}

TEST_CASE("ics: the example article imports with one event per dated entry on its dates", "[export][ics][example]") {
    const auto t = dateline::build_timeline(example_article());
    dateline::ExportOptions o;
    o.source_name = "examples/mexico-us-migration.txt";
    const auto cal = parse_ics(dateline::to_ics(t, o));

    // The calendar says exactly what the timeline says: dated entries, in order, on their intervals.
    std::vector<const dateline::TimelineEntry*> dated;
    for (auto& e : t.entries)
        if (e.dated && e.interval) dated.push_back(&e);
    REQUIRE(cal["events"].size() == dated.size());
    for (std::size_t i = 0; i < dated.size(); ++i) {
        const auto& e = *dated[i];
        const auto& ev = cal["events"][i];
        INFO("entry " << e.value << " " << e.text);
        CHECK(ev["x"]["X-DATELINE-VALUE"] == e.value);
        CHECK(ev["x"]["X-DATELINE-GRANULARITY"] == std::string(dateline::to_string(e.granularity)));
        if (ev["start_kind"] == "date") {
            CHECK(ev["dtstart"] == dateline::to_iso(e.interval->begin).substr(0, 10));
            CHECK(ev["dtend"] == dateline::to_iso(e.interval->end).substr(0, 10));
        }
        CHECK(ev["dtstamp"] == "2024-01-19T21:21:00+00:00");  // the DCT of the article
    }

    // Acceptance (issue 3): the article's nine events, as all-day spans.
    std::multiset<std::pair<std::string, std::string>> spans;
    for (auto& ev : cal["events"]) spans.emplace(ev["dtstart"], ev["dtend"]);
    const std::pair<std::string, std::string> expected[] = {
        {"2023-11-01", "2023-12-01"},  // interceptions last November
        {"2023-12-01", "2024-01-01"},  // December figures not published
        {"2023-12-27", "2023-12-28"},  // the December 27 meeting in Mexico
        {"2024-01-01", "2025-01-01"},  // this election year
        {"2024-01-12", "2024-01-13"},  // drowned last Friday
        {"2024-01-18", "2024-01-19"},  // press conference on Thursday
        {"2024-01-19", "2024-01-20"},  // meeting in Washington on Friday
        {"2024-06-01", "2024-07-01"},  // elections in June in Mexico
        {"2024-11-01", "2024-12-01"},  // November in the United States
    };
    for (auto& [b, e] : expected) {
        INFO("expected an all-day event " << b << " .. " << e);
        CHECK(spans.count({b, e}) >= 1);
    }
}
