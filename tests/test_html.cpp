// The HTML exporter: the page is checked by a strict well-formedness and self-containment checker
// (tests/tools/check_html.py, python3 html.parser), by xmllint as XML, and, where Chromium is
// installed, rendered headless.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/exporters.hpp"
#include "export/export_common.hpp"
#include "tools/process.hpp"
#include "tools/sample_timeline.hpp"

using namespace dateline_test;
using dateline::Granularity;
using dateline::Relation;

namespace {

// Checks the page with check_html.py (fails the test on malformed or non-self-contained output)
// and with xmllint as XML when xmllint is installed; returns the checker's summary.
nlohmann::json check_page(const std::string& html) {
    TempDir dir;
    auto file = dir.write("page.html", html);
    auto r = run(python() + " " + shell_quote(tool("check_html.py")) + " " + shell_quote(file.string()) + " 2>&1");
    INFO("check_html.py output:\n" << r.output.substr(0, 2000));
    REQUIRE(r.status == 0);
    auto summary = nlohmann::json::parse(r.output);
    if (run("command -v xmllint >/dev/null 2>&1").status == 0) {
        auto x = run("xmllint --noout --nonet " + shell_quote(file.string()) + " 2>&1");
        INFO("xmllint:\n" << x.output);
        CHECK(x.status == 0);
    } else {
        WARN("xmllint not installed (libxml2-utils): XML well-formedness not checked");
    }
    return summary;
}

const nlohmann::json& entry_by_id(const nlohmann::json& page, const std::string& id) {
    for (auto& e : page["entries"])
        if (e["id"] == id) return e;
    FAIL("no entry " << id);
    throw;
}

// "e3", "#s4": built by appending, which GCC 12 does not mistake for an overlapping copy (-Wrestrict).
std::string id(const char* prefix, std::size_t n) {
    std::string s(prefix);
    s += std::to_string(n);
    return s;
}

bool has(const nlohmann::json& list, const std::string& s) { return std::find(list.begin(), list.end(), s) != list.end(); }

}  // namespace

TEST_CASE("html: a well-formed self-contained page with one row per entry", "[export][html]") {
    const auto t = sample_timeline();
    dateline::ExportOptions o;
    o.source_name = "harbor.txt";
    const std::string html = dateline::to_html(t, o);
    const auto page = check_page(html);

    // Every entry with an interval is drawn (the undated one too, marked as such).
    REQUIRE(page["entries"].size() == t.entries.size());
    // Every sentence of the article is an anchor, and every entry links to its sentence.
    CHECK(page["sentences"].size() == t.sentences.size());
    for (std::size_t i = 0; i < t.entries.size(); ++i) {
        const auto& e = entry_by_id(page, id("e", i + 1));
        INFO("entry " << t.entries[i].event.trigger);
        CHECK(e["href"] == id("#s", t.entries[i].sentence + 1));
        // The tooltip holds the excerpt (the whole sentence).
        const std::string sentence = t.source.substr(t.sentences[t.entries[i].sentence].begin,
                                                     t.sentences[t.entries[i].sentence].end - t.sentences[t.entries[i].sentence].begin);
        CHECK(e["title"].get<std::string>().find(sentence) != std::string::npos);
    }
    // Labels beside the marks say when.
    CHECK(entry_by_id(page, "e1")["label"].get<std::string>().rfind("November 2023 · Crews repaired the pier", 0) == 0);
    CHECK(entry_by_id(page, "e5")["label"].get<std::string>().rfind("January 19, 2024, 02:21 UTC · The power failed", 0) == 0);
    CHECK(entry_by_id(page, "e8")["label"].get<std::string>().rfind("before June–August 2024", 0) == 0);
    // The article text is on the page, with its time expressions.
    CHECK(page["text"].get<std::string>().find("PORTLAND (AP) \u2013 The storm flooded the harbor") != std::string::npos);
}

