#include "events/lexicon.hpp"

#include <algorithm>

namespace dateline::events {
namespace data {
extern const std::string_view verbs;
extern const std::string_view nouns;
extern const std::string_view irregular;
}  // namespace data

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Non-comment, non-blank lines of a word list, split into words (views into the static list, read
// without streams: the lexicon is built at every start of the CLI).
std::vector<std::vector<std::string_view>> rows(std::string_view text) {
    std::vector<std::vector<std::string_view>> out;
    std::size_t b = 0;
    while (b < text.size()) {
        std::size_t e = text.find('\n', b);
        if (e == std::string_view::npos) e = text.size();
        std::string_view line = text.substr(b, e - b);
        b = e + 1;
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        std::vector<std::string_view> words;
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

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t b = 0;
    for (;;) {
        auto e = s.find(sep, b);
        out.push_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
        if (e == std::string_view::npos) break;
        b = e + 1;
    }
    return out;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

const Lexicon& Lexicon::get() {
    // Built on first use and never destroyed (nothing to release at exit but memory).
    static const Lexicon* lexicon = new Lexicon;
    return *lexicon;
}

Lexicon::Lexicon() {
    for (auto& r : rows(data::verbs)) {
        // lemma words..., CLASS last; a "*" on the last lemma word marks a hypothetical complement.
        if (r.size() < 2) continue;
        VerbEntry e;
        e.event_class = std::string(r.back());
        std::vector<std::string> words(r.begin(), r.end() - 1);
        if (!words.back().empty() && words.back().back() == '*') {
            e.hypothetical = true;
            words.back().pop_back();
        }
        for (std::size_t i = 0; i < words.size(); ++i) e.lemma += (i ? " " : "") + words[i];
        e.rest.assign(words.begin() + 1, words.end());
        verbs_[words.front()].push_back(std::move(e));
    }
    for (auto& r : rows(data::irregular)) {
        if (r.size() != 3) continue;
        for (auto f : split(r[1], '/')) irregular_[std::string(f)].push_back({std::string(r[0]), VerbForm::Past});
        for (auto f : split(r[2], '/')) {
            auto& v = irregular_[std::string(f)];
            auto it = std::find_if(v.begin(), v.end(), [&](auto& p) { return p.first == r[0]; });
            if (it != v.end()) it->second = VerbForm::PastOrParticiple;
            else v.push_back({std::string(r[0]), VerbForm::Participle});
        }
        // Irregular verbs missing from verbs.txt are occurrences ("sing", "shine"), except the
        // auxiliaries, which the tagger handles itself.
        if (r[0] != "be" && r[0] != "have" && r[0] != "do" && verbs_.find(r[0]) == verbs_.end())
            verbs_[std::string(r[0])].push_back(VerbEntry{std::string(r[0]), {}, "OCCURRENCE", false});
    }
    for (auto& r : rows(data::nouns)) {
        if (r.size() < 2) continue;
        NounEntry e;
        e.event_class = std::string(r.back());
        e.words.assign(r.begin(), r.end() - 1);
        for (std::size_t i = 0; i < e.words.size(); ++i) e.lemma += (i ? " " : "") + e.words[i];
        nouns_[e.words.back()].push_back(std::move(e));
    }
    // Longest multi-word entries first, so that "press conference" wins over "conference".
    for (auto& [k, v] : nouns_)
        std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.words.size() > b.words.size(); });
    for (auto& [k, v] : verbs_)
        std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.rest.size() > b.rest.size(); });
    // Node-based maps keep their keys and values in place: the indexes can point into them.
    for (auto& [k, v] : verbs_) verb_index_.set(k, VerbKey{k, &v});
    for (auto& [k, v] : irregular_) irregular_index_.set(k, &v);
    for (auto& [k, v] : nouns_) noun_index_.set(k, &v);
}

const std::vector<VerbEntry>* Lexicon::verbs_starting(std::string_view first) const {
    auto* k = verb_index_.find(first);
    return k ? k->entries : nullptr;
}

const std::vector<NounEntry>* Lexicon::nouns_ending(std::string_view last) const {
    auto* v = noun_index_.find(last);
    return v ? *v : nullptr;
}

VerbForms Lexicon::verb_forms(std::string_view w) const {
    VerbForms out;
    auto add = [&](std::string_view base, VerbForm form) {
        auto* k = verb_index_.find(base);
        if (!k) return;
        for (auto& a : out)
            if (a.first_lemma == base && a.form == form) return;
        out.push_back({&k->entries->front(), k->entries, k->lemma, form});
    };
    // A stem with letters appended ("tri" + "y"), built without allocating for ordinary words.
    char buf[64];
    auto joined = [&](std::string_view stem, std::string_view tail, auto&& use) {
        if (stem.size() + tail.size() <= sizeof buf) {
            stem.copy(buf, stem.size());
            tail.copy(buf + stem.size(), tail.size());
            use(std::string_view(buf, stem.size() + tail.size()));
        } else {
            use(std::string(stem) + std::string(tail));
        }
    };
    std::string_view s = w;
    if (auto* v = irregular_index_.find(s))
        for (auto& [base, form] : **v) add(base, form);
    add(s, VerbForm::Base);
    std::size_t n = s.size();
    if (n > 3 && ends_with(s, "s") && !ends_with(s, "ss")) {
        if (ends_with(s, "ies") && n > 4)
            joined(s.substr(0, n - 3), "y", [&](std::string_view b) { add(b, VerbForm::ThirdSingular); });
        if (ends_with(s, "es") && (ends_with(s, "ses") || ends_with(s, "xes") || ends_with(s, "zes") ||
                                   ends_with(s, "ches") || ends_with(s, "shes") || ends_with(s, "oes")))
            add(s.substr(0, n - 2), VerbForm::ThirdSingular);  // "pushes", "goes"; not "sites" -> "sit"
        add(s.substr(0, n - 1), VerbForm::ThirdSingular);
    }
    if (n > 3 && ends_with(s, "ed")) {
        if (ends_with(s, "ied"))
            joined(s.substr(0, n - 3), "y", [&](std::string_view b) { add(b, VerbForm::PastOrParticiple); });
        add(s.substr(0, n - 2), VerbForm::PastOrParticiple);  // "intercepted"
        add(s.substr(0, n - 1), VerbForm::PastOrParticiple);  // "closed"
        if (n > 5 && s[n - 3] == s[n - 4] && !is_vowel(s[n - 3]))
            add(s.substr(0, n - 3), VerbForm::PastOrParticiple);  // "stopped"
    }
    if (n > 4 && ends_with(s, "ing")) {
        std::string_view stem = s.substr(0, n - 3);
        add(stem, VerbForm::Gerund);  // "meeting"
        joined(stem, "e", [&](std::string_view b) { add(b, VerbForm::Gerund); });  // "closing"
        if (ends_with(stem, "y"))
            joined(stem.substr(0, stem.size() - 1), "ie", [&](std::string_view b) { add(b, VerbForm::Gerund); });  // "dying"
        if (stem.size() > 2 && stem[stem.size() - 1] == stem[stem.size() - 2] && !is_vowel(stem.back()))
            add(stem.substr(0, stem.size() - 1), VerbForm::Gerund);  // "stopping"
    }
    return out;
}

}  // namespace dateline::events
