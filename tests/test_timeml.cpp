// TimeML round trip: for every TempEval-3 gold file (TimeBank + AQUAINT, read from
// DATELINE_SHARED_DIR, skipped when absent) the gold TEXT without its tags is annotated and written
// as TimeML; the output must be well-formed XML whose text is exactly the input text, with the
// TIMEX3 tags where the annotation put them. The CLI does the same from the .tml file itself.
// Plus a hand-made document with XML special characters.
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>
#include <vector>

#include <catch2/catch.hpp>

#include "dateline/annotate.hpp"
#include "dateline/error.hpp"
#include "dateline/timeml.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in.good());
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<fs::path> gold_files() {
    std::vector<fs::path> out;
    fs::path dir = fs::path(DATELINE_SHARED_DIR) / "data" / "tbaq";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".tml") out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

// Runs a shell command, returning its exit status and standard output.
std::pair<int, std::string> run(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    std::array<char, 65536> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// Writes `a` as TimeML, parses it back, and checks text, DCT and tags.
void check_round_trip(const std::string& text, const dateline::Annotation& a, const std::string& id) {
    std::string xml = dateline::write_timeml(text, a, id);
    dateline::TimemlDocument back;
    REQUIRE_NOTHROW(back = dateline::read_timeml(xml, id));  // well-formed XML with a <TEXT>
    CHECK(back.text == text);
    CHECK(back.id == id);
    if (a.dct) {
        REQUIRE(back.dct);
        CHECK(back.dct->day == a.dct->day);
    }
    REQUIRE(back.timexes.size() == a.timexes.size());
    for (std::size_t i = 0; i < a.timexes.size(); ++i) {
        const auto& w = a.timexes[i];
        const auto& r = back.timexes[i];
        CHECK(r.begin == w.begin);
        CHECK(r.end == w.end);
        CHECK(r.value == w.value);
        CHECK(r.type == dateline::to_string(w.type));
        CHECK(r.mod == w.mod);
    }
}

}  // namespace

TEST_CASE("TimeML round trip over every TempEval-3 gold file (library)", "[timeml]") {
    auto files = gold_files();
    if (files.empty()) {
        WARN("skipped: no .tml files under " DATELINE_SHARED_DIR "/data/tbaq");
        return;
    }
    std::size_t timexes = 0;
    for (const auto& f : files) {
        INFO(f.string());
        auto gold = dateline::read_timeml(read_file(f), f.filename().string());
        REQUIRE(!gold.text.empty());
        dateline::Options o;
        o.dct = gold.dct;
        auto a = dateline::annotate(gold.text, o);
        timexes += a.timexes.size();
        check_round_trip(gold.text, a, gold.id);
    }
    CHECK(files.size() >= 250);
    CHECK(timexes > 1000);
}

TEST_CASE("dateline --format timeml on every TempEval-3 gold file (CLI)", "[timeml][cli]") {
    auto files = gold_files();
    if (files.empty()) {
        WARN("skipped: no .tml files under " DATELINE_SHARED_DIR "/data/tbaq");
        return;
    }
    for (const auto& f : files) {
        INFO(f.string());
        auto gold = dateline::read_timeml(read_file(f), f.filename().string());
        auto [status, out] = run(std::string("\"") + DATELINE_CLI + "\" --format timeml \"" + f.string() + "\" 2>/dev/null");
        CHECK(status == 0);
        dateline::TimemlDocument back;
        REQUIRE_NOTHROW(back = dateline::read_timeml(out, "out"));
        CHECK(back.text == gold.text);  // the text, with its TIMEX3 tags removed, is unchanged
        REQUIRE(back.dct);
        REQUIRE(gold.dct);
        CHECK(back.dct->day == gold.dct->day);  // the DCT of the input is used
        for (const auto& t : back.timexes) {
            CHECK(t.end > t.begin);
            CHECK(!t.value.empty());
            CHECK((t.type == "DATE" || t.type == "TIME" || t.type == "DURATION" || t.type == "SET"));
        }
    }
}

TEST_CASE("TimeML with XML special characters is read, annotated and written back", "[timeml]") {
    const std::string xml =
        "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>amp-test</DOCID>\n"
        "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2024-01-19\" temporalFunction=\"false\" "
        "functionInDocument=\"CREATION_TIME\">January 19, 2024</TIMEX3></DCT>\n"
        "<TEXT>AT&amp;T said on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2024-01-18\">Thursday</TIMEX3> that "
        "profit &lt; 5% of sales &gt; \"expected\" &amp; fell 'sharply' in <TIMEX3 tid=\"t2\" type=\"DATE\" "
        "value=\"2023-Q4\">the fourth quarter</TIMEX3>.</TEXT>\n</TimeML>\n";
    REQUIRE(dateline::looks_like_timeml(xml));
    auto doc = dateline::read_timeml(xml, "amp.tml");
    const std::string text =
        "AT&T said on Thursday that profit < 5% of sales > \"expected\" & fell 'sharply' in the fourth quarter.";
    CHECK(doc.text == text);
    CHECK(doc.id == "amp-test");
    REQUIRE(doc.dct);
    CHECK(doc.dct->day == date::year{2024} / 1 / 19);
    REQUIRE(doc.timexes.size() == 2);
    CHECK(doc.timexes[0].text == "Thursday");
    CHECK(text.substr(doc.timexes[0].begin, doc.timexes[0].end - doc.timexes[0].begin) == "Thursday");
    CHECK(doc.timexes[1].value == "2023-Q4");

    dateline::Options o;
    o.dct = doc.dct;
    auto a = dateline::annotate(doc.text, o);
    std::string out = dateline::write_timeml(doc.text, a, "a<b&c");
    CHECK(out.find("AT&amp;T") != std::string::npos);
    CHECK(out.find("&lt; 5%") != std::string::npos);
    CHECK(out.find("AT&T") == std::string::npos);
    CHECK(out.find("<DOCID>a&lt;b&amp;c</DOCID>") != std::string::npos);
    check_round_trip(doc.text, a, "a<b&c");
    bool thursday = false;
    for (auto& t : a.timexes) thursday |= t.text == "Thursday" && t.value == "2024-01-18";
    CHECK(thursday);
}

TEST_CASE("malformed TimeML is a clear InputError", "[timeml]") {
    CHECK_THROWS_AS(dateline::read_timeml("<TimeML><TEXT>unclosed</TimeML>"), dateline::InputError);
    CHECK_THROWS_AS(dateline::read_timeml("<TimeML><DOCID>x</DOCID></TimeML>"), dateline::InputError);  // no TEXT
    CHECK_THROWS_AS(dateline::read_timeml("<TimeML><DCT><TIMEX3 value=\"2024-02-30\">x</TIMEX3></DCT>"
                                          "<TEXT>t</TEXT></TimeML>"),
                    dateline::InputError);  // impossible DCT
    CHECK_THROWS_AS(dateline::read_timeml("<TimeML><TEXT>a</TIMEX3></TEXT></TimeML>"), dateline::InputError);
    CHECK_THROWS_AS(dateline::read_timeml(""), dateline::InputError);
}