TEST_CASE("html: granularity is visible: a day is a point, a month or a year a span of its length", "[export][html]") {
    const auto t = sample_timeline();
    const auto page = check_page(dateline::to_html(t));
    auto mark = [&](int n) { return entry_by_id(page, id("e", std::size_t(n)))["marks"].at(0); };
    auto classes = [&](int n) { return entry_by_id(page, id("e", std::size_t(n)))["class"]; };

    CHECK(mark(1)["tag"] == "rect");  // November 2023
    CHECK(has(classes(1), "span"));
    CHECK(has(classes(1), "g-month"));
    CHECK(mark(3)["tag"] == "rect");  // 2024
    CHECK(has(classes(3), "g-year"));
    CHECK(mark(6)["tag"] == "circle");  // January 19: a point
    CHECK(has(classes(6), "point"));
    CHECK(has(classes(5), "time"));  // 21:21: a time of day
    CHECK(has(classes(9), "undated"));

    // Widths follow durations: a 30-day month against a 366-day year, a 7-day week, 92 days of summer.
    const double year_w = mark(3)["width"];
    CHECK(mark(1)["width"].get<double>() / year_w == Approx(30.0 / 366.0).epsilon(0.02));
    CHECK(mark(4)["width"].get<double>() / year_w == Approx(7.0 / 366.0).epsilon(0.02));
    CHECK(mark(8)["width"].get<double>() / year_w == Approx(92.0 / 366.0).epsilon(0.02));
    // Positions follow dates: left edges in order of interval begin.
    CHECK(mark(1)["x"].get<double>() < mark(2)["x"].get<double>());  // 2023-11 < 2023-12-27
    CHECK(mark(2)["x"].get<double>() < mark(3)["x"].get<double>());  // < 2024-01-01
    CHECK(mark(3)["x"].get<double>() < mark(4)["x"].get<double>());  // < 2024-01-08
    CHECK(mark(4)["x"].get<double>() < mark(6)["x"].get<double>());  // < 2024-01-19
    CHECK(mark(6)["x"].get<double>() < mark(8)["x"].get<double>());  // < 2024-06-01
    // The 2024 span starts where January 1 is: between noon of Dec 27 (the point) and Jan 8 in proportion.
    const double x27 = mark(2)["x"].get<double>() + 6, x8 = mark(4)["x"], x1 = mark(3)["x"];
    CHECK((x1 - x27) / (x8 - x27) == Approx(4.5 / 11.5).epsilon(0.02));  // the point sits mid-day

    // BEFORE/AFTER relations are drawn as arrows; ON entries have none.
    CHECK(has(entry_by_id(page, "e2")["parts"], "relation"));  // after December 27
    CHECK(has(entry_by_id(page, "e8")["parts"], "relation"));  // before summer
    CHECK_FALSE(has(entry_by_id(page, "e6")["parts"], "relation"));
}

TEST_CASE("html: all text is escaped", "[export][html]") {
    const auto t = TimelineBuilder("The <b>mayor</b> said \"<script>alert('x')</script>\" & left on Friday.")
                       .dct(2024, 1, 19)
                       .entry("said", "on Friday", "2024-01-19", Granularity::Day, at(2024, 1, 19), at(2024, 1, 20),
                              Relation::On, "The <b>mayor</b> said \"<script>alert('x')</script>\" & left")
                       .build();
    dateline::ExportOptions o;
    o.source_name = "<img src=x onerror=alert(1)>.txt";
    const std::string html = dateline::to_html(t, o);
    const auto page = check_page(html);  // would fail on <script>, <img>, or a stray '<' / '&'
    CHECK_FALSE(has(page["tags"], "script"));
    CHECK_FALSE(has(page["tags"], "b"));
    CHECK_FALSE(has(page["tags"], "img"));
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
    CHECK(page["text"].get<std::string>().find("<img src=x onerror=alert(1)>.txt") != std::string::npos);  // shown as text
}

TEST_CASE("html: long sentences are excerpted around the event", "[export][html]") {
    std::string filler;
    for (int i = 0; i < 30; ++i) filler += "the committee discussed many other unrelated matters and ";
    const auto t = TimelineBuilder("In the end " + filler + "the mayor resigned on Friday after the vote.")
                       .dct(2024, 1, 19)
                       .entry("resigned", "on Friday", "2024-01-19", Granularity::Day, at(2024, 1, 19), at(2024, 1, 20))
                       .build();
    const std::string ex = dateline::exporter::sentence_excerpt(t, t.entries[0], 120);
    CHECK(ex.rfind("…", 0) == 0);                                   // text left out before
    CHECK(ex.find("the mayor resigned on Friday after the vote.") != std::string::npos);  // the event and its end
    CHECK(ex.size() <= 120 + 2 * std::string("…").size());
    CHECK(ex.find("  ") == std::string::npos);
    // Short sentences are left whole.
    CHECK(dateline::exporter::sentence_excerpt(sample_timeline(), sample_timeline().entries[5], 240) ==
          "The storm flooded the harbor on Friday, officials said.");
    // The table shows the excerpt.
    CHECK(dateline::to_html(t).find(dateline::exporter::html_escape(dateline::exporter::sentence_excerpt(t, t.entries[0], 240))) !=
          std::string::npos);
}

