// The first-token dispatch (grammars/en/first_set.hpp) only skips rules that cannot match: the
// recognizer finds exactly the same mentions with it as when every rule is tried at every candidate.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "../grammars/en/first_set.hpp"
#include "dateline/timeml.hpp"
#include "recognize/recognizer.hpp"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string describe(std::string_view text, const std::vector<dateline::recognize::Mention>& ms) {
    std::string s;
    for (auto& m : ms) {
        s += "[";
        s += text.substr(m.begin, m.end - m.begin);
        s += "|";
        s += m.rule;
        s += "] ";
    }
    return s;
}

struct DispatchOff {
    DispatchOff() { dateline::grammar::first::enabled = false; }
    ~DispatchOff() { dateline::grammar::first::enabled = true; }
};

void check_same(std::string_view text, const std::string& what) {
    std::vector<dateline::recognize::Mention> reference;
    {
        DispatchOff off;
        reference = dateline::recognize::recognize(text);
    }
    auto fast = dateline::recognize::recognize(text);
    INFO(what);
    REQUIRE(fast.size() == reference.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
        INFO("mention " << i << ": " << describe(text, {reference[i]}) << "vs " << describe(text, {fast[i]}));
        CHECK(fast[i].begin == reference[i].begin);
        CHECK(fast[i].end == reference[i].end);
        CHECK(std::string(fast[i].rule) == reference[i].rule);
    }
}

}  // namespace

TEST_CASE("dispatch: the corpus files give the same mentions with and without it", "[recognize][dispatch]") {
    int files = 0;
    for (auto& e : fs::directory_iterator(fs::path(DATELINE_SOURCE_DIR) / "grammars" / "en")) {
        if (e.path().extension() != ".corpus") continue;
        ++files;
        std::string text = slurp(e.path());
        check_same(text, e.path().filename().string());
        // Line by line too: each line starts at a document start.
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) check_same(line, line);
    }
    CHECK(files > 0);
}

TEST_CASE("dispatch: generated word salads give the same mentions with and without it", "[recognize][dispatch]") {
    static const char* words[] = {
        "last", "next", "this", "the", "a", "an", "of", "early", "mid-", "late", "end", "beginning", "January",
        "Jan.", "may", "March", "Friday", "fri.", "weekend", "day", "days", "week", "year", "years", "1998", "'98",
        "’90s", "1990s", "2024-01-19", "1/19/2024", "20240119", "9:30", "p.m.", "a.m.", "EST", "o'clock", "noon",
        "ago", "later", "earlier", "from", "now", "today", "yesterday", "tomorrow", "morning", "night", "every",
        "each", "twice", "times", "per", "several", "few", "about", "more", "than", "nearly", "three", "twenty-one",
        "third", "21st", "quarter", "Q3", "FY2023", "fiscal", "half", "first", "second", "century", "decade",
        "Christmas", "Easter", "New", "Year's", "Eve", "spring", "summer", "fall", "past", "future", "recently",
        "currently", "that", "same", "following", "previous", "before", "after", ",", ".", "-", "–", "'s", "5",
        "47", "2.5", "1,000", "$", "%", "in", "on", "at", "since", "until", "weekly", "annual", "daily", "ages",
        // numbers of every length: the dispatch tells numbers apart by their count of digits
        "1/2", "123", "12345", "123456789", "25,000", "10-year", "1998-99", "007", "3rd", "2000s", "24", "1999.",
        "4:30", "8", "19980105", "199801051", "1,234,567", "60s", "12th", "6.5"};
    std::mt19937 rng(7);
    for (int doc = 0; doc < 300; ++doc) {
        std::string text;
        int n = 5 + int(rng() % 40);
        for (int i = 0; i < n; ++i) {
            text += words[rng() % (sizeof words / sizeof words[0])];
            text += rng() % 6 ? " " : "";
        }
        check_same(text, text);
    }
}

TEST_CASE("dispatch: the TimeML texts give the same mentions with and without it", "[recognize][dispatch]") {
    fs::path dir = fs::path(DATELINE_SHARED_DIR) / "data" / "tbaq";
    if (!fs::is_directory(dir)) {
        WARN("SKIPPED: " << dir << " is absent");
        return;
    }
    int docs = 0;
    for (auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.path().extension() != ".tml") continue;
        auto doc = dateline::read_timeml(slurp(e.path()), e.path().filename().string());
        check_same(doc.text, e.path().filename().string());
        ++docs;
    }
    CHECK(docs > 0);
}
