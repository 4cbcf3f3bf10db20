// Bad input through the library and the CLI: invalid UTF-8, NUL bytes, empty input, a missing
// file, bad flags, an impossible --dct, a 20 MB input, text without sentence punctuation and
// nonsense dates. Each gets a clear error and a non-zero exit, or a sane annotation; never a crash.
// (No timing assertions: speed is measured by the benchmarks.)
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "dateline/annotate.hpp"
#include "dateline/error.hpp"
#include "dateline/timeml.hpp"

namespace {

namespace fs = std::filesystem;

struct Result {
    int status = -1;  // exit status; -1 when the process did not exit normally (a crash)
    std::string output;  // stdout and stderr together
};

Result run(const std::string& args) {
    std::string cmd = std::string("\"") + DATELINE_CLI + "\" " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    Result r;
    std::array<char, 65536> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
    int status = pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// A file in a per-process temporary folder, removed with it.
struct TempDir {
    fs::path dir;
    TempDir() {
        dir = fs::temp_directory_path() / ("dateline-input-test-" + std::to_string(::getpid()));
        fs::create_directories(dir);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string write(const std::string& name, const std::string& bytes) const {
        auto p = dir / name;
        std::ofstream out(p, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return p.string();
    }
};

std::string shell_quoted(const std::string& s) { return "\"" + s + "\""; }

dateline::Options with_dct() {
    dateline::Options o;
    o.dct = dateline::parse_dct("2024-01-19");
    return o;
}

}  // namespace

TEST_CASE("library: invalid UTF-8 and NUL bytes are InputErrors naming the offset", "[input]") {
    using dateline::InputError;
    CHECK_THROWS_AS(dateline::annotate("On Friday \xff they met."), InputError);
    CHECK_THROWS_WITH(dateline::annotate("On Friday \xff they met."), Catch::Contains("UTF-8") && Catch::Contains("10"));
    CHECK_THROWS_AS(dateline::annotate("caf\xc3"), InputError);                 // truncated sequence
    CHECK_THROWS_AS(dateline::annotate("\xc0\xaf overlong"), InputError);       // overlong form
    CHECK_THROWS_AS(dateline::annotate("\xed\xa0\x80 surrogate"), InputError);  // UTF-16 surrogate
    CHECK_THROWS_AS(dateline::annotate(std::string("Friday\0binary", 13)), InputError);
    CHECK_THROWS_WITH(dateline::annotate(std::string("Friday\0binary", 13)), Catch::Contains("NUL"));
    CHECK_THROWS_AS(dateline::normalize("last \xfe Friday", *dateline::parse_dct("2024-01-19")), InputError);
    // Valid UTF-8 of every length is fine.
    auto a = dateline::annotate("Bárcena met Blinken on Friday — “today” € 日本 🙂.", with_dct());
    REQUIRE(a.timexes.size() == 2);
    CHECK(a.timexes[0].value == "2024-01-19");
    CHECK(a.timexes[1].value == "2024-01-19");
}

TEST_CASE("library: empty and whitespace-only text give an empty annotation", "[input]") {
    auto a = dateline::annotate("", with_dct());
    CHECK(a.timexes.empty());
    auto b = dateline::annotate(" \n\n\t \n", with_dct());
    CHECK(b.timexes.empty());
    CHECK_FALSE(dateline::normalize("", *dateline::parse_dct("2024-01-19")));
    CHECK_FALSE(dateline::normalize("the cat sat", *dateline::parse_dct("2024-01-19")));
}

TEST_CASE("library: CRLF line ends stay out of the timexes", "[input]") {
    auto a = dateline::annotate("Talks resume Monday\r\nThe vote is on Tuesday\r\nIt ended at 5 p.m.\r\n", with_dct());
    REQUIRE(a.timexes.size() == 3);
    CHECK(a.timexes[0].text == "Monday");
    CHECK(a.timexes[1].text == "Tuesday");
    CHECK(a.timexes[2].text == "5 p.m.");
}

TEST_CASE("library: impossible DCTs are rejected", "[input]") {
    CHECK_FALSE(dateline::parse_dct("2024-02-30"));
    CHECK_FALSE(dateline::parse_dct("2023-02-29"));
    CHECK_FALSE(dateline::parse_dct("2024-13-01"));
    CHECK_FALSE(dateline::parse_dct("2024-00-10"));
    CHECK_FALSE(dateline::parse_dct("2024-01-19T25:00"));
    CHECK_FALSE(dateline::parse_dct("yesterday"));
    CHECK_FALSE(dateline::parse_dct(""));
    CHECK(dateline::parse_dct("2024-02-29"));
    CHECK(dateline::parse_dct("20240119"));
    CHECK(dateline::parse_dct("2024-01-19T09:30"));
}

TEST_CASE("library: nonsense dates are dropped or left alone, never resolved to impossible days", "[input]") {
    const char* text =
        "The vote was set for February 30, 2024, then for 2024-13-45, 13/45/2024 and the 45th of March. "
        "It ended at 25:99 on April 31. Sales rose 2,024% to $1998 on 99/99/99. Meanwhile on "
        "February 31 nothing happened at 99 p.m.";
    dateline::Annotation a;
    REQUIRE_NOTHROW(a = dateline::annotate(text, with_dct()));
    for (const auto& t : a.timexes) {
        INFO(t.text << " -> " << t.value);
        CHECK(t.value.find("-02-30") == std::string::npos);
        CHECK(t.value.find("-02-31") == std::string::npos);
        CHECK(t.value.find("-04-31") == std::string::npos);
        CHECK(t.value.find("-13-") == std::string::npos);
        CHECK(t.value.find("T25") == std::string::npos);
        CHECK(t.value.find("T99") == std::string::npos);
        CHECK(t.text.find("1998") == std::string::npos);
    }
    // The impossible ones the grammar did read are reported.
    bool warned = false;
    for (const auto& w : a.warnings) warned |= w.find("February 30") != std::string::npos;
    CHECK(warned);
}

TEST_CASE("library: 20 MB of text, and megabytes without sentence punctuation, do not crash", "[input][large]") {
    // News-like density: a few expressions in a paragraph of ordinary prose.
    std::string para =
        "WASHINGTON (AP) — Officials said on Friday that talks held last November made progress, and will "
        "resume next Tuesday at 9:21 p.m. EST. The negotiators, who have met in several capitals, declined to "
        "give details of the proposals under discussion, but one of them described the atmosphere as "
        "constructive and said that both delegations had agreed to keep working on the remaining questions "
        "of border security, asylum processing and the financing of shelters along the frontier, which local "
        "authorities say are overwhelmed. Critics of the plan argue that it does little to address the causes "
        "of migration. ";
    std::string big;
    big.reserve(20u << 20);
    while (big.size() < (20u << 20)) big += para;
    dateline::Annotation a;
    REQUIRE_NOTHROW(a = dateline::annotate(big, with_dct()));
    std::size_t copies = big.size() / para.size();
    CHECK(a.timexes.size() >= copies * 3);  // Friday, last November, next Tuesday at 9:21 p.m. EST
    CHECK(a.timexes.back().end <= big.size());
    // No punctuation at all: one "sentence" of a megabyte with thousands of expressions.
    std::string flat;
    while (flat.size() < (1u << 20)) flat += "they met on Friday and again on March 3 ";
    REQUIRE_NOTHROW(a = dateline::annotate(flat, with_dct()));
    CHECK(a.timexes.size() >= flat.size() / 41 * 2 - 2);
    // One enormous word.
    std::string word(4u << 20, 'a');
    REQUIRE_NOTHROW(a = dateline::annotate(word, with_dct()));
    CHECK(a.timexes.empty());
}

TEST_CASE("CLI: bad input files give a clear error and a non-zero exit", "[input][cli]") {
    TempDir tmp;
    auto bad = tmp.write("bad.txt", "They met on Friday \xff\xfe.");
    auto nul = tmp.write("nul.txt", std::string("Friday\0\0\0binary", 15));
    auto empty = tmp.write("empty.txt", "");
    auto good = tmp.write("good.txt", "They met on Friday.");

    auto r = run("--format json " + shell_quoted(bad));
    CHECK(r.status > 0);
    CHECK_THAT(r.output, Catch::Contains("invalid UTF-8") && Catch::Contains("bad.txt"));

    r = run("--format json " + shell_quoted(nul));
    CHECK(r.status > 0);
    CHECK_THAT(r.output, Catch::Contains("NUL"));

    r = run("--format json " + shell_quoted(empty));
    CHECK(r.status > 0);
    CHECK_THAT(r.output, Catch::Contains("empty"));

    r = run("--format json " + shell_quoted((tmp.dir / "missing.txt").string()));
    CHECK(r.status > 0);
    CHECK_THAT(r.output, Catch::Contains("missing.txt") && Catch::Contains("cannot open"));

    // A directory is not a file.
    r = run("--format json " + shell_quoted(tmp.dir.string()));
    CHECK(r.status > 0);
    CHECK_THAT(r.output, Catch::Contains("error"));

    // Malformed TimeML.
    auto tml = tmp.write("broken.tml", "<?xml version=\"1.0\" ?>\n<TimeML><TEXT>unclosed <TIMEX3>Friday</TEXT>");
    r = run("--format timeml " + shell_quoted(tml));
    CHECK(r.status > 0);
    CHECK_THAT(r.output, Catch::Contains("TimeML"));

    // Empty standard input.
    r = run("--format json - < " + shell_quoted(empty));
    CHECK(r.status > 0);

    // A good file still works, and one bad file among good ones fails the run but not the others.
    r = run("--format timeml --dct 2024-01-19 " + shell_quoted(good));
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Catch::Contains("value=\"2024-01-19\""));
    r = run("--format timeml --dct 2024-01-19 " + shell_quoted(bad) + " " + shell_quoted(good));
    CHECK(r.status > 0);
    CHECK_THAT(r.output, Catch::Contains("invalid UTF-8") && Catch::Contains("value=\"2024-01-19\""));
}

TEST_CASE("CLI: bad flags and an impossible --dct are usage errors", "[input][cli]") {
    TempDir tmp;
    auto good = tmp.write("good.txt", "They met on Friday.");
    auto r = run("--no-such-flag " + shell_quoted(good));
    CHECK(r.status > 0);
    CHECK_THAT(r.output, Catch::Contains("no-such-flag"));

    r = run("--format xml " + shell_quoted(good));
    CHECK(r.status > 0);
    CHECK_THAT(r.output, Catch::Contains("xml"));

    r = run("--strategy sideways " + shell_quoted(good));
    CHECK(r.status > 0);

    r = run("");  // no file at all
    CHECK(r.status > 0);

    for (const char* dct : {"2024-02-30", "2023-02-29", "2024-13-01", "tomorrow", "19/01/2024"}) {
        INFO("--dct " << dct);
        r = run(std::string("--dct ") + dct + " --format json " + shell_quoted(good));
        CHECK(r.status > 0);
        CHECK_THAT(r.output, Catch::Contains("--dct") && Catch::Contains(dct));
    }
    r = run("--dct 2024-02-29 --format timeml " + shell_quoted(good));
    CHECK(r.status == 0);
}

TEST_CASE("CLI: a 20 MB input is annotated without crashing", "[input][cli][large]") {
    TempDir tmp;
    std::string para =
        "The talks held on December 27 resumed on Friday; a deal is due next month, officials said. The two "
        "delegations, which met behind closed doors in a government building near the river, did not take "
        "questions from the reporters who had gathered outside, and a spokesman said only that the discussions "
        "had been frank and that both sides would report to their governments before any statement. ";
    std::string big;
    big.reserve(20u << 20);
    while (big.size() < (20u << 20)) big += para;
    auto path = tmp.write("big.txt", big);
    auto r = run("--format timeml --dct 2024-01-19 " + shell_quoted(path) + " > " + shell_quoted((tmp.dir / "out.tml").string()));
    REQUIRE(r.status == 0);
    std::ifstream in(tmp.dir / "out.tml", std::ios::binary);
    std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    dateline::TimemlDocument back;
    REQUIRE_NOTHROW(back = dateline::read_timeml(out, "out"));
    CHECK(back.text == big);
    CHECK(back.timexes.size() >= big.size() / para.size() * 3);
}

TEST_CASE("a mention that runs over a sentence break is resolved, not a crash", "[input]") {
    // Found by the fuzz driver: "this\nMay" is one mention across two "sentences".
    dateline::Options o;
    o.dct = dateline::parse_dct("2024-01-19");
    auto a = dateline::annotate("late today Sept. today sun.each mid- - this \nMay $ twenty-one", o);
    REQUIRE_FALSE(a.timexes.empty());
    for (const auto& t : a.timexes) CHECK_FALSE(t.value.empty());
}
