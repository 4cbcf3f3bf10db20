// The bad-input catalogue of issue 6, one test per item, through the CLI (the README's "Bad input"
// table documents each behaviour). Large inputs are generated here in a temporary folder and
// removed afterwards; the tests that need them check the size limit and the streaming reader with
// real sizes, but annotate only what must be annotated, so they stay quick under the sanitizers.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dateline/batch.hpp"
#include "dateline/timeml.hpp"
#include "tools/process.hpp"

using namespace dateline_test;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Cli {
    int status = -1;
    std::string out, err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs `dateline ARGS` (ARGS already quoted), stdout and stderr captured apart.
Cli cli(const TempDir& dir, const std::string& args) {
    auto e = dir.path() / "stderr.txt";
    auto r = run(shell_quote(DATELINE_CLI) + " " + args + " 2>" + shell_quote(e.string()));
    return {r.status, r.output, slurp(e)};
}

// Writes `size` bytes made of `unit` repeated (the last copy cut), in 1 MB blocks.
fs::path write_repeated(const TempDir& dir, const std::string& name, const std::string& unit, std::size_t size,
                        const std::string& tail = "") {
    auto p = dir.path() / name;
    std::ofstream out(p, std::ios::binary);
    // Whole copies of `unit` per block, so that the copies stay aligned across blocks.
    std::string block;
    while (block.size() + unit.size() <= (1u << 20)) block += unit;
    const std::size_t per_block = block.size();
    std::size_t left = size;
    while (left >= per_block) {
        out.write(block.data(), std::streamsize(per_block));
        left -= per_block;
    }
    out.write(block.data(), std::streamsize(left));
    out << tail;
    return p;
}

}  // namespace

