// Compiles the event word lists (verbs.txt, nouns.txt, irregular.txt in DIR) into C++ constant
// tables for src/events/lexicon.hpp: the entries, grouped by key, and an open-addressing hash table
// per map with its slots laid out here, at build time, so that a process using the lexicon builds
// nothing when it starts. Run by add_custom_command (see CMakeLists.txt):
//   dateline_gen_lexicon DIR OUT.cpp
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/word_table.hpp"

namespace {

enum class VerbForm { Base, ThirdSingular, Past, Participle, PastOrParticiple, Gerund };
const char* form_name(VerbForm f) {
    switch (f) {
        case VerbForm::Base: return "Base";
        case VerbForm::ThirdSingular: return "ThirdSingular";
        case VerbForm::Past: return "Past";
        case VerbForm::Participle: return "Participle";
        case VerbForm::PastOrParticiple: return "PastOrParticiple";
        case VerbForm::Gerund: return "Gerund";
    }
    return "Base";
}

struct VerbEntry {
    std::string lemma;
    std::vector<std::string> rest;
    std::string event_class;
    bool hypothetical = false;
};
struct NounEntry {
    std::string lemma;
    std::vector<std::string> words;
    std::string event_class;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Non-comment, non-blank lines of a word list, split into words.
std::vector<std::vector<std::string>> rows(const std::string& text) {
    std::vector<std::vector<std::string>> out;
    std::size_t b = 0;
    while (b < text.size()) {
        std::size_t e = text.find('\n', b);
        if (e == std::string::npos) e = text.size();
        std::string line = text.substr(b, e - b);
        b = e + 1;
        if (auto hash = line.find('#'); hash != std::string::npos) line = line.substr(0, hash);
        std::vector<std::string> words;
        for (std::size_t i = 0; i < line.size();) {
            while (i < line.size() && is_blank(line[i])) ++i;
            std::size_t s = i;
            while (i < line.size() && !is_blank(line[i])) ++i;
            if (i > s) words.push_back(line.substr(s, i - s));
        }
        if (!words.empty()) out.push_back(std::move(words));
    }
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t b = 0;
    for (;;) {
        auto e = s.find(sep, b);
        out.push_back(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (e == std::string::npos) break;
        b = e + 1;
    }
    return out;
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "dateline_gen_lexicon: cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string literal(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned char>(c));
            out += buf;
            continue;
        }
        out += c;
    }
    return out + "\"";
}

// "{begin, count}" (appended piecewise: GCC 12 warns falsely on "{" + std::string).
std::string range(std::size_t begin, std::size_t count) {
    std::string r = "{";
    r += std::to_string(begin);
    r += ", ";
    r += std::to_string(count);
    r += '}';
    return r;
}

// The strings of the tables, one character pool (each distinct string once): the tables hold
// offsets into it, so they need no relocation in a position-independent executable.
struct Pool {
    std::string chars;
    std::map<std::string, std::size_t, std::less<>> at;
    std::string str(std::string_view s) {
        auto it = at.find(s);
        if (it == at.end()) {
            it = at.emplace(std::string(s), chars.size()).first;
            chars += s;
        }
        return range(it->second, s.size());
    }
};

// The words of the entries, one array: an entry's words are a range of it.
struct Words {
    std::vector<std::string> all;
    std::string span(const std::vector<std::string>& w) {
        if (w.empty()) return "{}";
        std::size_t at = all.size();
        all.insert(all.end(), w.begin(), w.end());
        return range(at, w.size());
    }
};

// Emits the slots of a table whose keys map to [begin, begin + count) of an entry array.
struct Key {
    std::string key;
    std::size_t begin, count;
};
std::string table(const std::string& name, const std::vector<Key>& keys, Pool& pool) {
    std::size_t cap = 16;
    while (keys.size() * 2 > cap) cap *= 2;  // at most half full, as detail::WordTable
    struct S {
        bool used = false;
        std::uint64_t hash = 0;
        const Key* k = nullptr;
    };
    std::vector<S> slots(cap);
    for (const auto& k : keys) {
        std::uint64_t h = dateline::detail::word_hash(k.key);
        std::size_t i = h & (cap - 1);
        while (slots[i].used) i = (i + 1) & (cap - 1);
        slots[i] = {true, h, &k};
    }
    std::string out = "constexpr Slot " + name + "_slots[" + std::to_string(cap) + "] = {\n";
    for (const auto& s : slots) {
        if (!s.used) out += "    {0, {}, 0, 0},\n";
        else
            out += "    {" + std::to_string(s.hash) + "ull, " + pool.str(s.k->key) + ", " + std::to_string(s.k->begin) + ", " +
                   std::to_string(s.k->count) + "},\n";
    }
    out += "};\n";
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: dateline_gen_lexicon DIR OUT.cpp\n");
        return 2;
    }
    std::string dir = argv[1];
    // Keyed by std::map: the generated file does not depend on hash-map iteration order.
    std::map<std::string, std::vector<VerbEntry>> verbs;                          // first word lemma -> entries
    std::map<std::string, std::vector<std::pair<std::string, VerbForm>>> irregular;  // form -> base
    std::map<std::string, std::vector<NounEntry>> nouns;                          // last word -> entries
    for (auto& r : rows(read(dir + "/verbs.txt"))) {
        // lemma words..., CLASS last; a "*" on the last lemma word marks a hypothetical complement.
        if (r.size() < 2) continue;
        VerbEntry e;
        e.event_class = r.back();
        std::vector<std::string> words(r.begin(), r.end() - 1);
        if (!words.back().empty() && words.back().back() == '*') {
            e.hypothetical = true;
            words.back().pop_back();
        }
        for (std::size_t i = 0; i < words.size(); ++i) e.lemma += (i ? " " : "") + words[i];
        e.rest.assign(words.begin() + 1, words.end());
        verbs[words.front()].push_back(std::move(e));
    }
    for (auto& r : rows(read(dir + "/irregular.txt"))) {
        if (r.size() != 3) continue;
        for (auto& f : split(r[1], '/')) irregular[f].push_back({r[0], VerbForm::Past});
        for (auto& f : split(r[2], '/')) {
            auto& v = irregular[f];
            auto it = std::find_if(v.begin(), v.end(), [&](auto& p) { return p.first == r[0]; });
            if (it != v.end()) it->second = VerbForm::PastOrParticiple;
            else v.push_back({r[0], VerbForm::Participle});
        }
        // Irregular verbs missing from verbs.txt are occurrences ("sing", "shine"), except the
        // auxiliaries, which the tagger handles itself.
        if (r[0] != "be" && r[0] != "have" && r[0] != "do" && verbs.find(r[0]) == verbs.end())
            verbs[r[0]].push_back(VerbEntry{r[0], {}, "OCCURRENCE", false});
    }
    for (auto& r : rows(read(dir + "/nouns.txt"))) {
        if (r.size() < 2) continue;
        NounEntry e;
        e.event_class = r.back();
        e.words.assign(r.begin(), r.end() - 1);
        for (std::size_t i = 0; i < e.words.size(); ++i) e.lemma += (i ? " " : "") + e.words[i];
        nouns[e.words.back()].push_back(std::move(e));
    }
    // Longest multi-word entries first, so that "press conference" wins over "conference".
    for (auto& [k, v] : nouns)
        std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.words.size() > b.words.size(); });
    for (auto& [k, v] : verbs)
        std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.rest.size() > b.rest.size(); });

    Pool pool;
    Words words;
    std::string verb_entries, noun_entries, irregular_forms;
    std::vector<Key> verb_keys, noun_keys, irregular_keys;
    std::size_t n = 0;
    for (auto& [k, v] : verbs) {
        verb_keys.push_back({k, n, v.size()});
        for (auto& e : v) {
            verb_entries += "    {" + pool.str(e.lemma) + ", " + words.span(e.rest) + ", " + pool.str(e.event_class) + ", " +
                            (e.hypothetical ? "true" : "false") + "},\n";
            ++n;
        }
    }
    n = 0;
    for (auto& [k, v] : nouns) {
        noun_keys.push_back({k, n, v.size()});
        for (auto& e : v) {
            noun_entries += "    {" + pool.str(e.lemma) + ", " + words.span(e.words) + ", " + pool.str(e.event_class) + "},\n";
            ++n;
        }
    }
    n = 0;
    for (auto& [k, v] : irregular) {
        irregular_keys.push_back({k, n, v.size()});
        for (auto& [base, form] : v) {
            irregular_forms += "    {" + pool.str(base) + ", VerbForm::" + form_name(form) + "},\n";
            ++n;
        }
    }

    std::string out =
        "// Generated from grammars/en/events/*.txt by grammars/en/events/gen_lexicon.cpp; do not edit.\n"
        "#include \"events/lexicon.hpp\"\n\n"
        "namespace dateline::events::tables {\n"
        "namespace {\n\n";
    std::string word_list;
    for (auto& w : words.all) word_list += "    " + pool.str(w) + ",\n";
    if (words.all.empty()) word_list += "    {},\n";
    std::string slots =
        table("verb", verb_keys, pool) + "\n" + table("noun", noun_keys, pool) + "\n" + table("irregular", irregular_keys, pool);
    out += slots;
    out += "\n}  // namespace\n\n";
    // The pool, as adjacent literals of at most 64 characters (one string, no terminator needed).
    out += "constinit const char pool[] =\n";
    for (std::size_t i = 0; i < pool.chars.size(); i += 64) out += "    " + literal(std::string_view(pool.chars).substr(i, 64)) + "\n";
    if (pool.chars.empty()) out += "    \"\"\n";
    out += "    ;\n\n";
    out += "constinit const Str word_list[] = {\n" + word_list + "};\n\n";
    out += "constinit const VerbEntry verb_entries[] = {\n" + verb_entries + "};\n\n";
    out += "constinit const NounEntry noun_entries[] = {\n" + noun_entries + "};\n";
    out += "constinit const std::size_t noun_entry_count = std::size(noun_entries);\n\n";
    out += "constinit const IrregularForm irregular_forms[] = {\n" + irregular_forms + "};\n\n";
    out += "constinit const Table verbs = {verb_slots, std::size(verb_slots) - 1};\n";
    out += "constinit const Table nouns = {noun_slots, std::size(noun_slots) - 1};\n";
    out += "constinit const Table irregular = {irregular_slots, std::size(irregular_slots) - 1};\n\n";
    out += "}  // namespace dateline::events::tables\n";

    // Written only when it changes, so that an unchanged list recompiles nothing.
    std::string path = argv[2];
    {
        std::ifstream old(path, std::ios::binary);
        if (old) {
            std::ostringstream ss;
            ss << old.rdbuf();
            if (ss.str() == out) return 0;
        }
    }
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << out;
    if (!f) {
        std::fprintf(stderr, "dateline_gen_lexicon: cannot write %s\n", path.c_str());
        return 1;
    }
    return 0;
}
