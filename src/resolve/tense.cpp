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

bool is_word_char(char c) { return ascii::is_alpha(c) || c == '\'' || c == '-'; }

// The words of the window [ws, we), found on demand outward from the expression: word 0 is the first
// that starts at or after `begin`, word -1 the last before it. A word is a run of letters, ' and -
// without its leading hyphens (the run is cut at the window's ends), as a scan from ws reads them.
class Words {
public:
    Words(std::string_view t, std::size_t ws, std::size_t we, std::size_t begin, std::size_t end, std::size_t sb,
          std::size_t opener)
        : t_(t), ws_(ws), we_(we), begin_(begin), end_(end), sb_(sb), opener_(opener) {
        static thread_local std::vector<Word> right, left;
        static thread_local std::string lower;
        right_ = &right;
        left_ = &left;
        right.clear();
        left.clear();
        lower.resize(we > ws ? we - ws : 0);  // each word is written at its own offset: views stay valid
        lower_ = lower.data();
        // Split at `begin`; a run that goes on across it belongs to the side its word starts on.
        std::size_t q = begin;
        if (q > ws && q < we && is_word_char(t[q - 1]))
            while (q < we && is_word_char(t[q])) ++q;
        rpos_ = lpos_ = q;
        if (q > begin) {  // the run across `begin`
            std::size_t rs = run_start(q);
            std::size_t wb = rs;
            while (wb < q && t[wb] == '-') ++wb;
            lpos_ = rs;
            if (wb < q) (wb >= begin ? right : left).push_back(make(wb, q));
        }
    }

