// Batch mode: one result line per input line, in input order, whatever the number of threads;
// error records for bad records while the others are processed; exit codes of `dateline batch`.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tools/process.hpp"
#include <nlohmann/json.hpp>

#include "dateline/batch.hpp"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::vector<json> run(const std::string& input, dateline::BatchOptions o, dateline::BatchProgress* progress = nullptr) {
    std::istringstream in(input);
    std::ostringstream out;
    auto p = dateline::run_batch(in, out, o);
    if (progress) *progress = p;
    std::string s = out.str();
    REQUIRE((s.empty() || s.back() == '\n'));
    std::vector<json> records;
    for (auto& l : dateline_test::lines_of(s)) records.push_back(json::parse(l));
    return records;
}

std::string record(const json& id, const std::string& text, const char* dct = "2024-01-19") {
    json j = {{"id", id}, {"text", text}};
    if (dct) j["dct"] = dct;
    return j.dump();
}

// The value of the timex whose text is `text`, or "" when there is none.
std::string value_of(const json& r, const std::string& text) {
    for (auto& t : r.at("timexes"))
        if (t.at("text") == text) return t.at("value");
    return "";
}

struct Tmp {
    fs::path dir;
    Tmp() {
        dir = fs::temp_directory_path() / ("dateline-test-batch-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Tmp() { fs::remove_all(dir); }
    fs::path write(const std::string& name, const std::string& content) const {
        fs::path p = dir / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p;
    }
};

struct CliResult {
    int status = -1;
    std::string out;
};

// A path quoted for the shell.
std::string q(const fs::path& p) {
    std::string s = "'";
    s += p.string();
    s += "' ";
    return s;
}

CliResult run_cli(const std::string& args) {
    std::string cmd = std::string("'") + DATELINE_CLI + "' batch " + args + " 2>/dev/null";
    CliResult r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

}  // namespace

TEST_CASE("batch: results come out in input order with two threads and many small chunks", "[batch]") {
    // Documents of very different sizes, so that workers finish out of order.
    std::string input;
    const int n = 300;
    for (int i = 0; i < n; ++i) {
        std::string text = "On Friday officials met. ";
        for (int k = 0; k < (i % 7) * 40; ++k) text += "The talks went on for three weeks. ";
        if (i % 5 == 0) text += "They will meet again next Tuesday.";
        input += record("doc" + std::to_string(i), text) + "\n";
    }
    dateline::BatchOptions o;
    o.threads = 2;
    o.chunk_bytes = 64;  // every line its own chunk
    o.window = 3;
    o.timeline = false;
    dateline::BatchProgress p;
    auto out = run(input, o, &p);
    REQUIRE(out.size() == std::size_t(n));
    for (int i = 0; i < n; ++i) {
        INFO("record " << i);
        CHECK(out[i].at("id") == "doc" + std::to_string(i));
        CHECK(out[i].at("line") == i + 1);
        CHECK(value_of(out[i], "Friday") == "2024-01-19");
        if (i % 5 == 0) CHECK(value_of(out[i], "next Tuesday") == "2024-01-23");
    }
    CHECK(p.documents == std::size_t(n));
    CHECK(p.failed == 0);
    CHECK(p.bytes == input.size());
}

TEST_CASE("batch: the same output with one thread and with two", "[batch]") {
    std::string input;
    for (int i = 0; i < 60; ++i)
        input += record(i, "The company reported earnings on March 3, 2023, two years ago, and again last week.") + "\n";
    dateline::BatchOptions one, two;
    one.threads = 1;
    two.threads = 2;
    two.chunk_bytes = 100;
    std::istringstream in1(input), in2(input);
    std::ostringstream out1, out2;
    dateline::run_batch(in1, out1, one);
    dateline::run_batch(in2, out2, two);
    CHECK(out1.str() == out2.str());
    CHECK(dateline_test::lines_of(out1.str()).size() == 60);
}

TEST_CASE("batch: one error record per bad line, the others are processed", "[batch]") {
    std::string input;
    input += record("good1", "Officials met last Friday.") + "\n";                   // 1
    input += "{\"id\": \"broken\", \"text\": \"unterminated}\n";                        // 2 malformed JSON
    input += "{\"id\": \"notext\", \"dct\": \"2024-01-19\"}\n";                          // 3 missing text
    input += "{\"id\": \"numtext\", \"text\": 42}\n";                                   // 4 non-string text
    input += record("baddct", "Officials met last Friday.", "2024-02-30") + "\n";       // 5 impossible DCT
    input += "{\"id\": \"utf8\", \"text\": \"caf\xC3 here\"}\n";                         // 6 invalid UTF-8
    input += "[1, 2, 3]\n";                                                             // 7 not an object
    input += "\n";                                                                      // 8 empty line
    input += "{\"id\": \"nul\", \"text\": \"a\\u0000b\"}\n";                             // 9 binary text
    input += record("good2", "The vote is scheduled for next Tuesday.") + "\r\n";      // 10 CRLF
    input += record("good3", "It happened three years ago.");                           // 11 no final newline
    dateline::BatchOptions o;
    o.threads = 2;
    o.chunk_bytes = 1;
    o.timeline = false;
    dateline::BatchProgress p;
    auto out = run(input, o, &p);
    REQUIRE(out.size() == 11);
    for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i].at("line") == i + 1);

