#include "tense.hpp"

#include <algorithm>
#include <array>

#include <cctype>
#include <cstring>
#include <string>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

struct CueWords {
    WordTable<Tense> table;
    detail::WordShapes shapes;  // of the table's words and of "to", "as", "would" (see may_cue)
};

// Verbs of a schedule in the present simple, third person and base form: news tells arrangements so
// ("Trading resumes Tuesday", "Polls open Sunday"). Future cues where they can be a present-simple
// verb (see schedule_verb_blocked_after).
constexpr std::string_view kScheduleVerbs[] = {
    "resumes", "begins", "opens", "starts", "meets", "convenes", "reconvenes", "expires", "departs", "arrives",
    "leaves", "ends", "closes", "reopens", "resume", "begin", "meet", "convene", "reconvene", "expire", "depart",
    "arrive", "open", "reopen", "close", "start", "end",
    // release calendars and fixtures: "Samsung, which reports results on Friday", "The index comes out
    // Tuesday", "The department releases its estimate on Thursday", "The law takes effect Aug. 1",
    // "Arsenal hosts Chelsea on Sunday" (third person only: the base forms are nouns too often; not
    // "holds", a state more often: "which already holds a stake")
    "reports", "releases", "publishes", "announces", "unveils", "hosts", "plays", "faces", "visits",
    "travels", "votes", "testifies", "returns", "takes", "comes", "goes", "launches", "debuts", "airs", "kicks"};

// Schedule verbs in -s that are as often plural nouns ("compliance reports by Wednesday", "tax
// returns"): a verb only after a name ("Samsung reports", "the Commerce Department releases"), a
// relative or personal pronoun ("which reports"), or "also" / "then" / "next".
bool plural_noun_too(std::string_view w) {
    return w == "reports" || w == "releases" || w == "returns" || w == "plays" || w == "votes" || w == "visits" ||
           w == "faces" || w == "launches" || w == "debuts" || w == "travels" || w == "hosts" || w == "kicks";
}
bool subject_before_verb(std::string_view prev) {
    return prev == "which" || prev == "who" || prev == "that" || prev == "he" || prev == "she" || prev == "it" ||
           prev == "also" || prev == "then" || prev == "next";
}

// Modals that put the verb after them ahead of the report ("The deal could close Friday", "the board
// may vote Monday"); see detect_tense. "would" has rules of its own.
constexpr std::string_view kModals[] = {"may", "might", "could", "should", "must", "can"};

bool is_modal(std::string_view w) {
    for (std::string_view m : kModals)
        if (w == m) return true;
    return false;
}

const CueWords& cue_words() {
    static const CueWords m = [] {
        CueWords cw;
        WordTable<Tense>& t = cw.table;
        auto set = [&](std::string_view w, Tense tense) {
            t.set(w, tense);
            cw.shapes.add(w);
        };
        for (std::string_view w : {"will", "shall", "won't", "'ll", "gonna", "tomorrow", "upcoming", "scheduled", "planned",
                       "plans", "expects", "expect", "expected", "intends", "aims", "hopes", "forecast", "forecasts",
                       "projected", "due"})
            set(w, Tense::Future);
        for (std::string_view w : kScheduleVerbs) set(w, Tense::Future);
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
            set(w, Tense::Past);
        for (std::string_view w : {"is", "are", "am", "has", "have", "does", "do", "says", "isn't", "aren't", "doesn't",
                       "hasn't", "haven't"})
            set(w, Tense::Present);
        for (std::string_view w : {"to", "as", "would"}) cw.shapes.add(w);
        for (std::string_view w : kModals) cw.shapes.add(w);
        return cw;
    }();
    return m;
}

// -ed words that are not past-tense verbs.
bool ed_exception(std::string_view w) {
    static const WordTable<bool> s = word_set({
        "need", "needed", "speed", "seed", "feed", "breed", "indeed", "proceed", "succeed", "exceed", "shed",
        "hundred", "sacred", "naked", "wicked", "beloved", "kindred", "unprecedented", "red", "bed", "led",
        "united", "based", "related", "limited", "interested", "concerned", "supposed", "used", "advanced",
        "detailed", "experienced", "qualified", "skilled", "talented", "armed", "married", "alleged",
        "expected", "scheduled", "planned", "proposed", "so-called", "embattled", "troubled", "unidentified",
        "undisclosed", "unexpected", "unnamed", "wanted", "owned", "elected", "appointed", "injured", "wounded",
        "accused", "unrelated", "combined", "mixed", "fixed", "increased", "reduced", "improved", "continued",
        "sustained", "coordinated", "organized", "crowded", "heated", "renewed", "reserved", "registered",
        "dedicated", "sophisticated", "complicated", "estimated", "sized", "minded"});
    return s.contains(w);
}

}  // namespace

Tense word_tense(std::string_view w) {
    const CueWords& cw = cue_words();
    if (cw.shapes.may_contain(w))
        if (const Tense* t = cw.table.find(w)) return *t;
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

// Words before which a schedule verb is no present-simple verb of its own: a determiner makes it a
// noun ("the opens", "a start"), a modal, "to", "do"/"did" or a negation gives the tense itself
// ("did not meet Monday", "could end Friday").
bool schedule_verb_blocked_after(std::string_view prev) {
    static const WordTable<bool> s = word_set({
        "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these", "those",
        "no", "any", "some", "each", "every", "to", "not", "never", "will", "would", "could", "should", "can",
        "may", "might", "must", "shall", "won't", "wouldn't", "couldn't", "shouldn't", "can't", "cannot", "do",
        "does", "did", "don't", "doesn't", "didn't", "'ll", "be", "been", "being", "is", "are", "was", "were",
        "has", "have", "had"});
    return s.contains(prev);
}

bool is_schedule_verb(std::string_view w) {
    static const WordTable<bool> s = [] {
        WordTable<bool> t;
        for (std::string_view v : kScheduleVerbs) t.set(v, true);
        return t;
    }();
    return s.contains(w);
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
        "expects", "expect", "unlikely",
        // nouns of a plan or commitment: "KKR's program to pay down $5 billion ... by February"
        "program", "programme", "proposal", "pledge", "promise", "commitment", "timetable"});
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
    bool whole;          // its run lies inside the window (then the run's flags are the word's)
};