    // Word r (r < 0: before the expression), or nullptr outside the window.
    const Word* at(long r) {
        if (r >= 0) {
            auto k = std::size_t(r);
            if (k < right_->size()) [[likely]]
                return &(*right_)[k];
            return fill_right(k);
        }
        auto k = std::size_t(-r - 1);
        if (k < left_->size()) [[likely]]
            return &(*left_)[k];
        return fill_left(k);
    }
    std::string_view word(long r) {
        const Word* w = at(r);
        return w ? w->w : std::string_view();
    }

private:
    [[gnu::noinline]] const Word* fill_right(std::size_t k) {
        while (right_->size() <= k && next_right()) {}
        return k < right_->size() ? &(*right_)[k] : nullptr;
    }
    [[gnu::noinline]] const Word* fill_left(std::size_t k) {
        while (left_->size() <= k && next_left()) {}
        return k < left_->size() ? &(*left_)[k] : nullptr;
    }
    std::size_t run_start(std::size_t e) const {
        while (e > ws_ && is_word_char(t_[e - 1])) --e;
        return e;
    }
    Word make(std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) lower_[i - ws_] = ascii::to_lower(t_[i]);
        bool capital = ascii::is_upper(t_[b]) && b != sb_ && b != opener_ + 2;
        return {b, e, std::string_view(lower_ + (b - ws_), e - b), capital, b >= begin_ && b < end_};
    }
    bool next_right() {
        std::size_t i = rpos_;
        while (i < we_ && !ascii::is_alpha(t_[i]) && t_[i] != '\'') ++i;
        if (i >= we_) {
            rpos_ = we_;
            return false;
        }
        std::size_t b = i;
        while (i < we_ && is_word_char(t_[i])) ++i;
        rpos_ = i;
        right_->push_back(make(b, i));
        return true;
    }
    bool next_left() {
        std::size_t i = lpos_;
        for (;;) {
            while (i > ws_ && !is_word_char(t_[i - 1])) --i;
            if (i <= ws_) {
                lpos_ = ws_;
                return false;
            }
            std::size_t e = i, rs = run_start(e), b = rs;
            while (b < e && t_[b] == '-') ++b;
            i = rs;
            if (b < e) {
                lpos_ = rs;
                left_->push_back(make(b, e));
                return true;
            }
        }
    }

    std::string_view t_;
    std::size_t ws_, we_, begin_, end_, sb_, opener_;
    std::vector<Word>* right_;
    std::vector<Word>* left_;
    char* lower_ = nullptr;
    std::size_t rpos_ = 0, lpos_ = 0;
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

    Words words(t, ws, we, begin, end, sb, opener);

    // The tense word r signals in its context, if any; `reporting` for "said", "told", ...
    bool present = false;
    auto cue = [&](long r, bool& reporting) -> Tense {
        const Word* wd = words.at(r);
        if (wd->in_timex) return Tense::Unknown;  // words of the timex itself ("last", "next") are not verb cues
        std::string_view w = wd->w;
        if (w.size() >= 24) return Tense::Unknown;
        Tense tw = Tense::Unknown;
        std::string_view prev = words.word(r - 1);
        const Word* after = words.at(r + 1);
        bool verb_follows = after && !after->in_timex;
        if (w == "to") {
            if (prev == "going") tw = Tense::Future;
            // An infinitive after a word of intent or schedule is ahead of its clause ("set to resume
            // Monday", "did not plan to remove him on Thursday"), unless a past perfect puts the plan
            // itself in the past ("had been due to expire Friday").
            if (verb_follows && intent_before_to(prev) && words.word(r - 2) != "had" && words.word(r - 3) != "had")
                tw = Tense::Future;
            // "is to resume trading Tuesday": be + infinitive is an arrangement.
            if (verb_follows && (prev == "is" || prev == "are" || prev == "am")) tw = Tense::Future;
        }
        if (w == "as" && prev == "soon" && words.word(r - 2) == "as") tw = Tense::Future;  // "as soon as"
        if (tw == Tense::Unknown && !wd->capital) tw = word_tense(w);
        // "would" alone is no future, but "would be traveling Thursday" is an arrangement ahead of the report.
        if (w == "would" && words.word(r + 1) == "be") {
            auto v = words.word(r + 2);
            if (v.size() > 4 && v.substr(v.size() - 3) == "ing") tw = Tense::Future;
        }
        // A past form in an "as soon as" clause is ahead of the report ("investors were likely to buy
        // as soon as trading opened Monday").
        if (tw == Tense::Past) {
            for (long j = r - 4; j <= r - 3; ++j)
                if (words.word(j) == "as" && words.word(j + 1) == "soon" && words.word(j + 2) == "as") tw = Tense::Future;
        }
        // The present perfect tells of the past: "prices have come down from mid-October".
        // A plan word keeps its future ("has scheduled a news conference Thursday").
        if (tw != Tense::Future && (prev == "has" || prev == "have" || prev == "'ve") && is_past_participle(w))
            tw = Tense::Past;
        // "plans", "planned" look ahead only as verbs of intent ("plans to visit", covered above);
        // otherwise they are nouns or adjectives ("set aside vacation plans", "the planned visit").
        if ((w == "plans" || w == "planned") && words.word(r + 1) != "to") tw = Tense::Unknown;
        // A passive participle ("is being traded", "will be held") has no tense of its own: "be" has it.
        if (tw == Tense::Past && is_form_of_be(prev))
            tw = Tense::Unknown;
        // A plan told in the past perfect or as a former one: "had been scheduled", "as previously planned".
        if (tw == Tense::Future && (prev == "had" || prev == "previously" || (prev == "been" && words.word(r - 2) == "had")))
            tw = Tense::Past;
        if (w.size() > 3 && w.substr(w.size() - 3) == "'ll") tw = Tense::Future;
        if (tw == Tense::Present) {
            present = true;
            return Tense::Unknown;
        }
        reporting = w == "said" || w == "told" || w == "added" || w == "reported";
        return tw;
    };

    // The nearest cue decides (of equally near ones, the first in the text). A reporting verb governs
    // the time only when next to it ("said Friday", "said on Friday"); otherwise the verb of the
    // reported clause does ("would leave as soon as Tuesday, Castro said"). The verb group that
    // governs a time adjunct mostly comes before it ("will double its flights by August in the search
    // for markets untouched by the crisis"): cues after it count 1.5 times farther. The words are read
    // outward from the expression and the reading stops where no farther word can be nearer.
    Tense best = Tense::Unknown;
    std::size_t best_dist = std::size_t(-1);
    long best_r = 0;
    auto consider = [&](long r) {
        bool reporting = false;
        Tense tw = cue(r, reporting);
        if (tw == Tense::Unknown) return;
        std::size_t d = std::size_t(r < 0 ? -r : r);
        if (reporting && d > 2) d += 1000;
        if (r > 0) d += d / 2;
        if (d < best_dist || (d == best_dist && r < best_r)) {
            best_dist = d;
            best = tw;
            best_r = r;
        }
    };
    bool left = true, right = true;
    for (std::size_t delta = 0; left || right; ++delta) {
        if (right) {
            if (delta + delta / 2 > best_dist || !words.at(long(delta))) right = false;
            else consider(long(delta));
        }
        if (left && delta > 0) {
            if (delta > best_dist || !words.at(-long(delta))) left = false;
            else consider(-long(delta));
        }
    }
    if (best != Tense::Unknown) return best;
    return present ? Tense::Present : Tense::Unknown;
}

}  // namespace dateline::resolve
