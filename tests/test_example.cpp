// The reference article (examples/mexico-us-migration.txt) with no DCT given: the DCT is detected
// as 2024-01-19 and every row of ../shared/examples/mexico-us-migration.expected.md is found with
// its value, through the library and through the CLI's JSON output.
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/annotate.hpp"

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// One row of the expected table: the timex text, a unique piece of its sentence that contains it
// (to pick the right occurrence), and its TIMEX3 type and value. TimeML extents leave out "on".
struct Row {
    const char* text;
    const char* context;
    const char* type;
    const char* value;
};

constexpr std::array<Row, 13> kRows{{
    {"January 19, 2024 – 9:21 p.m.", "First change: January 19, 2024 – 9:21 p.m.", "TIME", "2024-01-19T21:21"},
    {"3 minutes", "3 minutes", "DURATION", "PT3M"},
    {"Friday", "at a meeting in Washington on Friday", "DATE", "2024-01-19"},
    {"December 27", "the December 27 meeting", "DATE", "2023-12-27"},
    {"three weeks", "in just three weeks since that meeting", "DURATION", "P3W"},
    {"today", "reviewing this today", "DATE", "2024-01-19"},
    {"last November", "242,000 times last November", "DATE", "2023-11"},
    {"December", "December figures were not published", "DATE", "2023-12"},
    {"Thursday", "press conference on Thursday", "DATE", "2024-01-18"},
    {"this election year", "both countries this election year", "DATE", "2024"},
    {"June", "presidential elections in June in Mexico", "DATE", "2024-06"},
    {"November", "and November in the United States", "DATE", "2024-11"},
    {"Last Friday", "Last Friday, a Mexican woman", "DATE", "2024-01-12"},
}};

// Byte offsets of row.text inside the (unique) occurrence of row.context in the article.
std::pair<std::size_t, std::size_t> locate(const std::string& article, const Row& row) {
    auto c = article.find(row.context);
    REQUIRE(c != std::string::npos);
    CHECK(article.find(row.context, c + 1) == std::string::npos);  // the context is unique
    auto t = article.find(row.text, c);
    REQUIRE(t != std::string::npos);
    return {t, t + std::string(row.text).size()};
}

const std::string kArticle = DATELINE_SOURCE_DIR "/examples/mexico-us-migration.txt";

}  // namespace

TEST_CASE("example article: DCT detected and every expected row found (library)", "[example]") {
    const std::string article = read_file(kArticle);
    // The copy in examples/ is the shared reference article, unchanged.
    std::ifstream shared(DATELINE_SHARED_DIR "/examples/mexico-us-migration.txt", std::ios::binary);
    if (shared) CHECK(std::string((std::istreambuf_iterator<char>(shared)), std::istreambuf_iterator<char>()) == article);

    auto a = dateline::annotate(article);  // no DCT given
    REQUIRE(a.dct);
    CHECK(a.dct->day == date::year{2024} / 1 / 19);
    CHECK((a.dct_source == dateline::DctSource::Header || a.dct_source == dateline::DctSource::Dateline));
    for (const auto& row : kRows) {
        auto [b, e] = locate(article, row);
        INFO("row \"" << row.text << "\" in \"" << row.context << "\" at [" << b << "," << e << ")");
        const dateline::Timex* found = nullptr;
        for (const auto& t : a.timexes)
            if (t.begin == b && t.end == e) found = &t;
        REQUIRE(found != nullptr);
        INFO("explanation: " << found->explanation);
        CHECK(dateline::to_string(found->type) == row.type);
        CHECK(found->value == row.value);
        CHECK(found->text == row.text);
    }
    // Given explicitly, the DCT overrides detection and gives the same values.
    dateline::Options o;
    o.dct = dateline::parse_dct("2024-01-19");
    auto given = dateline::annotate(article, o);
    CHECK(given.dct_source == dateline::DctSource::Given);
    for (const auto& row : kRows) {
        auto [b, e] = locate(article, row);
        bool ok = false;
        for (const auto& t : given.timexes) ok |= t.begin == b && t.end == e && t.value == row.value;
        CHECK(ok);
    }
}

TEST_CASE("example article: dateline --format json with no --dct", "[example][cli]") {
    std::string cmd = std::string("\"") + DATELINE_CLI + "\" --format json \"" + kArticle + "\" 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int status = pclose(p);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    nlohmann::json j;
    REQUIRE_NOTHROW(j = nlohmann::json::parse(out));
    REQUIRE(j["dct"].is_string());
    CHECK(j["dct"].get<std::string>().rfind("2024-01-19", 0) == 0);
    CHECK(j["dct_source"] != "none");
    REQUIRE(j["timexes"].is_array());
    const std::string article = read_file(kArticle);
    for (const auto& row : kRows) {
        auto [b, e] = locate(article, row);
        INFO("row \"" << row.text << "\" at [" << b << "," << e << ")");
        bool found = false;
        for (const auto& t : j["timexes"]) {
            if (t["begin"] != b || t["end"] != e) continue;
            found = true;
            CHECK(t["text"] == row.text);
            CHECK(t["type"] == row.type);
            CHECK(t["value"] == row.value);
            // Every timex carries the fields of the issue: interval, granularity, known/implied, explanation.
            CHECK(t.contains("interval"));
            CHECK(t["granularity"].is_string());
            CHECK(t["known"].is_string());
            CHECK(t["implied"].is_string());
            CHECK(!t["explanation"].get<std::string>().empty());
        }
        CHECK(found);
    }
}