// Whether word w can be a cue at all (see detect_tense): a word of the cue table, "to", "as",
// "would", or a word in -ed or 'll. Any other word is one only after has/have.
// (The table lookup out of line: most words fail the shape test inlined in may_cue.)
[[gnu::noinline]] bool in_cue_table(const CueWords& cw, std::string_view w) {
    return cw.table.find(w) || w == "to" || w == "as" || w == "would" || is_modal(w);
}
inline bool may_cue(std::string_view w) {
    const std::size_t n = w.size();
    if (n > 3 && ((w[n - 2] == 'e' && w[n - 1] == 'd') || (w[n - 3] == '\'' && w[n - 2] == 'l' && w[n - 1] == 'l')))
        return true;
    static const CueWords& cw = cue_words();
    return cw.shapes.may_contain(w) && in_cue_table(cw, w);
}

// Letters, ' and -, by table (the run scan below reads every byte of a window).
constexpr auto kWordChar = [] {
    std::array<bool, 256> a{};
    for (int c = 'a'; c <= 'z'; ++c) a[std::size_t(c)] = a[std::size_t(c - 'a' + 'A')] = true;
    a[std::size_t('\'')] = a[std::size_t('-')] = true;
    return a;
}();
bool is_word_char(char c) { return kWordChar[static_cast<unsigned char>(c)]; }

// The runs of word characters (letters, ' and -) of the sentence last asked about, with their
// lowercase text, scanned once: the expressions of a sentence come in text order, so their windows
// only move forward, and a run is read once however many windows hold it. Runs that end before the
// window are dropped as it moves on (memory stays bounded on a sentence of megabytes).
class RunCache {
public:
    struct Run {
        std::size_t b, e;
        std::uint8_t flags = 0;  // of its word (kKnown ...), once known
    };
    // What a run's word (without its leading hyphens) is, for the quick "no cue here" of Words::no_cue.
    static constexpr std::uint8_t kKnown = 1, kMayCue = 2, kHave = 4, kEffective = 8, kLong = 16;
    // Makes the runs of [ws, we) known (a run that starts before the first window is cut at it).
    // The text is the same from call to call (the scratch belongs to one text).
    void cover(std::string_view t, std::size_t sb, std::size_t se, std::size_t ws, std::size_t we) {
        if (t.data() != text_ || t.size() != size_ || sb != sb_ || se != se_ || ws < lo_) {
            text_ = t.data();
            size_ = t.size();
            sb_ = sb;
            se_ = se;
            lo_ = hi_ = base_ = ws;
            runs_.clear();
            lower_.clear();
            hints_.fill(0);
        } else if (ws - base_ > (std::size_t(1) << 16)) {  // drop what the windows have left behind
            auto keep = std::partition_point(runs_.begin(), runs_.end(), [&](const Run& r) { return r.e <= ws; });
            const std::size_t dropped = std::size_t(keep - runs_.begin());
            for (auto& h : hints_) h = h > dropped ? h - dropped : 0;
            runs_.erase(runs_.begin(), keep);
            lower_.erase(0, ws - base_);
            base_ = lo_ = ws;
        }
        if (we > hi_) extend(t, we);
    }
    std::vector<Run>& runs() { return runs_; }
    // Forgets the text (a scratch reused for another text that may live at the same address).
    void reset() { text_ = nullptr; }
    // The first run for which pred (true on a prefix of the runs) is false: std::partition_point,
    // started from where the same search (`which`) ended for the expression before. The expressions
    // of a sentence come in text order, so the answer mostly lies a few runs further on.
    template <class Pred>
    long first_not(std::size_t which, Pred pred) {
        const std::size_t n = runs_.size();
        std::size_t i = std::min(hints_[which], n);
        if (i > 0 && !pred(runs_[i - 1])) {
            i = std::size_t(std::partition_point(runs_.begin(), runs_.begin() + long(i), pred) - runs_.begin());
        } else {
            for (int steps = 0; i < n && pred(runs_[i]); ++i) {
                if (++steps == 8) {  // far ahead: the binary search
                    i = std::size_t(std::partition_point(runs_.begin() + long(i), runs_.end(), pred) - runs_.begin());
                    break;
                }
            }
        }
        hints_[which] = i;
        return long(i);
    }
    // The lowercase text of [b, e), a part of a run.
    std::string_view lower(std::size_t b, std::size_t e) const {
        return std::string_view(lower_.data() + (b - base_), e - b);  // written by extend()
    }

private:
    // The runs that start in [hi_, target), found 64 bytes at a time: a run starts where a word
    // character follows another byte and ends where another byte follows one (the same runs as a
    // byte loop over kWordChar); and the lowercase text of the bytes read.
    void extend(std::string_view t, std::size_t we) {
        const std::size_t target = std::min(se_, std::max(we, hi_ + 512));
        const std::size_t from = hi_;
        std::size_t i = hi_;
        const char* p = t.data();  // in a local: push_back below could otherwise force reloads
        const std::size_t se = se_;
        std::size_t b = 0;
        bool in_run = false;
        while (i < target || in_run) {
            if (i >= se) {  // a run up to the end of the sentence
                push(p, b, se);
                in_run = false;
                break;
            }
            const std::size_t len = std::min<std::size_t>(64, se - i);
            const std::uint64_t m = word_mask(p + i, len);
            const std::uint64_t full = len == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << len) - 1u;
            // Bit k: the byte before byte k is a word character.
            const std::uint64_t before = ((m << 1) | (in_run ? 1u : 0u)) & full;
            std::uint64_t ev = (m & ~before) | (~m & before & full);
            for (; ev; ev &= ev - 1) {
                const unsigned k = unsigned(__builtin_ctzll(ev));
                if ((m >> k) & 1u) {  // a run starts
                    if (i + k >= target) {  // runs that start at or after the target wait for later
                        ev = 0;
                        i = i + k;
                        goto done;
                    }
                    b = i + k;
                    in_run = true;
                } else {
                    push(p, b, i + k);
                    in_run = false;
                }
            }
            in_run = len > 0 && ((m >> (len - 1)) & 1u);
            i += len;
            if (!in_run && i >= target) break;
        }
    done:
        hi_ = std::max(i, target);
        lower_.resize(hi_ - base_);
        // (after a drop, base_ may be past the old hi_: no word before base_ is read)
        const std::size_t lo = std::max(from, base_);
        lower_ascii(p + lo, lower_.data() + (lo - base_), hi_ - lo);
    }
    // A run of hyphens only ("--") holds no word (a word is a run without its leading hyphens):
    // it is not kept, so that the runs kept and the words of a window correspond one to one.
    void push(const char* p, std::size_t b, std::size_t e) {
        if (p[b] == '-') {
            std::size_t k = b;
            while (k < e && p[k] == '-') ++k;
            if (k == e) return;
        }
        runs_.push_back({b, e, 0});
    }
    // Bit k set when p[k] (k < len <= 64) is a word character: 16 bytes at a time, the rest by byte.
    static std::uint64_t word_mask(const char* p, std::size_t len) {
        std::uint64_t m = 0;
        std::size_t k = 0;
#if defined(__SSE2__)
        for (; k + 16 <= len; k += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
            const __m128i l = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
            const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(25)), l);
            const __m128i other = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
            m |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_or_si128(letter, other)))) << k;
        }