    CHECK(value_of(out[0], "last Friday") == "2024-01-12");
    CHECK(out[0].at("id") == "good1");
    CHECK_FALSE(out[0].contains("error"));

    CHECK(out[1].at("error").get<std::string>().find("malformed JSON") == 0);
    CHECK(out[1].at("id").is_null());
    CHECK(out[2].at("error") == "missing \"text\"");
    CHECK(out[2].at("id") == "notext");
    CHECK(out[3].at("error") == "\"text\" is not a string");
    CHECK(out[3].at("id") == "numtext");
    CHECK(out[4].at("error").get<std::string>().find("impossible DCT \"2024-02-30\"") == 0);
    CHECK(out[4].at("id") == "baddct");
    CHECK(out[5].at("error").get<std::string>().find("invalid UTF-8") != std::string::npos);
    CHECK(out[6].at("error") == "not a JSON object");
    CHECK(out[7].at("error") == "empty line");
    CHECK(out[8].at("error").get<std::string>().find("NUL") != std::string::npos);
    CHECK(out[8].at("id") == "nul");

    CHECK(out[9].at("id") == "good2");
    CHECK(value_of(out[9], "next Tuesday") == "2024-01-23");
    CHECK(out[10].at("id") == "good3");
    CHECK(value_of(out[10], "three years ago") == "2021");
    CHECK(p.failed == 8);
    CHECK(p.documents == 11);
}

TEST_CASE("batch: a record without dct uses the default DCT, else the one found in the text", "[batch]") {
    std::string input = record("a", "Officials met on Friday.", nullptr) + "\n" +
                        record("b", "Published: January 5, 2023\n\nThe vote was held on Tuesday.", nullptr) + "\n" +
                        "{\"id\": \"c\", \"dct\": null, \"text\": \"Officials met on Friday.\"}\n";
    dateline::BatchOptions o;
    o.timeline = false;
    o.options.dct = dateline::parse_dct("2024-01-19");
    auto out = run(input, o);
    REQUIRE(out.size() == 3);
    CHECK(value_of(out[0], "Friday") == "2024-01-19");
    CHECK(out[1].at("dct") == "2024-01-19");  // the default given by the caller wins over detection
    CHECK(value_of(out[2], "Friday") == "2024-01-19");

    dateline::BatchOptions detect;
    detect.timeline = false;
    auto d = run(input, detect);
    CHECK(d[1].at("dct") == "2023-01-05");
    CHECK(d[1].at("dct_source") == "header");
    CHECK(value_of(d[1], "Tuesday") == "2023-01-03");
    CHECK(d[0].at("dct").is_null());
}

