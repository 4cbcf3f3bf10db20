// The dateline command: default table, formats, several files, stdin, errors.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tools/process.hpp"

namespace {

using dateline_test::run;
using dateline_test::shell_quote;

const std::string cli = DATELINE_CLI;
const std::string example = std::string(DATELINE_SOURCE_DIR) + "/examples/mexico-us-migration.txt";

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

}  // namespace

TEST_CASE("cli: the default table lists the example's timeline oldest first", "[cli][timeline]") {
    auto r = run("COLUMNS=120 " + shell_quote(cli) + " " + shell_quote(example));
    INFO(r.output);
    REQUIRE(r.status == 0);
    auto lines = lines_of(r.output);
    REQUIRE(lines.size() == 11);  // title, column header, 9 entries
    CHECK(lines[0].find("DCT 2024-01-19") != std::string::npos);
    CHECK(lines[1].rfind("DATE", 0) == 0);
    std::vector<std::string> dates = {"2023-11 ",    "2023-12 ",    "2023-12-27 ", "2024 ",   "2024-01-12 ",
                                      "2024-01-18 ", "2024-01-19 ", "2024-06 ",    "2024-11 "};
    for (std::size_t i = 0; i < dates.size(); ++i) CHECK(lines[2 + i].rfind(dates[i], 0) == 0);
    CHECK(r.output.find("\033[") == std::string::npos);  // not a terminal: no color
    for (auto& l : lines) {
        std::size_t w = 0;
        for (unsigned char c : l) w += (c & 0xC0) != 0x80;
        CHECK(w <= 120);
    }
}

TEST_CASE("cli: --format json keeps the annotation and adds the timeline", "[cli][timeline]") {
    auto r = run(shell_quote(cli) + " --format json " + shell_quote(example));
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.output);
    CHECK(j["file"] == example);
    CHECK(j["dct"].is_string());
    CHECK(j["timexes"].size() >= 13);
    CHECK(j["timexes"][0].contains("explanation"));
    CHECK(j["timeline"].size() == 9);
    CHECK(j["events"].size() > 9);
}

TEST_CASE("cli: --all-events adds undated events", "[cli][timeline]") {
    auto r = run(shell_quote(cli) + " --format json --all-events " + shell_quote(example));
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.output);
    CHECK(j["timeline"].size() > 9);
    bool undated = false;
    for (auto& e : j["timeline"]) undated = undated || e["dated"] == false;
    CHECK(undated);
}

TEST_CASE("cli: timeml output and TimeML input still work", "[cli][timeline]") {
    auto r = run(shell_quote(cli) + " --format timeml " + shell_quote(example));
    REQUIRE(r.status == 0);
    CHECK(r.output.find("<TIMEX3") != std::string::npos);
    dateline_test::TempDir dir;
    auto tml = dir.write("doc.tml",
                         "<?xml version=\"1.0\"?>\n<TimeML><DOCID>d1</DOCID><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
                         "value=\"2024-01-19\" functionInDocument=\"CREATION_TIME\">2024-01-19</TIMEX3></DCT>"
                         "<TEXT>Last Friday, a woman drowned in the river.</TEXT></TimeML>\n");
    auto t = run(shell_quote(cli) + " --format json " + shell_quote(tml.string()));
    INFO(t.output);
    REQUIRE(t.status == 0);
    auto j = nlohmann::json::parse(t.output);
    REQUIRE(j["timeline"].size() == 1);
    CHECK(j["timeline"][0]["value"] == "2024-01-12");
}

TEST_CASE("cli: several files, stdin, and -o", "[cli][timeline]") {
    dateline_test::TempDir dir;
    auto a = dir.write("a.txt", "Last Friday, a woman drowned in the river.\n");
    auto r = run(shell_quote(cli) + " --dct 2024-01-19 --format json " + shell_quote(a.string()) + " " +
                 shell_quote(example));
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.output);
    REQUIRE(j.is_array());
    CHECK(j.size() == 2);

    auto s = run("printf 'The talks ended on Monday.' | " + shell_quote(cli) + " --dct 2024-01-19 -");
    INFO(s.output);
    REQUIRE(s.status == 0);
    CHECK(s.output.find("2024-01-15") != std::string::npos);

    auto out = dir.path() / "out.json";
    auto o = run(shell_quote(cli) + " --format json -o " + shell_quote(out.string()) + " " + shell_quote(example));
    REQUIRE(o.status == 0);
    CHECK(o.output.empty());
    std::ifstream in(out);
    std::stringstream ss;
    ss << in.rdbuf();
    CHECK(nlohmann::json::parse(ss.str())["timeline"].size() == 9);
}