#endif
        for (; k < len; ++k) m |= std::uint64_t(is_word_char(p[k])) << k;
        return m;
    }
    static void lower_ascii(const char* in, char* out, std::size_t n) {
        std::size_t k = 0;
#if defined(__SSE2__)
        for (; k + 16 <= n; k += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + k));
            const __m128i u = _mm_sub_epi8(v, _mm_set1_epi8('A'));
            const __m128i upper = _mm_cmpeq_epi8(_mm_min_epu8(u, _mm_set1_epi8(25)), u);  // A..Z
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
        }
#endif
        for (; k < n; ++k) out[k] = ascii::to_lower(in[k]);
    }
    const char* text_ = nullptr;
    std::size_t size_ = 0, sb_ = 0, se_ = 0;
    std::size_t lo_ = 0, hi_ = 0, base_ = 0;
    std::vector<Run> runs_;
    std::string lower_;  // lowercase of [base_, hi_)
    std::array<std::size_t, 3> hints_{};  // of first_not, by search
};

// The words of the window [ws, we): word 0 is the first that starts at or after `begin`, word -1 the
// last before it. A word is a run cut to the window without its leading hyphens, as a scan of the
// window from ws reads them. The runs kept (no run of hyphens only) inside the window hold one
// word each, except that a run cut by an edge of the window may hold none: so word r is run
// rnext_ + r, for the runs lo_ .. hi_ that hold a word.
class Words {
public:
    using Run = RunCache::Run;
    Words(std::string_view t, std::size_t ws, std::size_t we, std::size_t begin, std::size_t end, std::size_t sb,
          std::size_t se, std::size_t opener, RunCache& cache)
        : t_(t), ws_(ws), we_(we), begin_(begin), end_(end), sb_(sb), opener_(opener), cache_(&cache) {
        cache.cover(t, sb, se, ws, we);
        auto& runs = cache.runs();
        runs_ = runs.data();
        // The first run that ends after `begin`: its word is on the left if it starts before `begin`.
        const long j = cache.first_not(0, [&](const Run& r) { return r.e <= begin; });
        lo_ = cache.first_not(1, [&](const Run& r) { return r.e <= ws; });
        hi_ = cache.first_not(2, [&](const Run& r) { return r.b < we; }) - 1;
        Word w;
        if (lo_ <= hi_ && !word_of(lo_, w)) ++lo_;
        if (lo_ <= hi_ && !word_of(hi_, w)) --hi_;
        rnext_ = j;
        if (j < long(runs.size())) {
            if (word_of(j, w) ? w.b < begin : runs[std::size_t(j)].b < ws) rnext_ = j + 1;
        }
    }

    bool exists(long r) const {
        const long i = rnext_ + r;
        return i >= lo_ && i <= hi_;
    }
    // Word r into w; false outside the window.
    bool at(long r, Word& w) const { return exists(r) && word_of(rnext_ + r, w); }
    std::string_view word(long r) const {
        Word w;
        return at(r, w) ? w.w : std::string_view();
    }
    // Whether word r (which exists) may be a cue (see may_cue), for whole runs from the run's flags.
    bool may_cue_at(const Word& w, long r) const {
        if (!w.whole) return may_cue(w.w);
        return flags(run(rnext_ + r)) & RunCache::kMayCue;
    }
    // True when word r (which exists) is surely no cue: detect_tense's cue(r) would return Unknown
    // without reading anything else (a word of the timex, or a word that is no cue word, not after
    // has/have, and not "effective" before the timex). False when it has to look.
    bool no_cue(long r) const {
        const long i = rnext_ + r;
        Run& ru = run(i);
        if (ru.b < ws_ || ru.e > we_) return false;  // cut by the window: the long way
        std::size_t b = ru.b;
        while (t_[b] == '-') ++b;
        if (b >= begin_ && b < end_) return true;
        const std::uint8_t f = flags(ru);
        if (f & RunCache::kLong) return true;
        if ((f & RunCache::kMayCue) || (r == -1 && (f & RunCache::kEffective))) return false;
        if (i - 1 < lo_) return true;  // no word before it
        Run& pr = run(i - 1);
        if (pr.b < ws_) return false;
        return !(flags(pr) & RunCache::kHave);
    }

