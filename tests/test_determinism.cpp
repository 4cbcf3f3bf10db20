// Determinism: the same input and options give byte-identical output, in every format, from one
// run to the next, and in batch mode whatever the number of threads.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tools/process.hpp"

using namespace dateline_test;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Documents: the example article, and news-like texts built from the grammar corpora (every line
// of every corpus, a few to a document, under a dateline), so that many kinds of expression,
// events and timeline orderings occur.
std::vector<std::string> documents() {
    std::vector<std::string> docs{slurp(fs::path(DATELINE_SOURCE_DIR) / "examples/mexico-us-migration.txt")};
    std::vector<std::string> lines;
    for (auto& f : fs::directory_iterator(fs::path(DATELINE_SOURCE_DIR) / "grammars/en")) {
        if (f.path().extension() != ".corpus") continue;
        std::ifstream in(f.path());
        for (std::string l; std::getline(in, l);) {
            if (l.empty() || l[0] == '#' || l[0] == '@' || l[0] == '!') continue;
            auto arrow = l.find("=>");
            if (arrow == std::string::npos) continue;
            std::string text = l.substr(0, arrow);
            std::erase(text, '{');
            std::erase(text, '}');
            lines.push_back(text);
        }
    }
    std::sort(lines.begin(), lines.end());  // directory order is not fixed; the documents must be
    for (std::size_t i = 0; i < lines.size(); i += 9) {
        std::string d = "LONDON, March 4, 2023 (Reuters) - ";
        for (std::size_t k = i; k < std::min(lines.size(), i + 9); ++k)
            d += "Officials said the company " + std::string(k % 2 ? "met " : "will meet ") + lines[k] + ". ";
        docs.push_back(d);
    }
    return docs;
}

}  // namespace

TEST_CASE("determinism: two CLI runs give the same bytes in every format", "[determinism][cli]") {
    TempDir dir;
    auto docs = documents();
    REQUIRE(docs.size() > 50);
    std::vector<std::string> files;
    for (std::size_t i = 0; i < docs.size(); i += 10) files.push_back(dir.write("doc" + std::to_string(i) + ".txt", docs[i]).string());
    std::string all;
    for (auto& f : files) {
        all += ' ';
        all += shell_quote(f);
    }
    const std::string cli = "COLUMNS=120 " + shell_quote(DATELINE_CLI);
    for (const char* format : {"table", "json", "timeml", "ics", "timelinejs"}) {
        for (const char* extra : {"", "--all-events --strategy narrative", "--tz Europe/Paris"}) {
            INFO("--format " << format << " " << extra);
            const std::string cmd = cli + " --format " + format + " " + extra + all + " 2>/dev/null";
            auto a = run(cmd), b = run(cmd);
            REQUIRE(a.status == 0);
            CHECK(a.output.size() > 1000);
            CHECK(a.output == b.output);
        }
    }
    // html draws one document per run; and the DCT found in the text (no --dct) is stable too.
    for (std::size_t i = 0; i < files.size(); i += 3) {
        INFO(files[i]);
        const std::string cmd = cli + " --format html --all-events " + shell_quote(files[i]) + " 2>/dev/null";
        auto a = run(cmd), b = run(cmd);
        REQUIRE(a.status == 0);
        CHECK(a.output == b.output);
    }
}

TEST_CASE("determinism: batch output is the same with 1 and 2 threads, and run to run", "[determinism][batch]") {
    TempDir dir;
    auto docs = documents();
    std::string jsonl;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        nlohmann::json r = {{"id", i}, {"text", docs[i]}};
        if (i % 3) r["dct"] = "2024-01-19";
        jsonl += r.dump() + "\n";
        if (i % 17 == 0) jsonl += "{\"id\":\"bad\",\"text\":7}\nnot json\n";  // error records interleaved
    }
    auto in = dir.write("in.jsonl", jsonl);
    // A folder of plain documents too.
    fs::create_directories(dir.path() / "docs");
    for (std::size_t i = 0; i < docs.size(); i += 4) dir.write("docs/d" + std::to_string(i) + ".txt", docs[i]);
    for (const char* inputs : {"in.jsonl", "docs"}) {
        for (const char* extra : {"", "--no-timeline", "--strategy narrative"}) {
            INFO(inputs << " " << extra);
            auto cmd = [&](int j) {
                return "cd " + shell_quote(dir.path().string()) + " && " + shell_quote(DATELINE_CLI) + " batch -j " +
                       std::to_string(j) + " " + extra + " " + inputs + " 2>/dev/null";
            };
            auto one = run(cmd(1)), two = run(cmd(2)), again = run(cmd(2));
            CHECK(one.output.size() > 10000);
            CHECK(one.output == two.output);
            CHECK(two.output == again.output);
            CHECK(one.status == two.status);
        }
    }
}
