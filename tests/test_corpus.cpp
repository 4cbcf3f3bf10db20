// Runs every grammars/en/*.corpus file through the library (Duckling-style corpus = test suite).
// The line format is documented in the header comment of each corpus file:
//   @dct 2024-01-19 | @tense past|present|future|unknown|auto | @strategy news|narrative|past|future
//   text => TYPE VALUE [mod=M] [quant=Q] [freq=F]   the whole line, or the {braced} part, is one timex
//   ! text                                           nothing tagged (or exactly the {braced} parts)
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dateline/annotate.hpp"
#include "dateline/error.hpp"

namespace {

namespace fs = std::filesystem;

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

struct Span {
    std::size_t begin, end;
};

// Removes {braces} from `marked`, returning the plain text and the braced spans (byte offsets).
bool strip_braces(std::string_view marked, std::string& text, std::vector<Span>& spans, std::string& error) {
    text.clear();
    spans.clear();
    std::size_t open = std::string::npos;
    for (char c : marked) {
        if (c == '{') {
            if (open != std::string::npos) {
                error = "nested '{'";
                return false;
            }
            open = text.size();
        } else if (c == '}') {
            if (open == std::string::npos) {
                error = "'}' without '{'";
                return false;
            }
            spans.push_back({open, text.size()});
            open = std::string::npos;
        } else {
            text += c;
        }
    }
    if (open != std::string::npos) {
        error = "unclosed '{'";
        return false;
    }
    return true;
}

std::string describe(const dateline::Timex& t) {
    std::ostringstream o;
    o << "[" << t.begin << "," << t.end << ") \"" << t.text << "\" " << dateline::to_string(t.type) << " "
      << t.value;
    if (!t.mod.empty()) o << " mod=" << t.mod;
    if (!t.quant.empty()) o << " quant=" << t.quant;
    if (!t.freq.empty()) o << " freq=" << t.freq;
    return o.str();
}

std::string describe_all(const dateline::Annotation& a) {
    if (a.timexes.empty()) return "(nothing tagged)";
    std::string s;
    for (auto& t : a.timexes) s += "\n      " + describe(t);
    return s;
}

struct Settings {
    dateline::Dct dct = *dateline::parse_dct("2024-01-19");
    std::optional<dateline::Tense> tense;  // empty = auto (detected from the sentence)
    dateline::Strategy strategy = dateline::Strategy::News;
};

struct Counts {
    int positive = 0;
    int negative = 0;
    int failures = 0;
    std::map<std::string, std::pair<int, int>> per_file;
};

void fail(Counts& c, const std::string& where, const std::string& msg) {
    ++c.failures;
    FAIL_CHECK(where << ": " << msg);
}

void run_file(const fs::path& path, Counts& counts) {
    std::ifstream in(path);
    REQUIRE(in.good());
    Settings st;
    std::string raw;
    int lineno = 0;
    auto& pf = counts.per_file[path.filename().string()];
    while (std::getline(in, raw)) {
        ++lineno;
        std::string where = path.filename().string() + ":" + std::to_string(lineno);
        std::string line = trim(raw);
        if (line.empty() || line[0] == '#') continue;
        if (line[0] == '@') {
            std::istringstream ls(line.substr(1));
            std::string key, val;
            ls >> key >> val;
            if (key == "dct") {
                auto d = dateline::parse_dct(val);
                if (!d) fail(counts, where, "bad @dct " + val);
                else st.dct = *d;
            } else if (key == "tense") {
                if (val == "auto") st.tense.reset();
                else if (val == "past") st.tense = dateline::Tense::Past;
                else if (val == "present") st.tense = dateline::Tense::Present;
                else if (val == "future") st.tense = dateline::Tense::Future;
                else if (val == "unknown") st.tense = dateline::Tense::Unknown;
                else fail(counts, where, "bad @tense " + val);
            } else if (key == "strategy") {
                auto s = dateline::parse_strategy(val);
                if (!s) fail(counts, where, "bad @strategy " + val);
                else st.strategy = *s;
            } else {
                fail(counts, where, "unknown directive @" + key);
            }
            continue;
        }
        dateline::Options opts;
        opts.dct = st.dct;
        opts.tense = st.tense;
        opts.strategy = st.strategy;

        if (line[0] == '!') {
            ++counts.negative;
            ++pf.second;
            std::string text, error;
            std::vector<Span> allowed;
            if (!strip_braces(trim(line.substr(1)), text, allowed, error)) {
                fail(counts, where, "bad line: " + error);
                continue;
            }
            dateline::Annotation a;
            try {
                a = dateline::annotate(text, opts);
            } catch (const std::exception& e) {
                fail(counts, where, "\"" + text + "\": threw " + e.what());
                continue;
            }
            bool ok = a.timexes.size() == allowed.size();
            for (std::size_t i = 0; ok && i < allowed.size(); ++i)
                ok = a.timexes[i].begin == allowed[i].begin && a.timexes[i].end == allowed[i].end;
            if (!ok) {
                std::string exp = allowed.empty() ? "nothing tagged" : "only the braced parts tagged";
                fail(counts, where, "\"" + text + "\": expected " + exp + ", got" + describe_all(a));
            }
            continue;
        }

        ++counts.positive;
        ++pf.first;
        auto arrow = line.rfind("=>");
        if (arrow == std::string::npos) {
            fail(counts, where, "bad line (no =>): " + line);
            continue;
        }
        std::string text, error;
        std::vector<Span> spans;
        if (!strip_braces(trim(line.substr(0, arrow)), text, spans, error)) {
            fail(counts, where, "bad line: " + error);
            continue;
        }
        if (spans.size() > 1) {
            fail(counts, where, "bad line: more than one {braced} extent");
            continue;
        }
        Span want = spans.empty() ? Span{0, text.size()} : spans[0];
        std::istringstream es(line.substr(arrow + 2));
        std::string type, value, kv;
        es >> type >> value;
        std::string mod, quant, freq;
        bool bad = type.empty() || value.empty();
        while (es >> kv) {
            if (kv.rfind("mod=", 0) == 0) mod = kv.substr(4);
            else if (kv.rfind("quant=", 0) == 0) quant = kv.substr(6);
            else if (kv.rfind("freq=", 0) == 0) freq = kv.substr(5);
            else bad = true;
        }
        if (bad) {
            fail(counts, where, "bad expectation: " + line.substr(arrow + 2));
            continue;
        }
        dateline::Annotation a;
        try {
            a = dateline::annotate(text, opts);
        } catch (const std::exception& e) {
            fail(counts, where, "\"" + text + "\": threw " + e.what());
            continue;
        }
        std::string expected = "[" + std::to_string(want.begin) + "," + std::to_string(want.end) + ") \"" +
                               text.substr(want.begin, want.end - want.begin) + "\" " + type + " " + value +
                               (mod.empty() ? "" : " mod=" + mod) + (quant.empty() ? "" : " quant=" + quant) +
                               (freq.empty() ? "" : " freq=" + freq);
        auto it = std::find_if(a.timexes.begin(), a.timexes.end(),
                               [&](const dateline::Timex& t) { return t.begin == want.begin && t.end == want.end; });
        if (it == a.timexes.end()) {
            fail(counts, where, "\"" + text + "\": expected " + expected + ", got" + describe_all(a));
            continue;
        }
        bool ok = dateline::to_string(it->type) == type && it->value == value && it->mod == mod &&
                  (quant.empty() || it->quant == quant) && (freq.empty() || it->freq == freq);
        if (!ok)
            fail(counts, where,
                 "\"" + text + "\": expected " + expected + ", got " + describe(*it) + " (" + it->explanation + ")");
    }
}

}  // namespace

TEST_CASE("grammar corpus: every grammars/en/*.corpus line", "[corpus]") {
    fs::path dir = fs::path(DATELINE_SOURCE_DIR) / "grammars" / "en";
    std::vector<fs::path> files;
    for (auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".corpus") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE(!files.empty());
    Counts counts;
    for (auto& f : files) run_file(f, counts);
    std::ostringstream summary;
    for (auto& [name, pn] : counts.per_file)
        summary << name << ": " << pn.first << " positive, " << pn.second << " negative\n";
    summary << "total: " << counts.positive << " positive, " << counts.negative << " negative, " << counts.failures
            << " failing";
    INFO(summary.str());
    WARN(summary.str());
    CHECK(counts.failures == 0);
    REQUIRE(counts.positive >= 400);
    REQUIRE(counts.negative >= 60);
}