    // Whether word r (which exists) is the lowercase word x in any case, read from the bytes of its run.
    bool spelled(long r, std::string_view x) const {
        const Run& ru = run(rnext_ + r);
        const std::size_t b = std::max(ru.b, ws_), e = std::min(ru.e, we_);
        if (e - b != x.size()) return false;
        for (std::size_t k = 0; k < x.size(); ++k)
            if ((t_[b + k] | 0x20) != x[k]) return false;
        return true;
    }
    // Whether word r (r > 0, after the time) opens another clause than the time's: a quotation mark
    // before it ('"We have until Monday," said one official': "said" is no cue for Monday, what was
    // said is), or a word that opens a clause of condition, cause or concession ("would cut off
    // funding on Monday unless a deal was reached": "was" is no cue for Monday). Read from the bytes,
    // no lowercase copy: the time's right-hand words are all asked.
    bool opens_other_clause(long r) const {
        const long i = rnext_ + r;
        if (r <= 0 || i - 1 < lo_) return false;
        const Run& cur = run(i);
        const Run& prev = run(i - 1);
        if (cur.b < end_) return false;  // a word of the timex
        for (std::size_t k = std::max(prev.e, ws_); k < cur.b && k < we_; ++k) {
            const char c = t_[k];
            if (c == '"' || c == '`') return true;
            if (c == '\'' && k + 1 < cur.b && t_[k + 1] == '\'') return true;  // '' (closing, in AP text)
            if (c == '\xE2' && k + 2 < cur.b && t_[k + 1] == '\x80' && (t_[k + 2] == '\x9C' || t_[k + 2] == '\x9D'))
                return true;  // U+201C, U+201D
        }
        return spelled(r, "if") || spelled(r, "unless") || spelled(r, "though") || spelled(r, "because") ||
               spelled(r, "whereas") || spelled(r, "although");
    }

private:
    Run& run(long i) const { return runs_[std::size_t(i)]; }
    // The word of run i inside the window, if any.
    bool word_of(long i, Word& w) const {
        const Run& r = run(i);
        std::size_t b = std::max(r.b, ws_), e = std::min(r.e, we_);
        while (b < e && t_[b] == '-') ++b;
        if (b >= e) return false;
        // (A word in capitals, "THE HOUSE WILL VOTE": a headline or an all-caps text, read as lowercase.)
        bool capital = ascii::is_upper(t_[b]) && b != sb_ && b != opener_ + 2 &&
                       !(e - b >= 2 && std::all_of(t_.begin() + std::ptrdiff_t(b) + 1, t_.begin() + std::ptrdiff_t(e),
                                                   [](char c) { return ascii::is_upper(c); }));
        bool whole = r.b >= ws_ && r.e <= we_;
        w = Word{b, e, cache_->lower(b, e), capital, b >= begin_ && b < end_, whole};
        return true;
    }
    // The flags of a whole run's word (computed once per run).
    std::uint8_t flags(Run& r) const {
        if (r.flags) [[likely]]
            return r.flags;
        std::size_t b = r.b;
        while (t_[b] == '-') ++b;
        const std::string_view w = cache_->lower(b, r.e);
        std::uint8_t f = RunCache::kKnown;
        if (w.size() >= 24) f |= RunCache::kLong;
        else if (may_cue(w)) f |= RunCache::kMayCue;
        if (w == "has" || w == "have" || w == "'ve") f |= RunCache::kHave;
        if (w == "effective") f |= RunCache::kEffective;
        r.flags = f;
        return f;
    }

    std::string_view t_;
    std::size_t ws_, we_, begin_, end_, sb_, opener_;
    RunCache* cache_;
    Run* runs_ = nullptr;
    long lo_ = 0, hi_ = -1, rnext_ = 0;
};

}  // namespace

struct TenseScratch::Impl {
    RunCache runs;
    // Whether the sentence asked about last, [sb, se) of text, holds a backquote (then its
    // expressions' windows are searched for one): one search per sentence, not per expression.
    const char* text = nullptr;
    std::size_t size = 0, sb = 0, se = 0;
    bool backquote = false;
    bool sentence_has_backquote(std::string_view t, std::size_t b, std::size_t e) {
        if (t.data() != text || t.size() != size || b != sb || e != se) {
            text = t.data();
            size = t.size();
            sb = b;
            se = e;
            backquote = e > b && std::memchr(t.data() + b, '`', e - b);
        }
        return backquote;
    }
};

namespace {
// The scratch of the last text annotated on this thread, kept for the next one: its buffers keep
// their capacity, so a text does not grow them again from nothing.
thread_local std::unique_ptr<TenseScratch::Impl> spare_scratch;
}  // namespace

TenseScratch::TenseScratch() : impl_(spare_scratch ? std::move(spare_scratch) : std::make_unique<Impl>()) {
    impl_->runs.reset();
    impl_->text = nullptr;
}
TenseScratch::~TenseScratch() {
    if (impl_ && !spare_scratch) spare_scratch = std::move(impl_);
}

Tense detect_tense(std::string_view t, std::size_t sb, std::size_t se, std::size_t begin, std::size_t end) {
    TenseScratch scratch;
    return detect_tense(t, sb, se, begin, end, scratch);
}

namespace {
// "ahead of Friday's jobs report", "in the run-up to Christmas", "the lead-up to the vote on Monday": the
// time comes after the clause's event. True when [sb, begin) ends with such words.
bool ahead_of_before(std::string_view t, std::size_t sb, std::size_t begin) {
    std::size_t k = begin;
    while (k > sb && t[k - 1] == ' ') --k;
    auto ends_with = [&](std::string_view w) {
        if (k - sb < w.size()) return false;
        for (std::size_t i = 0; i < w.size(); ++i)
            if (ascii::to_lower(t[k - w.size() + i]) != w[i]) return false;
        const std::size_t s = k - w.size();
        return s == sb || !ascii::is_alpha(t[s - 1]);
    };
    return ends_with("ahead of") || ends_with("run-up to") || ends_with("runup to") || ends_with("lead-up to") ||
           ends_with("leading up to");
}
Tense clause_tense(std::string_view t, std::size_t sb, std::size_t se, std::size_t begin, std::size_t end,
                   TenseScratch::Impl& impl, bool ahead);
}  // namespace

