#include "tense.hpp"

#include <cctype>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace dateline::resolve {
namespace {

const std::unordered_map<std::string_view, Tense>& cue_table() {
    static const std::unordered_map<std::string_view, Tense> m = [] {
        std::unordered_map<std::string_view, Tense> t;
        for (auto w : {"will", "shall", "won't", "'ll", "gonna", "tomorrow", "upcoming", "scheduled", "planned",
                       "plans", "expects", "expected", "intends", "aims", "hopes", "forecast", "forecasts",
                       "projected", "due"})
            t[w] = Tense::Future;
        for (auto w : {"was", "were", "had", "did", "said", "told", "ago", "went", "came", "made", "took", "gave",
                       "got", "saw", "met", "held", "began", "won", "lost", "left", "found", "thought", "brought",
                       "bought", "sent", "spent", "fell", "rose", "sold", "paid", "kept", "led", "ran", "wrote",
                       "spoke", "broke", "chose", "drove", "flew", "grew", "knew", "threw", "stood", "became",
                       "struck", "fought", "caught", "taught", "sought", "felt", "heard", "meant", "built", "sank",
                       "swam", "drew", "drank", "rang", "sang", "shook", "stole", "tore", "woke", "wore", "wasn't",
                       "weren't", "didn't", "hadn't", "yesterday", "earlier", "previously", "formerly", "former",
                       "slid", "shot", "fled", "dealt", "lent", "bent", "swore", "froze", "overtook", "undertook",
                       "withdrew", "forgot", "forgave", "arose", "beat", "began", "bit", "blew", "bore", "bred",
                       "clung", "crept", "dug", "fed", "fit", "forbade", "hid", "hung", "lay", "lit", "overcame",
                       "rode", "sat", "slept", "spun", "stuck", "stung", "swept", "swung", "wept", "wound"})
            t[w] = Tense::Past;
        for (auto w : {"is", "are", "am", "has", "have", "does", "do", "says", "isn't", "aren't", "doesn't",
                       "hasn't", "haven't"})
            t[w] = Tense::Present;
        return t;
    }();
    return m;
}

// -ed words that are not past-tense verbs.
bool ed_exception(std::string_view w) {
    static const std::unordered_set<std::string_view> s = {
        "need", "needed", "speed", "seed", "feed", "breed", "indeed", "proceed", "succeed", "exceed", "shed",
        "hundred", "sacred", "naked", "wicked", "beloved", "kindred", "unprecedented", "red", "bed", "led",
        "united", "based", "related", "limited", "interested", "concerned", "supposed", "used", "advanced",
        "detailed", "experienced", "qualified", "skilled", "talented", "armed", "married", "alleged", "reported",
        "expected", "scheduled", "planned", "proposed", "so-called", "embattled", "troubled", "unidentified",
        "undisclosed", "unexpected", "unnamed", "wanted", "owned", "elected", "appointed", "injured", "wounded",
        "accused", "unrelated", "combined", "mixed", "fixed", "increased", "reduced", "improved", "continued",
        "sustained", "coordinated", "organized", "crowded", "heated", "renewed", "reserved", "registered",
        "dedicated", "sophisticated", "complicated", "estimated", "sized", "minded"};
    return s.count(w) > 0;
}

}  // namespace

Tense word_tense(std::string_view w) {
    auto& m = cue_table();
    auto it = m.find(w);
    if (it != m.end()) return it->second;
    if (w.size() > 4 && w.substr(w.size() - 2) == "ed" && !ed_exception(w)) return Tense::Past;
    return Tense::Unknown;
}

Tense detect_tense(std::string_view t, std::size_t sb, std::size_t se, std::size_t begin, std::size_t end) {
    Tense best = Tense::Unknown;
    std::size_t best_dist = std::size_t(-1);
    bool present = false;
    bool going = false;  // "going to" -> future
    char buf[24];
    // Only the words near the expression are read (the nearest cue wins anyway): a bounded window
    // keeps annotation linear on text without sentence punctuation, where a "sentence" can be
    // megabytes long and holds thousands of expressions.
    constexpr std::size_t kReach = 400;
    std::size_t ws = begin > sb + kReach ? begin - kReach : sb;
    std::size_t we = se > end + kReach ? end + kReach : se;
    while (ws > sb && ws < begin && std::isalpha(static_cast<unsigned char>(t[ws - 1]))) ++ws;  // a word start
    std::size_t i = ws;
    std::size_t word_index = 0, timex_word_index = 0;
    struct Cue {
        std::size_t index;
        Tense tense;
        bool reporting;  // "said", "told": the time of the report, not of what is reported
    };
    std::vector<Cue> cues;
    while (i < we) {
        auto c = static_cast<unsigned char>(t[i]);
        if (!std::isalpha(c) && c != '\'') {
            ++i;
            continue;
        }
        std::size_t b = i;
        while (i < we && (std::isalpha(static_cast<unsigned char>(t[i])) || t[i] == '\'' || t[i] == '-')) ++i;
        if (b >= begin && b < end) {
            timex_word_index = word_index;
            ++word_index;
            continue;  // words of the timex itself ("last", "next") are not verb cues
        }
        if (b >= end && timex_word_index == 0 && word_index > 0) timex_word_index = word_index;
        std::size_t len = i - b;
        if (len >= sizeof buf) {
            ++word_index;
            continue;
        }
        bool capital = std::isupper(static_cast<unsigned char>(t[b])) && b != sb;
        for (std::size_t k = 0; k < len; ++k) buf[k] = char(std::tolower(static_cast<unsigned char>(t[b + k])));
        std::string_view w(buf, len);
        Tense tw = Tense::Unknown;
        if (going && w == "to") tw = Tense::Future;
        going = (w == "going");
        if (tw == Tense::Unknown && !capital) tw = word_tense(w);
        if (w.size() > 3 && w.substr(w.size() - 3) == "'ll") tw = Tense::Future;
        if (tw == Tense::Present) present = true;
        else if (tw != Tense::Unknown)
            cues.push_back({word_index, tw, w == "said" || w == "told" || w == "added" || w == "reported"});
        ++word_index;
    }
    if (begin < sb || begin >= se) return Tense::Unknown;
    // Position of the timex among words: the first word at or after `begin`.
    std::size_t ti = 0;
    {
        std::size_t wi = 0;
        i = ws;
        while (i < we && i < begin) {
            auto c = static_cast<unsigned char>(t[i]);
            if (!std::isalpha(c) && c != '\'') {
                ++i;
                continue;
            }
            while (i < we && (std::isalpha(static_cast<unsigned char>(t[i])) || t[i] == '\'' || t[i] == '-')) ++i;
            ++wi;
        }
        ti = wi;
    }
    for (auto& cue : cues) {
        std::size_t d = cue.index > ti ? cue.index - ti : ti - cue.index;
        // A reporting verb governs the time only when next to it ("said Friday", "said on Friday"); otherwise the
        // verb of the reported clause does ("would leave as soon as Tuesday, Castro said").
        if (cue.reporting && d > 2) d += 1000;
        if (d < best_dist) {
            best_dist = d;
            best = cue.tense;
        }
    }
    if (best != Tense::Unknown) return best;
    return present ? Tense::Present : Tense::Unknown;
}

}  // namespace dateline::resolve