TEST_CASE("bad input: a missing file, a directory and an empty file are errors naming the input", "[input][cli][catalogue]") {
    TempDir dir;
    auto good = dir.write("good.txt", "They met on Friday.");
    auto empty = dir.write("empty.txt", "");
    const std::string missing = (dir.path() / "missing.txt").string();

    auto r = cli(dir, shell_quote(missing));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("missing.txt: error: cannot open file: No such file or directory"));
    CHECK(r.out.empty());

    r = cli(dir, shell_quote(dir.path().string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains(dir.path().string() + ": error: is a directory"));

    r = cli(dir, shell_quote(empty.string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("empty.txt: error: empty input"));

    // Nothing else is lost: the good file among them is still annotated.
    r = cli(dir, "--dct 2024-01-19 --format timeml " + shell_quote(missing) + " " + shell_quote(dir.path().string()) +
                     " " + shell_quote(empty.string()) + " " + shell_quote(good.string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains(">Friday</TIMEX3>"));
}

TEST_CASE("bad input: an unreadable file", "[input][cli][catalogue]") {
    TempDir dir;
    auto locked = dir.write("locked.txt", "They met on Friday.");
    fs::permissions(locked, fs::perms::none);
    std::string prefix;
    if (::geteuid() == 0) {
        // root reads anything: run the CLI as nobody (the folder must let nobody in).
        if (run("command -v setpriv >/dev/null 2>&1").status != 0) {
            WARN("running as root without setpriv: the unreadable-file case is not checked");
            return;
        }
        fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::others_exec | fs::perms::group_exec);
        prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
        if (run(prefix + shell_quote(DATELINE_CLI) + " --version >/dev/null 2>&1").status != 0) {
            WARN("the CLI cannot run as nobody here (its folder is not readable): unreadable-file case not checked");
            return;
        }
    }
    auto e = dir.path() / "err.txt";
    auto r = run(prefix + shell_quote(DATELINE_CLI) + " " + shell_quote(locked.string()) + " 2>" +
                 shell_quote(e.string()));
    CHECK(r.status == 1);
    CHECK_THAT(slurp(e), Catch::Contains("locked.txt: error: cannot open file: Permission denied"));
}

TEST_CASE("bad input: invalid UTF-8 names the offset and the bytes", "[input][cli][catalogue]") {
    TempDir dir;
    auto bad = dir.write("latin1.txt", "They met in Z\xFCrich on Friday and in caf\xC3\x28s.");
    auto r = cli(dir, "--dct 2024-01-19 --format json " + shell_quote(bad.string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("latin1.txt: error: invalid UTF-8 at byte offset 13 (byte FC)"));
    CHECK(r.out.empty());
    auto trunc = dir.write("truncated.txt", "Friday caf\xC3");
    r = cli(dir, shell_quote(trunc.string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("invalid UTF-8 at byte offset 10 (byte C3)"));
    auto seq = dir.write("seq.txt", "Friday caf\xC3\x28.");
    r = cli(dir, shell_quote(seq.string()));
    CHECK_THAT(r.err, Catch::Contains("invalid UTF-8 at byte offset 10 (bytes C3 28)"));
    // In batch, the error record says the same and the valid documents keep their offsets.
    auto jl = dir.write("in.jsonl", "{\"id\":1,\"text\":\"On Friday\"}\n{\"id\":2,\"text\":\"Z\xFCrich\"}\n"
                                    "{\"id\":3,\"text\":\"Z\\u00fcrich on Friday\"}\n");
    r = cli(dir, "batch --dct 2024-01-19 --no-timeline " + shell_quote(jl.string()));
    CHECK(r.status == 1);
    auto out = lines_of(r.out);
    REQUIRE(out.size() == 3);
    CHECK_THAT(json::parse(out[1])["error"].get<std::string>(), Catch::Contains("invalid UTF-8 at byte offset"));
    auto third = json::parse(out[2]);
    REQUIRE(third["timexes"].size() == 1);
    CHECK(third["timexes"][0]["begin"] == 11);  // "Zürich " is 7 characters and 8 bytes: offsets are bytes
    CHECK(third["timexes"][0]["text"] == "Friday");
}

TEST_CASE("bad input: NUL bytes and binary data (a PNG) are refused as binary", "[input][cli][catalogue]") {
    TempDir dir;
    auto nul = dir.write("nul.txt", std::string("They met on Friday.\0\0garbage", 28));
    auto r = cli(dir, shell_quote(nul.string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("nul.txt: error: binary input, not text: NUL byte at offset 19"));
    // The start of a real PNG: signature, IHDR chunk of a 1x1 image, and an IDAT chunk.
    const unsigned char png[] = {0x89, 'P',  'N',  'G',  0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 'I',
                                 'H',  'D',  'R',  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06,
                                 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 'I',  'D',
                                 'A',  'T',  0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01};
    auto image = dir.write("photo.png", std::string(reinterpret_cast<const char*>(png), sizeof png));
    r = cli(dir, "--format json " + shell_quote(image.string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("photo.png: error: binary input, not text: NUL byte at offset 8"));
    CHECK(r.out.empty());
}

TEST_CASE("bad input: a 200 MB file is refused by size, before it is read", "[input][cli][catalogue][large]") {
    TempDir dir;
    auto big = write_repeated(dir, "big.txt", "Officials met on Friday and will meet again next week. ", 200'000'000);
    REQUIRE(fs::file_size(big) == 200'000'000);
    auto small = dir.write("small.txt", "They met on Friday.");
    auto r = cli(dir, "--dct 2024-01-19 --format timeml " + shell_quote(big.string()) + " " + shell_quote(small.string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("big.txt: error: input of 200000000 bytes is larger than the limit of 64000000 "
                                      "bytes (--max-mb); not processed"));
    CHECK_THAT(r.out, Catch::Contains(">Friday</TIMEX3>"));  // the other file still comes out
    // The limit holds for a pipe too (where the size is unknown): reading stops after limit + 1 bytes.
    r = cli(dir, "--dct 2024-01-19 --max-mb 2 - < " + shell_quote(big.string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("-: error: input of more than 2000000 bytes is larger than the limit"));
    // A bad limit is a usage error.
    r = cli(dir, "--max-mb 0 " + shell_quote(small.string()));
    CHECK(r.status == 2);
    r = cli(dir, "--max-mb lots " + shell_quote(small.string()));
    CHECK(r.status == 2);
}

TEST_CASE("bad input: a 50 MB line is annotated", "[input][cli][catalogue][large]") {
    // One line of 50 MB with no sentence punctuation (the whole file is one sentence): prose with a
    // date in every kilobyte.
    TempDir dir;
    std::string unit;
    for (int i = 0; i < 13; ++i) unit += "the committee discussed the budget of the city and the schools and the roads ";
    unit += "the board met on March 3 and ";
    auto line = write_repeated(dir, "line.txt", unit, 50'000'000);
    auto out = dir.path() / "out.tml";
    auto r = cli(dir, "--dct 2024-01-19 --format timeml -o " + shell_quote(out.string()) + " " + shell_quote(line.string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto back = dateline::read_timeml(slurp(out), "out");
    CHECK(back.text.size() == 50'000'000);
    const std::size_t copies = 50'000'000 / unit.size();
    CHECK(back.timexes.size() >= copies);
    CHECK(back.timexes.size() <= copies + 1);
    CHECK(back.timexes.front().value == "2024-03-03");
    CHECK(back.timexes.back().text == "March 3");
    CHECK(back.timexes.back().end <= back.text.size());
}

TEST_CASE("bad input: pathological repetitions and digit runs", "[input][cli][catalogue]") {
    TempDir dir;
    std::string last;
    for (int i = 0; i < 100000; ++i) last += "last ";
    auto lastf = dir.write("last.txt", last);
    auto r = cli(dir, "--dct 2024-01-19 --format json " + shell_quote(lastf.string()));
    REQUIRE(r.status == 0);
    CHECK(json::parse(r.out)["timexes"].empty());

    // "last" before a unit, 100,000 times: every one is an expression.
    std::string lastweek;
    for (int i = 0; i < 20000; ++i) lastweek += "last week ";
    r = cli(dir, "--dct 2024-01-19 --format timeml " + shell_quote(dir.write("lw.txt", lastweek).string()));
    REQUIRE(r.status == 0);
    auto back = dateline::read_timeml(r.out, "lw");
    CHECK(back.timexes.size() == 20000);

    auto digits = write_repeated(dir, "digits.txt", "7", 1'000'000);
    r = cli(dir, "--dct 2024-01-19 --format json " + shell_quote(digits.string()));
    REQUIRE(r.status == 0);
    CHECK(json::parse(r.out)["timexes"].empty());
    // Digits with separators: many short numbers, none a date.
    auto groups = write_repeated(dir, "groups.txt", "1234567 ", 1'000'000);
    r = cli(dir, "--dct 2024-01-19 --format json " + shell_quote(groups.string()));
    REQUIRE(r.status == 0);
    const json groups_out = json::parse(r.out);  // (not a temporary in the range-for: it would die first)
    for (auto& t : groups_out["timexes"]) CHECK(t["value"].get<std::string>().size() <= 10);
}

TEST_CASE("bad input: huge numbers and years outside 0001-9999 never give nonsense values", "[input][cli][catalogue]") {
    TempDir dir;
    auto f = dir.write("years.txt",
                       "It will take 99999999999999999999 years. The deal closed on January 1, 0001. "
                       "It happened in the year 0 and in 10000 and 12000 BC and 0000. In 99999 they met. "
                       "The vote was on 2882015 and 20240230. Revenue was 2,882,015 in 1998. "
                       "They met in 9999 and on March 3, 0999 and on May 5, 1999.");
    auto r = cli(dir, "--dct 2024-01-19 --format json " + shell_quote(f.string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto j = json::parse(r.out);
    std::set<std::string> values;
    for (auto& t : j["timexes"]) {
        std::string v = t["value"];
        INFO(t["text"] << " -> " << v);
        values.insert(v);
        // A value is a TIMEX3 value with a year of four digits (or a duration/set).
        CHECK(std::regex_match(v, std::regex(R"((\d{4}|XXXX)(-.*)?|P.*|PRESENT_REF|PAST_REF|FUTURE_REF|T.*)")));
        CHECK(v.rfind("0000", 0) != 0);
        CHECK(v.rfind("2882", 0) != 0);
        CHECK(t["text"].get<std::string>().find("9999999") == std::string::npos);
    }
    CHECK(values.count("1998") == 1);
    CHECK(values.count("1999-05-05") == 1);
    CHECK(values.count("2024-01-01") == 0);  // not "January 1" of the DCT's year
    CHECK(values.count("2024-03-03") == 0);
    std::string warnings = j["warnings"].dump();
    CHECK_THAT(warnings, Catch::Contains("January 1, 0001") && Catch::Contains("outside the years resolved"));
    CHECK_THAT(warnings, Catch::Contains("20240230") && Catch::Contains("not a valid date"));
}

TEST_CASE("bad input: impossible dates are reported, not resolved", "[input][cli][catalogue]") {
    TempDir dir;
    auto f = dir.write("dates.txt", "The vote was on February 30, 2023 and 31/31/2023, then on February 29, 2023.");
    auto r = cli(dir, "--dct 2024-01-19 --format json " + shell_quote(f.string()));
    REQUIRE(r.status == 0);
    auto j = json::parse(r.out);
    CHECK(j["timexes"].empty());
    CHECK_THAT(r.err, Catch::Contains("dates.txt: warning: ignored \"February 30, 2023\" at offset 16: not a valid date"));
    CHECK_THAT(r.err, Catch::Contains("ignored \"31/31/2023\" at offset 38: not a valid date"));
    CHECK_THAT(r.err, Catch::Contains("ignored \"February 29, 2023\""));
}

TEST_CASE("bad input: malformed --dct values and an unknown --format are usage errors (exit 2)", "[input][cli][catalogue]") {
    TempDir dir;
    auto good = dir.write("good.txt", "They met on Friday.");
    for (const char* dct : {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-19T25:00", "2024-1-5",
                            "19/01/2024", "tomorrow", "0000-01-01", "10000-01-01", "2024-01-19junk", "' '"}) {
        INFO("--dct " << dct);
        auto r = cli(dir, std::string("--dct ") + dct + " " + shell_quote(good.string()));
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("invalid --dct"));
        CHECK(r.out.empty());
    }
    auto r = cli(dir, "--format yaml " + shell_quote(good.string()));
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--format") && Catch::Contains("yaml"));
    r = cli(dir, "batch --dct 2024-02-30");
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("invalid --dct"));
}

TEST_CASE("bad input: TimeML without a DCT, and broken TimeML", "[input][cli][catalogue]") {
    TempDir dir;
    // (A line over 80 characters: a short line with a full date would be taken as a dateline.)
    auto nodct = dir.write("nodct.tml", "<?xml version=\"1.0\" ?>\n<TimeML><DOCID>x</DOCID><TEXT>The two delegations "
                                        "met behind closed doors and finally signed the agreement on March 3, 2023."
                                        "</TEXT></TimeML>\n");
    auto r = cli(dir, "--format json " + shell_quote(nodct.string()));
    REQUIRE(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("nodct.tml: warning: no DCT given or found"));
    auto j = json::parse(r.out);
    REQUIRE(j["timexes"].size() == 1);
    CHECK(j["timexes"][0]["value"] == "2023-03-03");  // absolute dates still resolve
    r = cli(dir, "--format json " + shell_quote(dir.write("rel.tml", "<TimeML><TEXT>They met on Friday.</TEXT></TimeML>").string()));
    REQUIRE(r.status == 0);
    CHECK(json::parse(r.out)["timexes"][0]["value"] == "XXXX-WXX-5");  // underspecified, never made up

    for (const char* broken : {"<?xml version=\"1.0\" ?>\n<TimeML><TEXT>unclosed <TIMEX3>Friday</TEXT></TimeML>",
                               "<TimeML><DCT><TIMEX3 value=\"2024-01-19\">x</TIMEX3></DCT></TimeML>",
                               "<TimeML><TEXT>an <b>unclosed element</TEXT></TimeML>", "<TimeML>"}) {
        INFO(broken);
        auto f = dir.write("broken.tml", broken);
        r = cli(dir, shell_quote(f.string()));
        CHECK(r.status == 1);
        CHECK_THAT(r.err, Catch::Contains("broken.tml: error:") && Catch::Contains("TimeML"));
    }
}

TEST_CASE("bad input: JSON Lines with malformed lines and missing text keep the other documents", "[input][batch][catalogue]") {
    TempDir dir;
    auto f = dir.write("in.jsonl", "{\"id\":\"a\",\"text\":\"They met on Friday.\"}\n"
                                   "{\"id\":\"b\",\"text\":\"unterminated}\n"
                                   "{\"id\":\"c\"}\n"
                                   "\n"
                                   "{\"id\":\"d\",\"text\":null}\n"
                                   "{\"id\":\"e\",\"dct\":\"2024-02-30\",\"text\":\"today\"}\n"
                                   "{\"id\":\"f\",\"text\":\"And on Monday.\"}");
    auto r = cli(dir, "batch -j 2 --dct 2024-01-19 --no-timeline " + shell_quote(f.string()));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("5 of 7 documents failed"));
    auto out = lines_of(r.out);
    REQUIRE(out.size() == 7);
    std::vector<json> rec;
    for (auto& l : out) rec.push_back(json::parse(l));
    CHECK(rec[0]["timexes"][0]["value"] == "2024-01-19");
    CHECK_THAT(rec[1]["error"].get<std::string>(), Catch::StartsWith("malformed JSON"));
    CHECK(rec[1]["line"] == 2);
    CHECK(rec[2]["error"] == "missing \"text\"");
    CHECK(rec[2]["id"] == "c");
    CHECK(rec[3]["error"] == "empty line");
    CHECK(rec[4]["error"] == "\"text\" is not a string");
    CHECK_THAT(rec[5]["error"].get<std::string>(), Catch::Contains("impossible DCT"));
    CHECK(rec[6]["timexes"][0]["value"] == "2024-01-15");
}

TEST_CASE("bad input: a 100 MB batch document gets an error record, streamed past, and the others come out",
          "[input][batch][catalogue][large]") {
    TempDir dir;
    // Three documents: a small one, one of 100 MB (one JSON line), a small one.
    auto p = dir.path() / "big.jsonl";
    {
        std::ofstream out(p, std::ios::binary);
        out << "{\"id\":\"before\",\"text\":\"They met on Friday.\"}\n{\"id\":\"huge\",\"text\":\"";
        std::string block;
        while (block.size() < (1u << 20)) block += "Officials met on Friday and again last week. ";
        std::size_t written = 0;
        while (written < 100'000'000) {
            out << block;
            written += block.size();
        }
        out << "\"}\n{\"id\":\"after\",\"text\":\"And on Monday.\"}\n";
    }
    REQUIRE(fs::file_size(p) > 100'000'000);
    auto r = cli(dir, "batch -j 2 --dct 2024-01-19 " + shell_quote(p.string()));
    CHECK(r.status == 1);
    auto out = lines_of(r.out);
    REQUIRE(out.size() == 3);
    auto huge = json::parse(out[1]);
    CHECK(huge["line"] == 2);
    CHECK_THAT(huge["error"].get<std::string>(),
               Catch::Contains("is larger than the limit of 64000000 bytes (--max-mb); not processed"));
    CHECK(json::parse(out[0])["id"] == "before");
    CHECK(json::parse(out[2])["id"] == "after");
    CHECK(json::parse(out[2])["timexes"][0]["value"] == "2024-01-15");

    // The same document as a file of a folder: refused by its size.
    auto folder = dir.path() / "docs";
    fs::create_directories(folder);
    write_repeated(dir, "docs/huge.txt", "Officials met on Friday. ", 70'000'000);
    std::ofstream(folder / "small.txt") << "They met on Friday.";
    r = cli(dir, "batch --dct 2024-01-19 --no-timeline " + shell_quote(folder.string()));
    CHECK(r.status == 1);
    out = lines_of(r.out);
    REQUIRE(out.size() == 2);
    CHECK_THAT(json::parse(out[0])["error"].get<std::string>(), Catch::Contains("document of 70000000 bytes"));
    CHECK(json::parse(out[1])["timexes"][0]["value"] == "2024-01-19");

    // A lowered limit applies to every document: the small ones are still processed.
    r = cli(dir, "batch --dct 2024-01-19 --no-timeline --max-mb 0.0001 " + shell_quote(p.string()));
    out = lines_of(r.out);
    REQUIRE(out.size() == 3);
    CHECK(json::parse(out[0]).contains("timexes"));  // 46 bytes: under the 100-byte limit
    CHECK(json::parse(out[2]).contains("timexes"));
}

TEST_CASE("bad input: the JSON Lines reader skips over-long lines wherever they end", "[input][batch][catalogue]") {
    // Limit 1000 bytes; the reader reads 1 MB blocks, so an over-long line may end in the block that
    // began it, in a later block, or at the end of the input without a newline.
    auto doc = [](const std::string& id, std::size_t size) {
        std::string text = "They met on Friday.";
        while (text.size() < size) text += " And again.";
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
    };
    const std::string input = doc("a", 10) + "\n" + doc("long-in-block", 5000) + "\r\n" + doc("b", 10) + "\n" +
                              doc("long-across-blocks", 3'000'000) + "\n" + doc("c", 10) + "\n" +
                              doc("long-at-eof", 2'500'000);
    dateline::BatchOptions o;
    o.threads = 2;
    o.chunk_bytes = 100;
    o.max_document_bytes = 1000;
    o.timeline = false;
    o.options.dct = dateline::parse_dct("2024-01-19");
    std::istringstream in(input);
    std::ostringstream out;
    auto p = dateline::run_batch(in, out, o);
    auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 6);
    CHECK(p.documents == 6);
    CHECK(p.failed == 3);
    CHECK(p.bytes == input.size());
    for (std::size_t i : {0, 2, 4}) {
        auto r = json::parse(lines[i]);
        CHECK(r["line"] == i + 1);
        CHECK(r["timexes"][0]["value"] == "2024-01-19");
    }
    for (std::size_t i : {1, 3, 5}) {
        auto r = json::parse(lines[i]);
        INFO(lines[i]);
        CHECK(r["line"] == i + 1);
        CHECK_THAT(r["error"].get<std::string>(), Catch::Contains("is larger than the limit of 1000 bytes"));
    }
    CHECK_THAT(lines[3], Catch::Contains("document of " + std::to_string(doc("long-across-blocks", 3'000'000).size()) +
                                         " bytes"));
}