Tense detect_tense(std::string_view t, std::size_t sb, std::size_t se, std::size_t begin, std::size_t end,
                   TenseScratch& scratch) {
    if (begin < sb || begin >= se) return Tense::Unknown;
    // A time the clause's event comes before, in a clause not in the past ("Stocks are flat ahead of
    // Friday's jobs report", "Retailers hope for sales in the run-up to Christmas"), is ahead of the
    // report. (In a past clause it may have passed since: "Markets slumped ahead of Monday's vote".)
    if (ahead_of_before(t, sb, begin)) {
        const Tense c = clause_tense(t, sb, se, begin, end, *scratch.impl_, true);
        return c == Tense::Past ? c : Tense::Future;
    }
    return clause_tense(t, sb, se, begin, end, *scratch.impl_, false);
}

namespace {
// The words before "for <time>" (word -1 is "for") arrange an event for that time: a noun of an
// arranged event right before "for" ("a meeting for Friday", "the vote for Tuesday"), or a verb of
// scheduling a few words before it, with no clause break between ("called a special meeting for
// Friday", "set the vote for Tuesday"). Not a plan told in the past perfect ("had set the vote for
// Tuesday"): the arranged time may have passed since.
bool arranged_for(const Words& words) {
    static const WordTable<bool> event_nouns = word_set({
        "meeting", "meetings", "vote", "hearing", "hearings", "sentencing", "arraignment", "election", "elections",
        "summit", "session", "trial", "talks", "conference", "appointment", "referendum", "ballot", "rally",
        "deadline", "debate", "ceremony", "deliberations", "auction", "runoff", "inauguration", "launch"});
    static const WordTable<bool> scheduling_verbs = word_set({
        "called", "calls", "call", "set", "sets", "scheduled", "schedules", "schedule", "rescheduled",
        "reschedules", "slated", "booked", "books", "arranged", "arranges", "planned", "plans", "fixed",
        "convened", "convenes", "summoned", "summons", "ordered", "orders"});
    static const WordTable<bool> breaks = word_set({"and", "but", "or", "that", "which", "who", "when", "while",
                                                    "because", "after", "before", "since", "until"});
    auto past_perfect = [&](long j) {
        return words.word(j - 1) == "had" || words.word(j - 2) == "had" || words.word(j - 1) == "previously";
    };
    if (event_nouns.contains(words.word(-2))) {
        for (long j = -2; j >= -8 && words.exists(j); --j)
            if (past_perfect(j)) return false;
        return true;
    }
    for (long j = -2; j >= -6 && words.exists(j); --j) {
        std::string_view w = words.word(j);
        if (breaks.contains(w)) return false;
        if (scheduling_verbs.contains(w)) return !past_perfect(j);
    }
    return false;
}

// "has promised a vote before Thanksgiving", "have called for the review to be published before
// Christmas": a time after "before" in a clause whose verb promises or demands what comes before it
// (word -1 is "before"; no clause break between) bounds something still to happen, whatever the tense
// of the promise.
bool promised_before(const Words& words) {
    static const WordTable<bool> promise_verbs = word_set({
        "promised", "promises", "promise", "pledged", "pledges", "pledge", "vowed", "vows", "vow", "demanded",
        "demands", "demand", "urged", "urges", "urge", "wants", "want", "wanted"});
    static const WordTable<bool> breaks = word_set({"and", "but", "or", "that", "which", "who", "when", "while",
                                                    "because", "after", "since", "until", "had"});
    for (long j = -2; j >= -8 && words.exists(j); --j) {
        std::string_view w = words.word(j);
        if (breaks.contains(w)) return false;
        if (promise_verbs.contains(w)) return true;
        if ((w == "called" || w == "calls" || w == "call" || w == "asked" || w == "asks") && words.word(j + 1) == "for")
            return true;
    }
    return false;
}

// The lowercase day words ("Talks Monday, vote Tuesday").
bool weekday_word(std::string_view w) {
    static const WordTable<bool> s = word_set({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                               "sunday", "today", "tomorrow", "tonight"});
    return s.contains(w);
}

// The words of t[b, e) in lowercase (letters, ' and -), at most `max` (more, or a byte that is no
// word byte nor a space: false).
bool segment_words(std::string_view t, std::size_t b, std::size_t e, std::size_t max,
                   std::vector<std::string>& out) {
    out.clear();
    for (std::size_t k = b; k < e;) {
        if (!is_word_char(t[k])) {
            if (t[k] != ' ' && t[k] != '\t' && t[k] != '\n') return false;  // digits, quotes: no list item
            ++k;
            continue;
        }
        std::size_t a = k;
        while (k < e && is_word_char(t[k])) ++k;
        if (out.size() == max) return false;
        out.emplace_back(t.substr(a, k - a));
        for (char& c : out.back()) c = ascii::to_lower(c);
    }
    return true;
}

// "Talks Monday, vote Tuesday", "Arrivals Sunday; opening session Monday": the time ends a verbless
// item of one to three words, set off by a list separator (, ; :) or the sentence's edge, and a
// neighbouring item has the same shape with a day word at its end.
bool schedule_item(std::string_view t, std::size_t sb, std::size_t se, std::size_t begin, std::size_t end) {
    auto is_sep = [](char c) { return c == ',' || c == ';' || c == ':'; };
    auto verbless = [](const std::vector<std::string>& ws) {
        for (const auto& w : ws)
            if (word_tense(w) != Tense::Unknown || is_form_of_be(w) || is_modal(w) || w == "to" || w == "would" ||
                w == "and" || w == "or")
                return false;
        return !ws.empty();
    };
    std::vector<std::string> ws;
    // (an item is a few words: the scans stop after kItem bytes, linear on a sentence of megabytes)
    constexpr std::size_t kItem = 80;
    std::size_t a = begin;
    while (a > sb && !is_sep(t[a - 1])) {
        if (begin - a > kItem) return false;
        --a;
    }
    if (!segment_words(t, a, begin, 3, ws) || !verbless(ws)) return false;
    std::size_t z = std::min(end, se);
    while (z < se && (t[z] == ' ' || t[z] == '\t')) ++z;
    const bool at_end = z >= se || t[z] == '.' || t[z] == '\n';
    if (!at_end && !is_sep(t[z])) return false;
    // A neighbouring item: "<1-3 words> <day word>" between separators.
    auto item_ending_in_day = [&](std::size_t b, std::size_t e) {
        if (!segment_words(t, b, e, 4, ws) || ws.size() < 2 || !weekday_word(ws.back())) return false;
        ws.pop_back();
        return verbless(ws);
    };
    if (!at_end) {  // the next item
        std::size_t b = z + 1, e = b;
        while (e < se && e - b <= kItem && !is_sep(t[e]) && t[e] != '.') ++e;
        if (item_ending_in_day(b, e)) return true;
    }
    if (a > sb) {  // the item before
        std::size_t e = a - 1, b = e;
        while (b > sb && e - b <= kItem && !is_sep(t[b - 1])) --b;
        if (item_ending_in_day(b, e)) return true;
    }
    return false;
}

Tense clause_tense(std::string_view t, std::size_t sb, std::size_t se, std::size_t begin, std::size_t end,
                   TenseScratch::Impl& impl, bool ahead) {
    end = std::min(end, se);  // a mention may run past a sentence break ("this\nMay")
    // A possessive names a known event of that day ("Friday's close", "Wednesday's ruling"): news
    // speaks so of days that have passed (unless the clause's event comes ahead of it).
    if (!ahead && possessive_after(t.substr(0, se), end))
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
    if (we > ws && impl.sentence_has_backquote(t, sb, se) && std::memchr(t.data() + ws, '`', we - ws)) {
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

    Words words(t, ws, we, begin, end, sb, se, opener, impl.runs);

    // "since March": the start of a state that lasts until now is behind it, whatever verb is nearest
    // ("has been on patrol since March and was scheduled to return").
    if (words.word(-1) == "since") return Tense::Past;
    // The words of the time itself after its first (word 0): cues after it count from its end.
    long shift = 0;
    for (Word w1{}; words.at(shift + 1, w1) && w1.in_timex;) ++shift;
    // A deadline given for doing something, "had until the summer to finish", "were given until Friday
    // to respond", "has until March 1 to file": the time limits an act still ahead when the limit was
    // set, whatever the tense of "have" / "give".
    if (const auto w1 = words.word(-1); w1 == "until" || w1 == "till") {
        static const WordTable<bool> have_give = word_set(
            {"had", "have", "has", "having", "given", "give", "gives", "giving", "got", "get", "gets", "'ve"});
        if (have_give.contains(words.word(-2))) {
            if (words.word(shift + 1) == "to" && !words.word(shift + 2).empty()) return Tense::Future;
        }
    }

    // The tense word r signals in its context, if any; `reporting` for "said", "told", ...
    bool present = false;
    auto cue = [&](long r, bool& reporting) -> Tense {
        Word word{};
        words.at(r, word);
        const Word* wd = &word;
        if (wd->in_timex) return Tense::Unknown;  // words of the timex itself ("last", "next") are not verb cues
        std::string_view w = wd->w;
        if (w.size() >= 24) return Tense::Unknown;
        // "a new pact effective June 1", "a cut effective Monday": the day a change takes effect,
        // announced ahead of it.
        // ("became effective Jan. 1", "was effective Monday" keep the tense of their verb)
        if (r == -1 && w == "effective") {
            auto before = words.word(r - 1);
            if (word_tense(before) != Tense::Past && !is_form_of_be(before) && before != "become" &&
                before != "becomes")
                return Tense::Future;
        }
        Tense tw = Tense::Unknown;
        std::string_view prev = words.word(r - 1);
        // Most words are no cue (every rule below starts from a word that may_cue() or follows has/have).
        if (prev != "has" && prev != "have" && prev != "'ve") {
            if (!words.may_cue_at(word, r)) return Tense::Unknown;
        }
        Word after{};
        bool verb_follows = words.at(r + 1, after) && !after.in_timex;
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
        // "forecast" after "it", "he", "she" is the past tense (their present is "forecasts"), as after
        // has/have/had: "the 3% it forecast in July", "had forecast in May".
        if (w == "forecast" && (prev == "it" || prev == "he" || prev == "she" || prev == "has" || prev == "have" ||
                                prev == "had"))
            tw = Tense::Past;
        // "reported" after a determiner is an adjective ("the reported sale"), else the verb.
        if (tw == Tense::Past && w == "reported") {
            static const WordTable<bool> det = word_set({"the", "a", "an", "its", "his", "her", "their", "our",
                                                         "this", "that", "these", "those", "no", "any", "some"});
            if (det.contains(prev)) tw = Tense::Unknown;
        }
        // "would" alone is no future, but "would be traveling Thursday" is an arrangement ahead of the report.
        if (w == "would" && words.word(r + 1) == "be") {
            auto v = words.word(r + 2);
            if (v.size() > 4 && v.substr(v.size() - 3) == "ing") tw = Tense::Future;
        }
        // ... and so is "would" + a verb in a reported clause, a few words before the time: "said he
        // would meet the union on Friday", "said Tuesday that talks would resume Monday" (the future of
        // the report; not "would have"), or its coordinated verb some words on ("said the storm would
        // weaken over the next day but remain a hurricane through Thursday"): a nearer cue wins anyway.
        if (w == "would" && tw == Tense::Unknown && r >= -14 && r < 0) {
            long v = r + 1;
            if (words.word(v) == "not" || words.word(v) == "also" || words.word(v) == "then") ++v;
            auto vw = words.word(v);
            // (a passive: "said a memorial would be held in the fall", "would be released Friday")
            bool passive = false;
            if (vw == "be") {
                auto pw = words.word(v + 1);
                passive = is_past_participle(pw) || word_tense(pw) == Tense::Past ||
                          (pw.size() > 3 && pw.substr(pw.size() - 2) == "ed");
            }
            if (passive || (!vw.empty() && vw != "have" && vw != "be" && vw != "'ve" && word_tense(vw) != Tense::Past)) {
                // (verbs that report a statement or a commitment about what comes next)
                static const WordTable<bool> reporting_verbs = word_set(
                    {"said", "told", "announced", "added", "says", "reported", "stated", "confirmed", "warned",
                     "promised", "pledged", "vowed", "threatened", "predicted", "insisted", "indicated", "signaled",
                     "signalled", "agreed", "decided"});
                for (long j = r - 1; j >= r - 12 && words.exists(j); --j) {
                    if (reporting_verbs.contains(words.word(j))) {
                        tw = Tense::Future;
                        break;
                    }
                }
            }
        }
        // A modal before the time's verb group (up to ten words before the time) puts the verb ahead of
        // the report: "The deal could close Friday", "the board may vote Monday on the plan", "should
        // report earnings Thursday", "may vote on the new plan as early as Friday evening". Not
        // "may have voted Monday" (a past guess), nor "could" + "be"/"not" ("could not be reached for
        // comment Friday", "could be located Wednesday": what happened when the reporter called), nor a
        // modal of another clause ("must be returned to his father, and set Friday as the deadline").
        if (tw == Tense::Unknown && r < 0 && r >= -10 && !wd->capital && is_modal(w)) {
            long v = r + 1;
            std::string_view vw = words.word(v);
            const bool negated = vw == "not" || vw == "n't";
            if (negated || vw == "also" || vw == "still" || vw == "soon" || vw == "then") vw = words.word(++v);
            bool future = v < 0 && !vw.empty() && vw != "have" && vw != "'ve" && word_tense(vw) != Tense::Past &&
                          !(w == "could" && (negated || vw == "be"));
            for (long j = v + 1; future && j < 0; ++j) {
                std::string_view x = words.word(j);
                future = x != "and" && x != "but" && x != "or" && x != "that" && x != "who" && x != "which";
            }
            Word last{};
            if (future && words.at(-1, last))  // no clause break between the modal and the time
                for (std::size_t i = wd->e; future && i < last.e; ++i) future = t[i] != ',' && t[i] != ';';
            if (future) tw = Tense::Future;
        }
        // A modal right after the time, before its verb, puts that verb ahead as well: "Hospitals that
        // fail to submit a plan by Dec. 31 could lose their licenses", "A deal by Friday would lift
        // stocks" (not "could not", "could be", "may have").
        if (tw == Tense::Unknown && r > 0 && r == shift + 1 && !wd->capital && (is_modal(w) || w == "would")) {
            std::string_view vw = words.word(r + 1);
            if (!vw.empty() && vw != "have" && vw != "'ve" && vw != "not" && vw != "n't" && vw != "be" &&
                word_tense(vw) != Tense::Past)
                tw = Tense::Future;
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
        // An object after them is the thing planned, ahead of the plan: "protesters planned a march on
        // Saturday", "plans a news conference Monday".
        if ((w == "plans" || w == "planned") && words.word(r + 1) != "to") {
            static const WordTable<bool> object_start =
                word_set({"a", "an", "the", "their", "its", "his", "her", "our", "another", "more", "two", "three"});
            Word next{};
            bool object = words.at(r + 1, next) && object_start.contains(next.w) && !schedule_verb_blocked_after(prev);
            for (std::size_t i = wd->e; object && i < next.b; ++i) object = t[i] == ' ';  // no clause break between
            tw = object ? Tense::Future : Tense::Unknown;
        }
        // A form of "be" that carries a plan ("were planning to drive", "was expected to arrive", "is due
        // to open") looks ahead as the plan does.
        if ((tw == Tense::Past || tw == Tense::Present) && is_form_of_be(w) && intent_before_to(words.word(r + 1)) &&
            words.word(r + 2) == "to")
            tw = Tense::Future;
        // A schedule verb is one only where it can be a present-simple verb (see schedule_verb_blocked_after).
        if (tw == Tense::Future && is_schedule_verb(w) && (wd->capital || schedule_verb_blocked_after(prev)))
            tw = Tense::Unknown;
        if (tw == Tense::Future && plural_noun_too(w) && !subject_before_verb(prev)) {
            Word p{};
            if (!(words.at(r - 1, p) && p.capital)) tw = Tense::Unknown;
        }
        // A passive participle ("is being traded", "will be held", "is going to start getting beat up")
        // or a participle as the complement of a linking verb ("will remain closed through Friday",
        // "stayed shut") has no tense of its own: the verb before it has it.
        if (tw == Tense::Past && (is_form_of_be(prev) || prev == "get" || prev == "gets" || prev == "getting" ||
                                  prev == "got" || prev == "gotten" || prev == "remain" || prev == "remains" ||
                                  prev == "remaining" || prev == "stay" || prev == "stays" || prev == "staying"))
            tw = Tense::Unknown;
        // A plan told in the past perfect or as a former one: "had been scheduled", "as previously planned".
        if (tw == Tense::Future && (prev == "had" || prev == "previously" || (prev == "been" && words.word(r - 2) == "had")))
            tw = Tense::Past;
        if (w.size() > 3 && w.substr(w.size() - 3) == "'ll") tw = Tense::Future;
        // A past form in a condition under "would" is a hypothetical ahead of the telling: "the talks
        // would collapse if no deal was reached by the weekend", "would resign unless the bill passed
        // by March". (Without "would" the condition is a past one: "asked if the deal was reached by
        // Friday".)
        if (tw == Tense::Past && r < 0) {
            for (long j = r - 1; j >= r - 8 && words.exists(j); --j) {
                std::string_view x = words.word(j);
                if (x != "if" && x != "unless") continue;
                for (long k = j - 1; k >= j - 12 && words.exists(k); --k)
                    if (words.word(k) == "would" || words.word(k) == "'d") {
                        tw = Tense::Future;
                        break;
                    }
                break;
            }
        }
        // A present copula right before the time, or before "on" + the time, names the date of what the
        // subject is, an arrangement ahead of the report: "The vote is on Monday", "The deadline is
        // Friday", "Elections are on Sunday". (Not a predicate between: "is open on Monday", a state.)
        if (tw == Tense::Present && (w == "is" || w == "are") &&
            (r == -1 || (r == -2 && words.word(-1) == "on")))
            tw = Tense::Future;
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
    // The words between a reporting verb at r < 0 and the timex are an object or a place phrase
    // ("told reporters on", "said in Geneva", "told AP on"): no word that starts a clause or a verb group.
    auto reporting_adjacent = [&](long r) {
        for (long j = r + 1; j < 0; ++j) {
            std::string_view w = words.word(j);
            if (w.empty() || w == "that" || w == "he" || w == "she" || w == "it" || w == "they" || w == "we" ||
                w == "i" || w == "you" || word_tense(w) != Tense::Unknown || w == "would" || w == "to")
                return false;
        }
        return true;
    };
    // A time inside a relative clause set off by commas ("Samsung, which reports results on Friday, rose
    // 1 percent"): the verb after the closing comma is the main clause's, not the time's.
    bool in_relative_clause = false;
    // So is a past participle phrase set off so ("The ceasefire, agreed on 3 March, is due to expire").
    for (long j = -1; j >= -10 && words.exists(j); --j) {
        Word wj{};
        const bool relative = words.spelled(j, "which") || words.spelled(j, "who");  // (no lowercase copy)
        const bool participle = !relative && j >= -4 && word_tense(words.word(j)) == Tense::Past;
        if (!relative && !participle) continue;
        if (!words.at(j, wj) || wj.in_timex) continue;
        std::size_t k = wj.b;
        while (k > sb && t[k - 1] == ' ') --k;
        in_relative_clause = k > sb && t[k - 1] == ',';
        if (participle && !in_relative_clause) continue;
        for (std::size_t i = wj.e; in_relative_clause && i < begin; ++i)
            in_relative_clause = t[i] != ',';  // not closed before the time ("X, which is big, rose Friday")
        break;
    }
    auto after_clause_end = [&](long r) {
        Word wr{};
        if (!in_relative_clause || r <= 0 || !words.at(r, wr)) return false;
        for (std::size_t i = end; i < wr.b; ++i)
            if (t[i] == ',') return true;
        return false;
    };
    // "called a meeting for Friday", "set the vote for Tuesday", "scheduled sentencing for January 18":
    // a time introduced by "for" after a verb of scheduling or a noun of an arranged event is the date
    // of an arrangement, ahead of the report whatever the tense of the arranging verb; unless a past
    // perfect after it puts the arrangement in the past ("a meeting scheduled for March 1 had been
    // postponed").
    if (words.word(-1) == "before" && promised_before(words)) return Tense::Future;
    if (words.word(-1) == "for" && arranged_for(words)) {
        bool had_after = false;
        for (long j = shift + 1; j <= shift + 3; ++j) had_after = had_after || words.word(j) == "had";
        if (!had_after) return Tense::Future;
    }
    Tense best = Tense::Unknown;
    std::size_t best_dist = std::size_t(-1);
    long best_r = 0;
    // A verb right after "and" / "but" right after the time is a coordinated clause's ("would stay high
    // over the weekend and warned that ..."), not the time's.
    const std::string_view after_time = words.word(shift + 1);
    const long coordinated_verb = after_time == "and" || after_time == "but" ? shift + 2 : 0;
    auto consider = [&](long r) {
        if (after_clause_end(r)) return;
        if (r == coordinated_verb) return;
        bool reporting = false;
        Tense tw = cue(r, reporting);
        if (tw == Tense::Unknown) return;
        // (after the time, counted from its last word: "scheduled for the 1st of March had been
        // postponed" reads "had" as near as in "scheduled for March 1 had been postponed")
        std::size_t d = std::size_t(r < 0 ? -r : r > shift ? r - shift : r);
        // ("told reporters on Tuesday", "said in Geneva Friday": an object or place between is still
        // next to it; a clause is not)
        const std::size_t raw = std::size_t(r < 0 ? -r : r);  // (a reporting verb is next to the time's first word)
        if (reporting && raw > 2 && !(r < 0 && d <= 4 && reporting_adjacent(r))) d += 1000;
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
            const std::size_t dd = long(delta) > shift ? delta - std::size_t(shift) : 0;
            if (dd + dd / 2 > best_dist || !words.exists(long(delta))) right = false;
            else if (words.opens_other_clause(long(delta))) right = false;
            // "said in a note on Wednesday that they expected ...": a that-clause right after the time
            // is what the verb before it reports; its verbs are not the time's.
            else if (long(delta) == shift + 1 && words.word(long(delta)) == "that") right = false;
            else if (!words.no_cue(long(delta))) consider(long(delta));
        }
        if (left && delta > 0) {
            if (delta > best_dist || !words.exists(-long(delta))) left = false;
            else if (!words.no_cue(-long(delta))) consider(-long(delta));
        }
    }
    if (best != Tense::Unknown) return best;
    if (present) return Tense::Present;
    // No verb at all: an item of a schedule list is ahead ("Talks Monday, vote Tuesday"); a headline's
    // bare time keeps the past default ("Obama signs bill Tuesday" tells what happened).
    if (schedule_item(t, sb, se, begin, end)) return Tense::Future;
    return Tense::Unknown;
}
}  // namespace

}  // namespace dateline::resolve