TEST_CASE("batch: the result holds the timeline when asked", "[batch]") {
    auto out = run(record("t", "Two children drowned last Friday.") + "\n", dateline::BatchOptions{});
    REQUIRE(out.size() == 1);
    REQUIRE(out[0].contains("timeline"));
    REQUIRE(out[0].at("timeline").is_array());
    REQUIRE_FALSE(out[0].at("timeline").empty());
    CHECK(out[0].at("timeline")[0].at("value") == "2024-01-12");
    CHECK(value_of(out[0], "last Friday") == "2024-01-12");
}

TEST_CASE("batch: empty input gives empty output", "[batch]") {
    dateline::BatchOptions o;
    dateline::BatchProgress p;
    auto out = run("", o, &p);
    CHECK(out.empty());
    CHECK(p.documents == 0);
}

TEST_CASE("batch: process one line directly", "[batch]") {
    dateline::BatchOptions o;
    o.timeline = false;
    bool failed = true;
    auto r = json::parse(dateline::batch_process_line(record(7, "See you tomorrow."), 3, o, failed));
    CHECK_FALSE(failed);
    CHECK(r.at("id") == 7);
    CHECK(r.at("line") == 3);
    CHECK(value_of(r, "tomorrow") == "2024-01-20");
    auto e = json::parse(dateline::batch_process_line("{\"id\": 1, \"text\": \"x\", \"dct\": 20240119}", 4, o, failed));
    CHECK(failed);
    CHECK(e.at("error") == "\"dct\" is not a string");
}

TEST_CASE("dateline batch: exit codes, stdin, files and folders", "[batch][cli]") {
    Tmp tmp;
    auto good = tmp.write("good.jsonl", record(1, "Officials met last Friday.") + "\n" +
                                            record(2, "They meet again next Tuesday.") + "\n");
    auto mixed = tmp.write("mixed.jsonl", record(1, "Officials met last Friday.") + "\nnot json\n");
    auto empty = tmp.write("empty.jsonl", "");

    auto r = run_cli("-j 2 --no-timeline " + q(good));
    CHECK(r.status == 0);
    auto lines = dateline_test::lines_of(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(json::parse(lines[1]).at("id") == 2);

    r = run_cli("-j 2 < " + q(good));  // stdin
    CHECK(r.status == 0);
    CHECK(dateline_test::lines_of(r.out).size() == 2);

    r = run_cli(q(mixed));
    CHECK(r.status == 1);
    lines = dateline_test::lines_of(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(json::parse(lines[1]).contains("error"));

    r = run_cli(q(empty));
    CHECK(r.status == 0);
    CHECK(r.out.empty());

    r = run_cli("--dct 2024-02-30 " + q(good));
    CHECK(r.status == 2);
    CHECK(r.out.empty());

    r = run_cli("-j 0 " + q(good));  // a bad option value is a usage error too
    CHECK(r.status == 2);
    CHECK(r.out.empty());

    // A folder: every regular file is one document, sorted by path; hidden files are skipped.
    tmp.write("docs/b.txt", "The meeting was held on Friday, January 12, 2024.");
    tmp.write("docs/a.txt", "Published: 2024-01-19\n\nOfficials met yesterday.");
    tmp.write("docs/sub/c.txt", "Nothing temporal here.");
    tmp.write("docs/.hidden.txt", "Officials met yesterday.");
    r = run_cli("--no-timeline " + q(tmp.dir / "docs") + q(tmp.dir / "missing.txt"));
    CHECK(r.status == 1);  // the missing file
    lines = dateline_test::lines_of(r.out);
    REQUIRE(lines.size() == 4);
    auto a = json::parse(lines[0]), b = json::parse(lines[1]), c = json::parse(lines[2]), m = json::parse(lines[3]);
    CHECK(fs::path(a.at("file").get<std::string>()).filename() == "a.txt");
    CHECK(value_of(a, "yesterday") == "2024-01-18");
    CHECK(fs::path(b.at("file").get<std::string>()).filename() == "b.txt");
    CHECK(value_of(b, "Friday, January 12, 2024") == "2024-01-12");
    CHECK(fs::path(c.at("file").get<std::string>()).filename() == "c.txt");
    CHECK(c.at("timexes").empty());
    CHECK(m.at("error").get<std::string>().find("cannot open") == 0);
}
