// Output safety: text that tries to break out of its format (quotes, backslashes, <script>, &, ]]>,
// CR/LF followed by END:VEVENT, terminal escapes, a very long line, non-ASCII) goes through every
// exporter of the CLI, and each output is parsed back with a real parser (nlohmann::json, pugixml
// and xmllint, python3's html.parser via check_html.py, python3-icalendar via check_ics.py): the
// injected text stays text (no extra VEVENT, element or script) and comes back unchanged.
// Invalid UTF-8 never reaches an exporter: the document is an error, and a file *name* that is
// not UTF-8 is shown with U+FFFD in its place.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "dateline/timeml.hpp"
#include "tools/process.hpp"

using namespace dateline_test;
using json = nlohmann::json;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs the CLI; stdout goes to the returned string, stderr to `err`.
CommandResult cli(const std::string& args, const TempDir& dir, std::string* err = nullptr) {
    auto errfile = dir.path() / "stderr.txt";
    auto r = run(shell_quote(DATELINE_CLI) + " " + args + " 2>" + shell_quote(errfile.string()));
    if (err) *err = slurp(errfile);
    return r;
}

// The hostile document. Every paragraph has a date, so each injection lands in timeline entries
// (event text, sentence, time text) and not only in the page text.
std::string hostile_text() {
    std::string t =
        "WASHINGTON (AP) \xE2\x80\x94 Officials said on March 1, 2023 that \"we will \\\"quote\\\" C:\\new\\path\" "
        "was the plan.\n\n"
        "The <script>alert(\"x\")</script> & <b>Co.</b> board met on March 3, 2023, ]]> <![CDATA[ x ]]> &amp; "
        "&#60;i&#62; later.\n\n"
        // A lone CR stays inside the sentence (it reaches SUMMARY and DESCRIPTION); CRLF lines are
        // sentences of their own.
        "Crews repaired the pier on January 5, 2024\rEND:VEVENT\rBEGIN:VEVENT\rUID:evil\r"
        "SUMMARY:injected\rDTSTART:20240101\rEND:VEVENT\rBEGIN:VEVENT and left.\r\n\r\n"
        "Officials said the pier\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:injected was repaired "
        "on March 4, 2023.\r\n\r\n"
        "Z\xC3\xBCrich \xE2\x80\x9Cquoted\xE2\x80\x9D \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x99\x82 talks resumed on "
        "December 27.\n\n"
        "The bell \x1B[2J\x1B]0;pwned\x07 rang twice on Tuesday \x7F \xC2\x9B" "31m.\n\n"
        "The committee met on June 3, 2024 and ";
    for (int i = 0; i < 4000; ++i) t += "discussed the budget again and ";  // a 120 KB line
    t += "adjourned.\n";
    return t;
}

bool has_control(const std::string& s, bool allow_newlines) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c == '\n' || c == '\t') && allow_newlines) continue;
        if (c < 0x20 || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9F)
            return true;  // a C1 control (U+0080..U+009F), e.g. CSI
    }
    return false;
}

// Every string inside a JSON value.
void strings_of(const json& j, std::vector<std::string>& out) {
    if (j.is_string()) out.push_back(j.get<std::string>());
    else if (j.is_structured())
        for (auto& v : j) strings_of(v, out);
}

bool any_contains(const std::vector<std::string>& list, const std::string& needle) {
    return std::any_of(list.begin(), list.end(), [&](auto& s) { return s.find(needle) != std::string::npos; });
}

// Undoes the HTML escaping of text (the entities the exporters write).
std::string html_unescape(std::string s) {
    const std::pair<const char*, const char*> ents[] = {{"&lt;", "<"},   {"&gt;", ">"},  {"&quot;", "\""},
                                                        {"&#39;", "'"},  {"&amp;", "&"}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool hit = false;
        for (auto& [e, c] : ents)
            if (s.compare(i, std::strlen(e), e) == 0) {
                out += c;
                i += std::strlen(e);
                hit = true;
                break;
            }
        if (!hit) out += s[i++];
    }
    return out;
}

}  // namespace

