// The event lexicon: verbs and event nouns from the word lists in grammars/en/events/ (compiled
// into the library), with the morphology that maps an inflected form back to its lemma.
// Hash lookups only: analysing a word costs a handful of probes.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "core/word_table.hpp"

namespace dateline::events {

enum class VerbForm : std::uint8_t { Base, ThirdSingular, Past, Participle, PastOrParticiple, Gerund };

struct VerbEntry {
    std::string lemma;               // "drown", "look forward"
    std::vector<std::string> rest;   // words after the first one ("forward")
    std::string event_class;         // TimeML class
    bool hypothetical = false;       // its complement is a wish, attempt or threat
};

struct VerbAnalysis {
    const VerbEntry* entry = nullptr;  // the first-word entries are tried by the caller for `rest`
    const std::vector<VerbEntry>* entries = nullptr;  // all entries of first_lemma (entry is the first)
    std::string_view first_lemma;      // lemma of the first word ("look"), a key of the lexicon
    VerbForm form = VerbForm::Base;
};

struct NounEntry {
    std::string lemma;               // "press conference"
    std::vector<std::string> words;  // its words, the last one singular
    std::string event_class;
};

// Hash and equality that let the tables be probed with a string_view (no allocation).
struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using WordMap = std::unordered_map<std::string, V, WordHash, std::equal_to<>>;

using VerbForms = boost::container::small_vector<VerbAnalysis, 4>;

class Lexicon {
public:
    static const Lexicon& get();

    // Every reading of `lower` as a form of a known verb (several for "read", "found", "left").
    VerbForms verb_forms(std::string_view lower) const;
    // Entries whose first word has lemma `first` ("look" -> "look forward").
    const std::vector<VerbEntry>* verbs_starting(std::string_view first) const;
    // Event nouns whose last word is `last_singular` ("conference" -> "press conference", "conference").
    const std::vector<NounEntry>* nouns_ending(std::string_view last_singular) const;
    // The candidate lists for_each_noun_ending() would visit for `lower`, in its order (at most 4).
    std::size_t noun_candidates(std::string_view lower, const std::vector<NounEntry>* (&out)[4]) const {
        std::size_t n = 0;
        for_each_noun_ending(lower, [&](const std::vector<NounEntry>& v) {
            if (n < 4) out[n++] = &v;
            return false;
        });
        return n;
    }
    // Event nouns whose last word is `lower` or its singular ("elections" -> "election"), calling
    // f(entries) for each candidate until it returns true.
    template <class F>
    bool for_each_noun_ending(std::string_view lower, F&& f) const {
        auto probe = [&](std::string_view w) {
            auto* v = noun_index_.find(w);
            return v && f(**v);
        };
        if (probe(lower)) return true;
        std::size_t n = lower.size();
        if (n > 4 && lower.substr(n - 3) == "ies") {
            char buf[64];
            if (n - 2 <= sizeof buf) {
                lower.copy(buf, n - 3);
                buf[n - 3] = 'y';
                if (probe(std::string_view(buf, n - 2))) return true;
            }
        }
        if (n > 3 && lower.substr(n - 2) == "es" && probe(lower.substr(0, n - 2))) return true;
        if (n > 3 && lower.back() == 's' && lower[n - 2] != 's' && probe(lower.substr(0, n - 1))) return true;
        return false;
    }

private:
    Lexicon();
    WordMap<std::vector<VerbEntry>> verbs_;                              // first word lemma -> entries
    WordMap<std::vector<std::pair<std::string, VerbForm>>> irregular_;  // form -> base
    WordMap<std::vector<NounEntry>> nouns_;                              // last word -> entries
    // The same maps as flat tables for probing (values point into the maps above).
    struct VerbKey {
        std::string_view lemma;  // the key in verbs_
        const std::vector<VerbEntry>* entries = nullptr;
    };
    detail::WordTable<VerbKey> verb_index_;
    detail::WordTable<const std::vector<std::pair<std::string, VerbForm>>*> irregular_index_;
    detail::WordTable<const std::vector<NounEntry>*> noun_index_;
};

}  // namespace dateline::events
