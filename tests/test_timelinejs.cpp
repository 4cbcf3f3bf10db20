// The TimelineJS3 exporter: the JSON parses and follows Knight Lab's format
// (https://timeline.knightlab.com/docs/json-format.html).
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/exporters.hpp"
#include "tools/sample_timeline.hpp"

using namespace dateline_test;
using dateline::Granularity;
using dateline::Relation;

namespace {

// Checks one TimelineJS date object: integer fields from the allowed set, "year" required, and a
// field present only when the coarser ones are ("day" needs "month").
void check_date(const nlohmann::json& d) {
    REQUIRE(d.is_object());
    REQUIRE(d.contains("year"));
    static const std::set<std::string> allowed = {"year", "month", "day", "hour", "minute", "second", "millisecond",
                                                  "display_date"};
    for (auto& [k, v] : d.items()) {
        INFO(k);
        CHECK(allowed.count(k) == 1);
        if (k != "display_date") CHECK(v.is_number_integer());
    }
    if (d.contains("day")) CHECK(d.contains("month"));
    if (d.contains("hour")) CHECK(d.contains("day"));
    if (d.contains("month")) CHECK((d["month"] >= 1 && d["month"] <= 12));
}

const nlohmann::json& event_at(const nlohmann::json& j, std::size_t i) { return j["events"].at(i); }

}  // namespace

TEST_CASE("timelinejs: the JSON follows the TimelineJS3 format", "[export][timelinejs]") {
    const auto t = sample_timeline();
    dateline::ExportOptions o;
    o.source_name = "harbor.txt";
    const nlohmann::json j = dateline::to_timelinejs(t, o);
    // It survives a text round trip (what a browser would load).
    const nlohmann::json back = nlohmann::json::parse(j.dump());
    CHECK(back == j);

    REQUIRE(j.contains("title"));
    CHECK(j["title"]["text"]["headline"] == "Harbor storm damage");
    CHECK(j["title"]["text"]["text"].is_string());
    REQUIRE(j["events"].is_array());
    REQUIRE(j["events"].size() == t.entries.size());  // every entry with an interval
    std::set<std::string> ids;
    for (auto& ev : j["events"]) {
        INFO(ev.dump());
        check_date(ev["start_date"]);
        if (ev.contains("end_date")) check_date(ev["end_date"]);
        REQUIRE(ev["text"].is_object());
        CHECK(ev["text"]["headline"].is_string());
        CHECK(ev["text"]["text"].is_string());
        CHECK(ev["group"].is_string());
        CHECK(ev["display_date"].is_string());
        CHECK(ids.insert(ev["unique_id"].get<std::string>()).second);  // unique
    }
}

TEST_CASE("timelinejs: dates carry only the fields their granularity knows", "[export][timelinejs]") {
    const auto j = dateline::to_timelinejs(sample_timeline());
    using nlohmann::json;
    // Month: year and month, no day; no end date (one unit).
    CHECK(event_at(j, 0)["start_date"] == json({{"year", 2023}, {"month", 11}}));
    CHECK_FALSE(event_at(j, 0).contains("end_date"));
    CHECK(event_at(j, 0)["display_date"] == "November 2023");
    CHECK(event_at(j, 0)["group"] == "month");
    // Day, AFTER: the relation is in the display date.
    CHECK(event_at(j, 1)["start_date"] == json({{"year", 2023}, {"month", 12}, {"day", 27}}));
    CHECK_FALSE(event_at(j, 1).contains("end_date"));
    CHECK(event_at(j, 1)["display_date"] == "after December 27, 2023");
    // Year: the year only.
    CHECK(event_at(j, 2)["start_date"] == json({{"year", 2024}}));
    CHECK_FALSE(event_at(j, 2).contains("end_date"));
    // Week: a span of days, the end being the last day covered.
    CHECK(event_at(j, 3)["start_date"] == json({{"year", 2024}, {"month", 1}, {"day", 8}}));
    CHECK(event_at(j, 3)["end_date"] == json({{"year", 2024}, {"month", 1}, {"day", 14}}));
    // Minute: hour and minute; a zoned time is in UTC and says so.
    CHECK(event_at(j, 4)["start_date"] == json({{"year", 2024}, {"month", 1}, {"day", 19}, {"hour", 2}, {"minute", 21}}));
    CHECK(event_at(j, 4)["display_date"] == "January 19, 2024, 02:21 UTC");
    // Season: a span of months.
    CHECK(event_at(j, 7)["start_date"] == json({{"year", 2024}, {"month", 6}}));
    CHECK(event_at(j, 7)["end_date"] == json({{"year", 2024}, {"month", 8}}));
    CHECK(event_at(j, 7)["display_date"] == "before June–August 2024");
    // Undated entries are grouped apart.
    CHECK(event_at(j, 8)["group"] == "relative to the document date");
}

TEST_CASE("timelinejs: text is HTML-escaped and ids are stable", "[export][timelinejs]") {
    const auto t = TimelineBuilder("The <b>mayor</b> said \"<script>x</script>\" & left on Friday.")
                       .dct(2024, 1, 19)
                       .entry("said", "on Friday", "2024-01-19", Granularity::Day, at(2024, 1, 19), at(2024, 1, 20),
                              Relation::On, "The <b>mayor</b> said & left")
                       .build();
    const auto j = dateline::to_timelinejs(t);
    const std::string headline = event_at(j, 0)["text"]["headline"];
    const std::string text = event_at(j, 0)["text"]["text"];
    CHECK(headline == "The &lt;b&gt;mayor&lt;/b&gt; said &amp; left");
    CHECK(text.find("<script>") == std::string::npos);
    CHECK(text.find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
    CHECK(dateline::to_timelinejs(t) == j);  // deterministic, ids included
}

TEST_CASE("timelinejs: an empty timeline has a title and no events", "[export][timelinejs]") {
    const auto j = dateline::to_timelinejs(dateline::Timeline{});
    CHECK(j["events"].empty());
    CHECK(j["title"]["text"]["headline"].is_string());
}

TEST_CASE("timelinejs: the example article", "[export][timelinejs][example]") {
    const auto t = dateline::build_timeline(example_article());
    const auto j = dateline::to_timelinejs(t);
    std::size_t with_interval = 0;
    for (auto& e : t.entries) with_interval += e.interval ? 1 : 0;
    REQUIRE(j["events"].size() == with_interval);
    for (auto& ev : j["events"]) {
        INFO(ev.dump());
        check_date(ev["start_date"]);
        CHECK(ev["text"]["headline"].get<std::string>().size() > 0);
    }
    CHECK(j["title"]["text"]["headline"].get<std::string>().rfind("Mexico tells the US", 0) == 0);
}