TEST_CASE("output safety: injected text stays text in every format", "[export][safety]") {
    TempDir dir;
    const std::string text = hostile_text();
    const auto input = dir.write("hostile <&\">.txt", text);
    const std::string base = "--dct 2024-01-19 " + shell_quote(input.string());

    // JSON: the reference for the other formats.
    std::string err;
    auto r = cli("--format json " + base, dir, &err);
    INFO("stderr: " << err);
    REQUIRE(r.status == 0);
    json doc;
    REQUIRE_NOTHROW(doc = json::parse(r.output));
    const auto& timexes = doc.at("timexes");
    REQUIRE(timexes.size() >= 6);
    for (auto& t : timexes) {
        std::size_t b = t.at("begin"), e = t.at("end");
        CHECK(t.at("text") == text.substr(b, e - b));
    }
    std::size_t dated = 0;
    for (auto& e : doc.at("timeline")) {
        dated += e.at("dated").get<bool>();
        std::size_t b = e.at("text_begin"), en = e.at("text_end");
        REQUIRE(en <= text.size());
        CHECK(e.at("event").at("trigger") ==
              text.substr(e.at("event").at("begin").get<std::size_t>(),
                          e.at("event").at("end").get<std::size_t>() - e.at("event").at("begin").get<std::size_t>()));
        (void)b;
    }
    REQUIRE(dated >= 7);
    std::vector<std::string> strings;
    strings_of(doc, strings);
    CHECK(any_contains(strings, "<script>alert(\"x\")</script> & <b>Co.</b>"));
    CHECK(any_contains(strings, "\"we will \\\"quote\\\" C:\\new\\path\""));
    CHECK(any_contains(strings, "END:VEVENT\rBEGIN:VEVENT\rUID:evil"));
    CHECK(any_contains(strings, "Z\xC3\xBCrich \xE2\x80\x9Cquoted\xE2\x80\x9D \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x99\x82"));
    CHECK(doc.at("file") == input.string());

    SECTION("TimeML: well-formed XML (pugixml and xmllint), one element per timex, the text unchanged") {
        r = cli("--format timeml " + base, dir, &err);
        REQUIRE(r.status == 0);
        const std::string xml = r.output;
        pugi::xml_document x;
        auto ok = x.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
        INFO(ok.description() << " at " << ok.offset);
        REQUIRE(ok);
        std::multiset<std::string> names;
        std::function<void(pugi::xml_node)> walk = [&](pugi::xml_node n) {
            for (auto c : n.children())
                if (c.type() == pugi::node_element) {
                    names.insert(c.name());
                    walk(c);
                }
        };
        walk(x);
        CHECK(names.count("script") == 0);
        CHECK(names.count("b") == 0);
        CHECK(names.count("i") == 0);
        CHECK(names.count("TIMEX3") == timexes.size() + 1);  // + the DCT
        CHECK(names.size() == timexes.size() + 5);            // TimeML, DOCID, DCT, its TIMEX3, TEXT
        auto back = dateline::read_timeml(xml, "back");
        // The text comes back byte for byte (CR, quotes, ]]> and entities included), except the C0
        // control characters XML 1.0 cannot carry, which are spaces.
        std::string expected = text;
        for (char& c : expected)
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
        CHECK(back.text == expected);
        REQUIRE(back.timexes.size() == timexes.size());
        for (std::size_t i = 0; i < back.timexes.size(); ++i) {
            CHECK(back.timexes[i].begin == timexes[i].at("begin").get<std::size_t>());
            CHECK(back.timexes[i].text == timexes[i].at("text").get<std::string>());
        }
        if (run("command -v xmllint >/dev/null 2>&1").status == 0) {
            auto f = dir.write("out.tml", xml);
            auto lint = run("xmllint --noout --nonet " + shell_quote(f.string()) + " 2>&1");
            INFO("xmllint: " << lint.output);
            CHECK(lint.status == 0);
        } else {
            WARN("xmllint not installed (libxml2-utils): strict XML well-formedness not checked");
        }
    }

    SECTION("HTML: html.parser reads it, no script or injected element, the text is there as text") {
        r = cli("--format html " + base, dir, &err);
        REQUIRE(r.status == 0);
        auto f = dir.write("page.html", r.output);
        auto c = run(python() + " " + shell_quote(tool("check_html.py")) + " " + shell_quote(f.string()) + " 2>&1");
        INFO("check_html.py: " << c.output.substr(0, 2000));
        REQUIRE(c.status == 0);
        auto page = json::parse(c.output);
        std::set<std::string> tags(page["tags"].begin(), page["tags"].end());
        CHECK(tags.count("script") == 0);
        CHECK(tags.count("b") == 0);
        CHECK(tags.count("i") == 0);
        const std::string shown = page["text"];
        CHECK(shown.find("<script>alert(\"x\")</script> & <b>Co.</b>") != std::string::npos);
        CHECK(shown.find("]]> <![CDATA[ x ]]> &amp; &#60;i&#62;") != std::string::npos);
        CHECK(shown.find("\"we will \\\"quote\\\" C:\\new\\path\"") != std::string::npos);
        CHECK(shown.find("\xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x99\x82") != std::string::npos);
        CHECK(shown.find("hostile <&\">.txt") != std::string::npos);
        CHECK_FALSE(has_control(r.output, true));
        CHECK(page["entries"].size() == dated);
    }

    SECTION("iCalendar: python3-icalendar reads one VEVENT per dated entry, none injected") {
        r = cli("--format ics " + base, dir, &err);
        REQUIRE(r.status == 0);
        auto f = dir.write("out.ics", r.output);
        auto c = run(python() + " " + shell_quote(tool("check_ics.py")) + " " + shell_quote(f.string()) + " 2>&1");
        INFO("check_ics.py: " << c.output.substr(0, 2000));
        REQUIRE(c.status == 0);
        auto cal = json::parse(c.output);
        CHECK(cal["events"].size() == dated);
        std::vector<std::string> texts;
        for (auto& e : cal["events"]) {
            CHECK(e["uid"] != "evil");
            CHECK(e["summary"] != "injected");
            texts.push_back(e["summary"]);
            texts.push_back(e["description"]);
        }
        CHECK(any_contains(texts, "END:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:injected"));  // text of a property
        CHECK(any_contains(texts, "<script>alert(\"x\")</script> & <b>Co.</b>"));
        CHECK(any_contains(texts, "hostile <&\">.txt"));
        // Backslashes: RFC 5545 escapes them as "\\". (python3-icalendar 4.0 unescapes "\\n" as a
        // line break, so this one is checked on the unfolded output.)
        std::string unfolded = r.output;
        for (std::size_t p; (p = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(p, 3);
        CHECK(unfolded.find(R"("we will \\"quote\\" C:\\new\\path")") != std::string::npos);
        CHECK(r.output.find("\r\nUID:evil") == std::string::npos);
        CHECK(r.output.find("\r\nSUMMARY:injected\r\n") == std::string::npos);
    }

    SECTION("TimelineJS: JSON whose HTML fields are escaped text") {
        r = cli("--format timelinejs " + base, dir, &err);
        REQUIRE(r.status == 0);
        json tj;
        REQUIRE_NOTHROW(tj = json::parse(r.output));
        CHECK(tj["events"].size() == dated);
        std::vector<std::string> html;
        strings_of(tj, html);
        for (auto& s : html) {
            INFO(s.substr(0, 300));
            CHECK(s.find("<script") == std::string::npos);
            CHECK(s.find("<b>") == std::string::npos);
            CHECK(s.find("<i>") == std::string::npos);
            CHECK_FALSE(has_control(s, true));
        }
        std::vector<std::string> unescaped;
        for (auto& s : html) unescaped.push_back(html_unescape(s));
        CHECK(any_contains(unescaped, "<script>alert(\"x\")</script> & <b>Co.</b>"));
        CHECK(any_contains(unescaped, "hostile <&\">.txt"));
    }

    SECTION("table: no control character reaches the terminal") {
        r = cli("--format table --color always " + base, dir, &err);
        REQUIRE(r.status == 0);
        std::string plain;  // without the table's own color codes
        for (std::size_t i = 0; i < r.output.size(); ++i) {
            if (r.output[i] == '\x1B' && i + 1 < r.output.size() && r.output[i + 1] == '[') {
                std::size_t k = i + 2;
                while (k < r.output.size() && (std::isdigit(static_cast<unsigned char>(r.output[k])) || r.output[k] == ';'))
                    ++k;
                if (k < r.output.size() && r.output[k] == 'm') {
                    i = k;
                    continue;
                }
            }
            plain += r.output[i];
        }
        CHECK_FALSE(has_control(plain, true));
        CHECK(plain.find("pwned") != std::string::npos);  // the rest of the text is still shown
        r = cli("--format table --color never " + base, dir, &err);
        REQUIRE(r.status == 0);
        CHECK_FALSE(has_control(r.output, true));
    }
}

TEST_CASE("output safety: invalid UTF-8 is an error in every format, never written out", "[export][safety]") {
    TempDir dir;
    const auto bad = dir.write("bad.txt", "They met on Friday \xC3\x28 and \xFF again <script>.");
    for (const char* format : {"table", "json", "timeml", "ics", "html", "timelinejs"}) {
        INFO("--format " << format);
        std::string err;
        auto r = cli(std::string("--dct 2024-01-19 --format ") + format + " " + shell_quote(bad.string()), dir, &err);
        CHECK(r.status == 1);
        CHECK_THAT(err, Catch::Contains("bad.txt") && Catch::Contains("invalid UTF-8 at byte offset 19"));
        CHECK(r.output.find("script") == std::string::npos);
        CHECK(r.output.find("Friday") == std::string::npos);
    }
}

TEST_CASE("output safety: a file name that is not UTF-8 comes out as valid UTF-8", "[export][safety]") {
    TempDir dir;
    const auto input = dir.write("caf\xE9 \xFF.txt", "They met on Friday in the caf\xC3\xA9.");
    const std::string file = shell_quote(input.string());
    std::string err;
    auto r = cli("--dct 2024-01-19 --format json " + file, dir, &err);
    INFO("stderr: " << err);
    REQUIRE(r.status == 0);
    json j;
    REQUIRE_NOTHROW(j = json::parse(r.output));
    CHECK(j["file"].get<std::string>().find("caf\xEF\xBF\xBD \xEF\xBF\xBD.txt") != std::string::npos);
    for (const char* format : {"timelinejs", "table"}) {
        r = cli(std::string("--dct 2024-01-19 --format ") + format + " " + file, dir, &err);
        CHECK(r.status == 0);
        CHECK(r.output.find("\xFF") == std::string::npos);
    }
    REQUIRE_NOTHROW(json::parse(cli("--dct 2024-01-19 --format timelinejs " + file, dir).output));
    r = cli("--dct 2024-01-19 --format ics " + file, dir, &err);
    REQUIRE(r.status == 0);
    auto f = dir.write("out.ics", r.output);
    auto c = run(python() + " " + shell_quote(tool("check_ics.py")) + " " + shell_quote(f.string()) + " 2>&1");
    INFO(c.output);
    CHECK(c.status == 0);
    r = cli("--dct 2024-01-19 --format html " + file, dir, &err);
    REQUIRE(r.status == 0);
    f = dir.write("page.html", r.output);
    c = run(python() + " " + shell_quote(tool("check_html.py")) + " " + shell_quote(f.string()) + " 2>&1");
    INFO(c.output.substr(0, 500));
    CHECK(c.status == 0);
    r = cli("--dct 2024-01-19 --format timeml " + file, dir, &err);
    REQUIRE(r.status == 0);
    pugi::xml_document x;
    CHECK(x.load_buffer(r.output.data(), r.output.size()));
}