TEST_CASE("cli: a bad file does not lose the others", "[cli][timeline]") {
    dateline_test::TempDir dir;
    auto a = dir.write("a.txt", "Last Friday, a woman drowned in the river.\n");
    auto bad = dir.write("bad.txt", std::string("caf\xC3", 4));
    auto r = run(shell_quote(cli) + " --dct 2024-01-19 " + shell_quote(a.string()) + " /nonexistent/x.txt " +
                 shell_quote(bad.string()) + " 2>&1");
    INFO(r.output);
    CHECK(r.status == 1);
    CHECK(r.output.find("2024-01-12") != std::string::npos);
    CHECK(r.output.find("/nonexistent/x.txt: error") != std::string::npos);
    CHECK(r.output.find("invalid UTF-8") != std::string::npos);
}

TEST_CASE("cli: bad options are clear errors with a non-zero exit", "[cli][timeline]") {
    auto f = run(shell_quote(cli) + " --format pdf " + shell_quote(example) + " 2>&1");
    CHECK(f.status == 2);
    CHECK(f.output.find("format") != std::string::npos);
    auto d = run(shell_quote(cli) + " --dct 2024-02-30 " + shell_quote(example) + " 2>&1");
    CHECK(d.status == 2);
    CHECK(d.output.find("invalid --dct") != std::string::npos);
    auto z = run(shell_quote(cli) + " --tz Mars/Olympus " + shell_quote(example) + " 2>&1");
    CHECK(z.status == 2);
    CHECK(z.output.find("time zone") != std::string::npos);
    auto n = run(shell_quote(cli) + " --no-such-flag " + shell_quote(example) + " 2>&1");
    CHECK(n.status == 2);
    CHECK(n.output.find("--no-such-flag") != std::string::npos);
    auto none = run(shell_quote(cli) + " 2>&1");
    CHECK(none.status == 2);
}

TEST_CASE("cli: --help and --version", "[cli][timeline]") {
    auto h = run(shell_quote(cli) + " --help");
    CHECK(h.status == 0);
    for (auto opt : {"--format", "--dct", "--strategy", "--tz", "--all-events", "--output", "--version"})
        CHECK(h.output.find(opt) != std::string::npos);
    auto v = run(shell_quote(cli) + " --version");
    CHECK(v.status == 0);
    CHECK(v.output.rfind("dateline ", 0) == 0);
}

TEST_CASE("cli: the table follows COLUMNS and --color", "[cli][timeline]") {
    auto narrow = run("COLUMNS=60 " + shell_quote(cli) + " " + shell_quote(example));
    REQUIRE(narrow.status == 0);
    for (auto& l : lines_of(narrow.output)) {
        if (l.find("DCT") != std::string::npos) continue;  // the title line holds the file name
        std::size_t w = 0;
        for (unsigned char c : l) w += (c & 0xC0) != 0x80;
        CHECK(w <= 60);
    }
    auto colored = run(shell_quote(cli) + " --color always " + shell_quote(example));
    CHECK(colored.output.find("\033[") != std::string::npos);
}

TEST_CASE("cli: ics, html and timelinejs formats run", "[cli][timeline]") {
    auto ics = run(shell_quote(cli) + " --format ics " + shell_quote(example));
    CHECK(ics.status == 0);
    CHECK(ics.output.find("BEGIN:VCALENDAR") != std::string::npos);
    auto html = run(shell_quote(cli) + " --format html " + shell_quote(example));
    CHECK(html.status == 0);
    CHECK(html.output.find("<html") != std::string::npos);
    auto tl = run(shell_quote(cli) + " --format timelinejs " + shell_quote(example));
    CHECK(tl.status == 0);
    CHECK(nlohmann::json::parse(tl.output).contains("events"));
}