TEST_CASE("html: the axis keeps a readable number of ticks from hours to centuries", "[export][html]") {
    struct Case {
        std::chrono::sys_seconds from, to;
        Granularity g;
    };
    const Case cases[] = {
        {at(2024, 1, 19, 9), at(2024, 1, 19, 10), Granularity::Hour},   // hours
        {at(2024, 1, 1), at(2024, 1, 20), Granularity::Day},            // days
        {at(2023, 11, 1), at(2024, 2, 1), Granularity::Month},          // weeks
        {at(2020, 1, 1), at(2025, 1, 1), Granularity::Year},            // quarters
        {at(1900, 1, 1), at(2000, 1, 1), Granularity::Century},         // decades
        {at(1000, 1, 1), at(9000, 1, 1), Granularity::Millennium},      // thousands of years
    };
    for (const auto& c : cases) {
        const auto t = TimelineBuilder("It began on Friday and lasted.")
                           .entry("began", "on Friday", "X", Granularity::Day, c.from, c.from + std::chrono::hours{1})
                           .entry("lasted", "Friday", "Y", c.g, c.from, c.to)
                           .build();
        const std::string html = dateline::to_html(t);
        check_page(html);
        std::size_t ticks = 0;
        for (std::size_t p = 0; (p = html.find("<g class=\"tick", p)) != std::string::npos; ++p) ++ticks;
        INFO("span " << dateline::to_iso(c.from) << " .. " << dateline::to_iso(c.to));
        CHECK(ticks >= 3);
        CHECK(ticks <= 26);
    }
}

TEST_CASE("html: an empty timeline is still a valid page", "[export][html]") {
    dateline::Timeline t;
    const auto page = check_page(dateline::to_html(t));
    CHECK(page["entries"].empty());
    CHECK(page["text"].get<std::string>().find("No dated events") != std::string::npos);
}

TEST_CASE("html: renders in headless Chromium without errors", "[export][html][chromium]") {
    const std::string chromium = "/usr/bin/chromium";
    if (!std::filesystem::exists(chromium)) {
        WARN("SKIPPED: " << chromium << " is not installed; the page was not rendered");
        return;
    }
    const auto t = sample_timeline();
    TempDir dir;
    auto page = dir.write("page.html", dateline::to_html(t));
    const std::string common = "timeout 120 " + chromium +
                               " --headless --no-sandbox --disable-gpu --disable-background-networking"
                               " --disable-component-update --disable-sync --no-first-run --enable-logging=stderr --v=0"
                               " --user-data-dir=" + shell_quote((dir.path() / "profile").string());
    const std::string url = shell_quote("file://" + page.string());
    const std::string log = shell_quote((dir.path() / "chromium.log").string());

    // The DOM Chromium built holds every entry of the timeline and the article anchors.
    auto dom = run(common + " --dump-dom " + url + " 2>" + log);
    REQUIRE(dom.status == 0);
    CHECK(dom.output.find("</svg>") != std::string::npos);
    for (std::size_t i = 0; i < t.entries.size(); ++i)
        CHECK(dom.output.find(id("id=\"e", i + 1) + "\"") != std::string::npos);
    CHECK(dom.output.find(id("id=\"s", t.sentences.size()) + "\"") != std::string::npos);

    // A screenshot is produced; the console reports no page errors (no failed loads, no script errors).
    auto png = dir.path() / "page.png";
    auto shot = run(common + " --window-size=1100,900 --screenshot=" + shell_quote(png.string()) + " " + url + " 2>>" + log);
    REQUIRE(shot.status == 0);
    REQUIRE(std::filesystem::exists(png));
    CHECK(std::filesystem::file_size(png) > 20000);
    auto console = run("grep -E 'CONSOLE|Failed to load resource|Uncaught|net::ERR_' " + log);
    INFO("console messages:\n" << console.output);
    CHECK(console.output.empty());
}

TEST_CASE("html: the example article's page is well-formed and draws every entry", "[export][html][example]") {
    const auto t = dateline::build_timeline(example_article());
    dateline::ExportOptions o;
    o.source_name = "examples/mexico-us-migration.txt";
    const auto page = check_page(dateline::to_html(t, o));
    std::size_t with_interval = 0;
    for (auto& e : t.entries) with_interval += e.interval ? 1 : 0;
    CHECK(page["entries"].size() == with_interval);
    CHECK(page["sentences"].size() == t.sentences.size());
    CHECK(page["text"].get<std::string>().find("Alicia B\u00e1rcena told the United States") != std::string::npos);
}
