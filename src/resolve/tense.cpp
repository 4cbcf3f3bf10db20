#include "tense.hpp"

#include <algorithm>

#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "core/word_table.hpp"

namespace dateline::resolve {
namespace {

using detail::WordTable;
namespace ascii = detail::ascii;

// A set of words (string literals).
WordTable<bool> word_set(std::initializer_list<std::string_view> words) {
    WordTable<bool> t;
    for (auto w : words) t.set(w, true);
    return t;
}

const WordTable<Tense>& cue_table() {
    static const WordTable<Tense> m = [] {
        WordTable<Tense> t;
        for (std::string_view w : {"will", "shall", "won't", "'ll", "gonna", "tomorrow", "upcoming", "scheduled", "planned",
                       "plans", "expects", "expected", "intends", "aims", "hopes", "forecast", "forecasts",
                       "projected", "due"})
            t.set(w, Tense::Future);
        for (std::string_view w : {"was", "were", "had", "did", "said", "told", "ago", "went", "came", "made", "took", "gave",
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
            t.set(w, Tense::Past);
        for (std::string_view w : {"is", "are", "am", "has", "have", "does", "do", "says", "isn't", "aren't", "doesn't",
                       "hasn't", "haven't"})
            t.set(w, Tense::Present);
        return t;
    }();
    return m;
}

// -ed words that are not past-tense verbs.
bool ed_exception(std::string_view w) {
    static const WordTable<bool> s = word_set({
        "need", "needed", "speed", "seed", "feed", "breed", "indeed", "proceed", "succeed", "exceed", "shed",
        "hundred", "sacred", "naked", "wicked", "beloved", "kindred", "unprecedented", "red", "bed", "led",
        "united", "based", "related", "limited", "interested", "concerned", "supposed", "used", "advanced",
        "detailed", "experienced", "qualified", "skilled", "talented", "armed", "married", "alleged", "reported",
        "expected", "scheduled", "planned", "proposed", "so-called", "embattled", "troubled", "unidentified",
        "undisclosed", "unexpected", "unnamed", "wanted", "owned", "elected", "appointed", "injured", "wounded",
        "accused", "unrelated", "combined", "mixed", "fixed", "increased", "reduced", "improved", "continued",
        "sustained", "coordinated", "organized", "crowded", "heated", "renewed", "reserved", "registered",
        "dedicated", "sophisticated", "complicated", "estimated", "sized", "minded"});
    return s.contains(w);
}

}  // namespace

Tense word_tense(std::string_view w) {
    if (const Tense* t = cue_table().find(w)) return *t;
    if (w.size() > 4 && w.substr(w.size() - 2) == "ed" && !ed_exception(w)) return Tense::Past;
    return Tense::Unknown;
}

namespace {

// A sentence the segmenter may have joined: final punctuation (and closing quotes), spaces, then an
// opening TeX-style quote ("... on Friday. ``This convention will ..."). Returns the position after
// the boundary's spaces when [i, ...) starts one, else npos.
std::size_t quote_boundary_after(std::string_view t, std::size_t i, std::size_t limit) {
    char c = t[i];
    if (c != '.' && c != '!' && c != '?') return std::string_view::npos;
    std::size_t j = i + 1;
    while (j < limit && (t[j] == '\'' || t[j] == '"')) ++j;
    std::size_t k = j;
    while (k < limit && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r')) ++k;
    if (k == j || k + 1 >= limit || t[k] != '`' || t[k + 1] != '`') return std::string_view::npos;
    return k;
}

bool is_form_of_be(std::string_view w) {
    return w == "is" || w == "are" || w == "am" || w == "be" || w == "being" || w == "been" || w == "was" ||
           w == "were";
}

// Words that put the infinitive after them in the future: "set to resume", "plans to visit",
// "agreed to buy the line in February".
bool intent_before_to(std::string_view w) {
    static const WordTable<bool> s = word_set({
        "set", "slated", "poised", "likely", "plan", "plans", "planning", "planned", "expected", "scheduled",
        "due", "intends", "intend", "intended", "agree", "agrees", "agreed", "hope", "hopes", "aims", "aim",
        "expects", "expect", "unlikely"});
    return s.contains(w);
}

// "Friday's", "Friday’s" (not "Friday'sh..."): a possessive right after [.., end).
bool possessive_after(std::string_view t, std::size_t end) {
    if (end >= t.size()) return false;
    std::size_t n = 0;
    if (t.substr(end, 2) == "'s") n = 2;
    else if (t.substr(end, 4) == "\xE2\x80\x99s") n = 4;
    if (n == 0) return false;
    return end + n >= t.size() || !std::isalpha(static_cast<unsigned char>(t[end + n]));
}

// Irregular past participles (the regular ones end in -ed; simple pasts that are also participles,
// "made", "held", are in the cue table).
bool is_past_participle(std::string_view w) {
    static const WordTable<bool> s = word_set({
        "been", "done", "gone", "come", "become", "seen", "taken", "given", "known", "shown", "grown", "thrown",
        "drawn", "flown", "blown", "written", "spoken", "broken", "chosen", "driven", "risen", "fallen", "eaten",
        "forgotten", "forgiven", "frozen", "gotten", "hidden", "ridden", "stolen", "sworn", "torn", "worn", "woken",
        "begun", "run", "sung", "sunk", "swum", "drunk", "rung", "struck", "put", "set", "cut", "hit", "let",
        "shut", "spread", "cost", "quit", "bid", "hurt", "cast", "beaten", "bitten", "withdrawn", "undertaken",
        "overtaken", "arisen", "shaken", "mistaken", "proven", "sold", "told", "said", "made", "held", "had"});
    if (s.contains(w)) return true;
    if (w.size() > 3 && w.substr(w.size() - 2) == "ed") return true;
    return word_tense(w) == Tense::Past;
}

struct Word {
    std::size_t b, e;
    std::string_view w;  // lowercase, in the scratch buffer
    bool capital;        // capitalized and not sentence-initial (a name: "Will Smith", "May")
    bool in_timex;
};

// Scratch space reused across calls (one per thread): the words of the window and their lowercase
// text, so that a call allocates nothing once the buffers have grown.
struct Scratch {
    std::vector<Word> words;
    std::string lower;
};

}  // namespace

Tense detect_tense(std::string_view t, std::size_t sb, std::size_t se, std::size_t begin, std::size_t end) {
    if (begin < sb || begin >= se) return Tense::Unknown;
    end = std::min(end, se);  // a mention may run past a sentence break ("this\nMay")
    // A possessive names a known event of that day ("Friday's close", "Wednesday's ruling"): news
    // speaks so of days that have passed.
    if (possessive_after(t.substr(0, se), end))
        return Tense::Past;
    // Only the words near the expression are read (the nearest cue wins anyway): a bounded window
    // keeps annotation linear on text without sentence punctuation, where a "sentence" can be
    // megabytes long and holds thousands of expressions.
    constexpr std::size_t kReach = 400;
    std::size_t ws = begin > sb + kReach ? begin - kReach : sb;
    std::size_t we = se > end + kReach ? end + kReach : se;
    // Clip the window at joined sentences ("... Friday. ``We'll try ...").
    // A joined sentence opens with ``: without a backquote in the window there is none to look for.
    auto final_punct = [](char c) { return c == '.' || c == '!' || c == '?'; };
    std::size_t opener = sb;  // where the sentence the timex is in starts
    if (we > ws && std::memchr(t.data() + ws, '`', we - ws)) {
        for (std::size_t i = ws; i < begin; ++i)
            if (final_punct(t[i]))
                if (auto k = quote_boundary_after(t, i, begin); k != std::string_view::npos) ws = opener = k;
        for (std::size_t i = end; i < we; ++i)
            if (final_punct(t[i]) && quote_boundary_after(t, i, we) != std::string_view::npos) {
                we = i + 1;
                break;
            }
    }
    while (ws > sb && ws < begin && ascii::is_alpha(t[ws - 1])) ++ws;  // a word start

    static thread_local Scratch scratch;
    auto& words = scratch.words;
    auto& lower = scratch.lower;
    words.clear();
    lower.resize(we > ws ? we - ws : 0);  // never reallocated below: the views stay valid
    std::size_t ti = std::size_t(-1);  // index of the first word at or after `begin`
    for (std::size_t i = ws; i < we;) {
        char c = t[i];
        if (!ascii::is_alpha(c) && c != '\'') {
            ++i;
            continue;
        }
        std::size_t b = i;
        while (i < we && (ascii::is_alpha(t[i]) || t[i] == '\'' || t[i] == '-')) {
            lower[i - ws] = ascii::to_lower(t[i]);
            ++i;
        }
        if (b >= begin && ti == std::size_t(-1)) ti = words.size();
        bool capital = ascii::is_upper(c) && b != sb && b != opener + 2;
        words.push_back({b, i, std::string_view(lower).substr(b - ws, i - b), capital, b >= begin && b < end});
    }
    if (ti == std::size_t(-1)) ti = words.size();
    auto word_at = [&](std::size_t k) -> std::string_view {
        return k < words.size() ? words[k].w : std::string_view();
    };

    // The cues, in word order; the nearest one decides (the first of equally near ones).
    Tense best = Tense::Unknown;
    std::size_t best_dist = std::size_t(-1);
    bool present = false;
    for (std::size_t k = 0; k < words.size(); ++k) {
        const Word& wd = words[k];
        if (wd.in_timex) continue;  // words of the timex itself ("last", "next") are not verb cues
        std::string_view w = wd.w;
        if (w.size() >= 24) continue;
        Tense tw = Tense::Unknown;
        std::string_view prev = k > 0 ? word_at(k - 1) : std::string_view();
        bool verb_follows = k + 1 < words.size() && !words[k + 1].in_timex;
        if (w == "to") {
            if (prev == "going") tw = Tense::Future;
            // An infinitive after a word of intent or schedule is ahead of its clause ("set to resume
            // Monday", "did not plan to remove him on Thursday"), unless a past perfect puts the plan
            // itself in the past ("had been due to expire Friday").
            if (verb_follows && intent_before_to(prev) && !(k >= 2 && word_at(k - 2) == "had") &&
                !(k >= 3 && word_at(k - 3) == "had"))
                tw = Tense::Future;
            // "is to resume trading Tuesday": be + infinitive is an arrangement.
            if (verb_follows && (prev == "is" || prev == "are" || prev == "am")) tw = Tense::Future;
        }
        if (w == "as" && prev == "soon" && k >= 2 && word_at(k - 2) == "as") tw = Tense::Future;  // "as soon as"
        if (tw == Tense::Unknown && !wd.capital) tw = word_tense(w);
        // "would" alone is no future, but "would be traveling Thursday" is an arrangement ahead of the report.
        if (w == "would" && word_at(k + 1) == "be") {
            auto v = word_at(k + 2);
            if (v.size() > 4 && v.substr(v.size() - 3) == "ing") tw = Tense::Future;
        }
        // A past form in an "as soon as" clause is ahead of the report ("investors were likely to buy
        // as soon as trading opened Monday").
        if (tw == Tense::Past) {
            for (std::size_t j = k >= 4 ? k - 4 : 0; j + 2 < k; ++j)
                if (word_at(j) == "as" && word_at(j + 1) == "soon" && word_at(j + 2) == "as") tw = Tense::Future;
        }
        // The present perfect tells of the past: "prices have come down from mid-October".
        // A plan word keeps its future ("has scheduled a news conference Thursday").
        if (tw != Tense::Future && (prev == "has" || prev == "have" || prev == "'ve") && is_past_participle(w))
            tw = Tense::Past;
        // "plans", "planned" look ahead only as verbs of intent ("plans to visit", covered above);
        // otherwise they are nouns or adjectives ("set aside vacation plans", "the planned visit").
        if ((w == "plans" || w == "planned") && word_at(k + 1) != "to") tw = Tense::Unknown;
        // A passive participle ("is being traded", "will be held") has no tense of its own: "be" has it.
        if (tw == Tense::Past && is_form_of_be(prev))
            tw = Tense::Unknown;
        // A plan told in the past perfect or as a former one: "had been scheduled", "as previously planned".
        if (tw == Tense::Future &&
            (prev == "had" || prev == "previously" || (prev == "been" && k >= 2 && word_at(k - 2) == "had")))
            tw = Tense::Past;
        if (w.size() > 3 && w.substr(w.size() - 3) == "'ll") tw = Tense::Future;
        if (tw == Tense::Present) {
            present = true;
        } else if (tw != Tense::Unknown) {
            bool reporting = w == "said" || w == "told" || w == "added" || w == "reported";
            std::size_t d = k > ti ? k - ti : ti - k;
            // A reporting verb governs the time only when next to it ("said Friday", "said on Friday");
            // otherwise the verb of the reported clause does ("would leave as soon as Tuesday, Castro said").
            if (reporting && d > 2) d += 1000;
            // The verb group that governs a time adjunct mostly comes before it ("will double its flights
            // by August in the search for markets untouched by the crisis"): cues after it count farther.
            if (k > ti) d += d / 2;
            if (d < best_dist) {
                best_dist = d;
                best = tw;
            }
        }
    }
    if (best != Tense::Unknown) return best;
    return present ? Tense::Present : Tense::Unknown;
}

}  // namespace dateline::resolve
