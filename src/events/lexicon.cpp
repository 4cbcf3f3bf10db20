#include "events/lexicon.hpp"

#include <string>

namespace dateline::events {
namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

VerbForms Lexicon::verb_forms(std::string_view w) const {
    VerbForms out;
    auto add = [&](std::string_view base, VerbForm form) {
        const tables::Slot* k = tables::verbs.find(base);
        if (!k) return;
        for (auto& a : out)
            if (a.first_lemma == base && a.form == form) return;
        VerbEntries entries(tables::verb_entries + k->begin, k->count);
        out.push_back({&entries.front(), entries, k->key, form});
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
    if (const tables::Slot* v = tables::irregular.find(s))
        for (std::uint32_t i = 0; i < v->count; ++i) add(tables::irregular_forms[v->begin + i].base, tables::irregular_forms[v->begin + i].form);
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
