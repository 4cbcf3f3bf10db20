// The event lexicon: verbs and event nouns from the word lists in grammars/en/events/ (compiled
// into the library), with the morphology that maps an inflected form back to its lemma.
// Hash lookups only: analysing a word costs a handful of probes.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
    std::string first_lemma;           // lemma of the first word ("look")
    VerbForm form = VerbForm::Base;
};

struct NounEntry {
    std::string lemma;               // "press conference"
    std::vector<std::string> words;  // its words, the last one singular
    std::string event_class;
};

class Lexicon {
public:
    static const Lexicon& get();

    // Every reading of `lower` as a form of a known verb (several for "read", "found", "left").
    std::vector<VerbAnalysis> verb_forms(std::string_view lower) const;
    // Entries whose first word has lemma `first` ("look" -> "look forward").
    const std::vector<VerbEntry>* verbs_starting(std::string_view first) const;
    // Event nouns whose last word is `last_singular` ("conference" -> "press conference", "conference").
    const std::vector<NounEntry>* nouns_ending(std::string_view last_singular) const;
    // Singular forms `lower` may be the plural of, and itself.
    static std::vector<std::string> singulars(std::string_view lower);

private:
    Lexicon();
    std::unordered_map<std::string, std::vector<VerbEntry>> verbs_;   // first word lemma -> entries
    std::unordered_map<std::string, std::vector<std::pair<std::string, VerbForm>>> irregular_;  // form -> base
    std::unordered_map<std::string, std::vector<NounEntry>> nouns_;   // last word -> entries
};

}  // namespace dateline::events
