// See recognizer.hpp. Cost is linear in the input: one pass to find tokens, the grammar runs
// only at trigger tokens (and at prefix words a few tokens before a trigger), and each grammar
// run reads a bounded window.
#include "recognizer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <optional>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../../grammars/en/grammar.hpp"
#include "../../grammars/en/lexicon.hpp"
#include "core/unicode_space.hpp"

namespace dateline::recognize {
namespace {

using grammar::Expr;
using grammar::lex::WordClass;

constexpr std::size_t kWindow = 160;       // the grammar never looks further than this
constexpr std::size_t kPrefixReach = 5;    // a prefix word may start a match this many tokens before a trigger

constexpr bool is_alnum(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

#if !defined(__SSE2__)
// Byte classes of the token scan without SSE2: 0 other, 1 letter, 2 digit.
constexpr auto kClass = [] {
    std::array<unsigned char, 256> a{};
    for (int c = 0; c < 256; ++c)
        a[std::size_t(c)] = is_digit(static_cast<unsigned char>(c)) ? 2 : is_alnum(static_cast<unsigned char>(c)) ? 1 : 0;
    return a;
}();
#endif

// The token scan reads the text in blocks of 64 bytes, each turned once into two bit masks (bit k:
// byte k of the block is an ASCII letter or digit; is a digit). Where runs of letters/digits begin
// and end then follows with a few bit operations per block, and the scan visits only those places,
// not every byte (same answers as a byte loop over kClass).
struct BlockMasks {
    std::uint64_t alnum = 0, digit = 0, apostrophe = 0;
};
inline BlockMasks block_masks(const unsigned char* u, std::size_t n, std::size_t base) {
    const unsigned char* p = u + base;
    unsigned char tail[64];
    if (n - base < 64) {  // the last block: zeros (no letters) after the text
        std::memset(tail, 0, sizeof tail);
        std::memcpy(tail, p, n - base);
        p = tail;
    }
    BlockMasks m;
#if defined(__SSE2__)
    for (unsigned k = 0; k < 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
        const __m128i dv = _mm_sub_epi8(v, _mm_set1_epi8('0'));
        const __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(dv, _mm_set1_epi8(9)), dv);  // unsigned d <= 9
        const __m128i l = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
        const __m128i is_letter = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(25)), l);  // (c | 0x20) in a..z
        m.digit |= std::uint64_t(unsigned(_mm_movemask_epi8(is_digit))) << (16 * k);
        m.alnum |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_or_si128(is_digit, is_letter)))) << (16 * k);
        m.apostrophe |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\''))))) << (16 * k);
    }
#else
    for (unsigned k = 0; k < 64; ++k) {
        m.alnum |= std::uint64_t(kClass[p[k]] != 0) << k;
        m.digit |= std::uint64_t(kClass[p[k]] == 2) << k;
        m.apostrophe |= std::uint64_t(p[k] == '\'') << k;
    }
#endif
    return m;
}

constexpr std::size_t kMaxWord = 24;  // longer letter runs are no trigger or prefix word

struct Token {
    std::uint32_t begin, end;
    std::uint32_t ordinal;       // among all tokens of the text
    std::uint32_t next_trigger;  // ordinal of the next trigger token at or after this one, or -1
    WordClass cls;
};

bool is_capitalized(std::string_view t, std::size_t b) { return std::isupper(static_cast<unsigned char>(t[b])); }

// Whether the line holding offset b is a title-case headline: at least four words, every word of
// four letters or more capitalized ("5 Things To Watch On Wall Street Next Week"), none ending a
// sentence. Bounded: a line of more than 200 bytes is no headline.
bool title_case_line(std::string_view t, std::size_t b) {
    std::size_t lb = b, le = b;
    while (lb > 0 && t[lb - 1] != '\n' && b - lb < 200) --lb;
    while (le < t.size() && t[le] != '\n' && le - b < 200) ++le;
    if ((lb > 0 && t[lb - 1] != '\n') || (le < t.size() && t[le] != '\n')) return false;
    std::size_t words = 0;
    for (std::size_t i = lb; i < le;) {
        while (i < le && !std::isalnum(static_cast<unsigned char>(t[i]))) ++i;
        std::size_t j = i;
        while (j < le && (std::isalnum(static_cast<unsigned char>(t[j])) || t[j] == '\'' || t[j] == '-')) ++j;
        if (j == i) break;
        ++words;
        if (j - i >= 4 && std::isalpha(static_cast<unsigned char>(t[i])) && !is_capitalized(t, i)) return false;
        if (j < le && (t[j] == '.' || t[j] == '!') && j + 1 < le) return false;
        i = j;
    }
    return words >= 4;
}

// The word before offset b (ASCII letters), or empty.
std::string_view previous_word(std::string_view t, std::size_t b) {
    std::size_t e = b;
    while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t')) --e;
    std::size_t s = e;
    while (s > 0 && (is_alnum(static_cast<unsigned char>(t[s - 1])) || t[s - 1] == '.' || t[s - 1] == '\'')) --s;
    return t.substr(s, e - s);
}

// True when the UTF-8 character that ends just before offset b is punctuation or a space rather
// than a letter: General Punctuation U+2000-U+206F (“ ” ‘ ’ – — … and the typographic spaces),
// Latin-1 punctuation U+00A0-U+00BF (no-break space, « », ¿) and CJK punctuation U+3000-U+303F.
bool after_multibyte_punctuation(std::string_view t, std::size_t b) {
    auto u = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
    if (b >= 3 && u(b - 3) == 0xE2 && (u(b - 2) == 0x80 || u(b - 2) == 0x81)) return true;
    if (b >= 3 && u(b - 3) == 0xE3 && u(b - 2) == 0x80) return true;
    if (b >= 2 && u(b - 2) == 0xC2 && u(b - 1) >= 0xA0 && u(b - 1) <= 0xBF) return true;
    return false;
}

// The word after offset e (ASCII letters, after spaces), or empty.
std::string_view next_word(std::string_view t, std::size_t e) {
    std::size_t k = e;
    while (k < t.size() && (t[k] == ' ' || t[k] == '\t')) ++k;
    std::size_t w = k;
    while (w < t.size() && std::isalpha(static_cast<unsigned char>(t[w]))) ++w;
    return t.substr(k, w - k);
}

bool only_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(static_cast<unsigned char>(c)); });
}

bool lower_eq(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
    return true;
}

// A match starting at b is glued to something before it that makes it no time: money, other
// numbers (650-650-6500, 1/2/3/4, 3.1998, 3,000), #1998, @2024. Depends on b only, so the
// recognizer tests it before running the grammar there.
bool glued_start(std::string_view t, std::size_t b) {
    if (b == 0) return false;
    char p = t[b - 1];
    if (p == '$' || p == '#' || p == '@' || p == '/' || p == '\\' || p == '+' || p == '=' || p == '&') return true;
    if (b >= 2 && (p == '-' || p == '.' || p == ',' || p == ':') && is_digit(static_cast<unsigned char>(t[b - 2])))
        return true;
    if (b >= 2 && static_cast<unsigned char>(p) == 0xA3) return true;  // £ (UTF-8 C2 A3)
    if (b >= 3 && static_cast<unsigned char>(t[b - 3]) == 0xE2 && static_cast<unsigned char>(p) == 0xAC) return true;  // €
    return false;
}

// "2002-2010", "2019-20", "1999-00", "fiscal 2024-25": a year, a hyphen or en dash, and a later year
// (four digits, or two in the same or the next century), within 30 years, then no more digits. Returns
// the second year's [begin, end) and value, if the text at e (the end of the first year) holds one.
struct YearRangeEnd {
    std::size_t begin, end;
    int year;
};
std::optional<YearRangeEnd> year_range_end(std::string_view t, std::size_t e, int first) {
    std::size_t j = e;
    if (j < t.size() && t[j] == '-') ++j;
    else if (t.substr(j, 3) == "\xE2\x80\x93") j += 3;
    else return std::nullopt;
    std::size_t d = j;
    while (d < t.size() && is_digit(static_cast<unsigned char>(t[d]))) ++d;
    if (d - j != 2 && d - j != 4) return std::nullopt;
    if (d < t.size() && (is_alnum(static_cast<unsigned char>(t[d])) || t[d] == '-' || t[d] == '/' ||
                         ((t[d] == '.' || t[d] == ',') && d + 1 < t.size() && is_digit(static_cast<unsigned char>(t[d + 1])))))
        return std::nullopt;
    int v = 0;
    for (std::size_t k = j; k < d; ++k) v = v * 10 + (t[k] - '0');
    if (d - j == 2) {
        v += first / 100 * 100;
        if (v <= first) v += 100;
    }
    if (v <= first || v > first + 30) return std::nullopt;
    return YearRangeEnd{j, d, v};
}

// "scored in the fourth quarter", "trailed by 12 points in the second half", "beat the Giants 24-17
// ... in the first half": a period of a game, not of the calendar. True when the sentence of [b, e)
// or the one before it reads as a game story: one word only games use (scored, touchdown, inning,
// halftime, ...) or two of the words games share with other news (points, game, win, beat, coach, a
// score such as 24-17, ...) and no word of a business story (percent, shares, earnings, ...). A
// reporting period keeps its sense among financial words ("gained 30 points in the fourth quarter").
// The game and business words of t[from, to): how many game-only words, distinct shared game words
// (a score such as 24-17 counts as one each time), distinct finance words.
struct GameWords {
    int only = 0, shared = 0, finance = 0;
    int score_lines = 0;  // of them, scores
};
GameWords count_game_words(std::string_view t, std::size_t from, std::size_t to);

// The number of the recognize() call under way on this thread (game_context's shared answers hold within it).
thread_local std::uint64_t recognize_generation = 0;

bool game_context(std::string_view t, std::size_t b, std::size_t e) {
    constexpr std::size_t kBack = 400, kAhead = 300;
    // From the start of the sentence before this one (two sentence ends back) to the end of this one.
    std::size_t from = b > kBack ? b - kBack : 0, ends = 0;
    for (std::size_t k = b; k > from; --k) {
        const char c = t[k - 1];
        if ((c == '.' || c == '!' || c == '?' || c == '\n') && (k == t.size() || t[k] == ' ' || t[k] == '\n') &&
            ++ends == 2) {
            from = k;
            break;
        }
    }
    std::size_t to = std::min(t.size(), e + kAhead);
    for (std::size_t k = e; k < to; ++k)
        if ((t[k] == '.' || t[k] == '!' || t[k] == '?' || t[k] == '\n') && (k + 1 == t.size() || t[k + 1] == ' ' || t[k + 1] == '\n')) {
            to = k;
            break;
        }
    const GameWords near = count_game_words(t, from, to);
    if (near.only > 0 || (near.shared >= 2 && near.finance == 0)) return true;
    if (near.finance > 0) return false;
    // A game story whose game words are farther off ("Smith scored twice as the Lions beat the Bears 3-1"
    // in the lead, "The Bears pressed in the second half" paragraphs on): the story around it, a few
    // kilobytes, holds several game words and fewer business ones. (Only quarter and half words without a
    // year get here: a cold path.)
    // Mentions within 1 KB of the one asked about last in the same text share its answer: a text of
    // nothing but "the second half" reads each byte a few times, not 5,000.
    constexpr std::size_t kWideBack = 4000, kWideAhead = 1000, kShare = 1024;
    // (The share holds within one recognize() call only: each call starts a new generation, so no answer
    // outlives the text it was computed on, and a call's output does not depend on the calls before it.)
    struct Last {
        std::uint64_t generation = 0;
        std::size_t b = 0;
        bool game = false;
    };
    thread_local Last last;
    if (last.generation == recognize_generation && b >= last.b && b - last.b < kShare) return last.game;
    const GameWords wide =
        count_game_words(t, b > kWideBack ? b - kWideBack : 0, std::min(t.size(), e + kWideAhead));
    // (Words games share with politics, "won", "beat", "victory", tell only with a score line.)
    bool game = false;
    if (wide.only >= 2 || (wide.only >= 1 && wide.shared >= 2)) game = wide.finance < wide.only + wide.shared;
    else game = wide.score_lines >= 1 && wide.shared >= 3 && wide.finance == 0;
    last.generation = recognize_generation;
    last.b = b;
    last.game = game;
    return game;
}

GameWords count_game_words(std::string_view t, std::size_t from, std::size_t to) {
    static constexpr std::string_view game_only[] = {
        "scored", "scoring", "touchdown", "touchdowns", "quarterback", "quarterbacks", "inning", "innings",
        "halftime", "homer", "homers", "rebounds", "interception", "interceptions", "puck", "pitcher",
        "goalkeeper", "striker", "playoff", "playoffs", "fumble", "fumbled", "outscored", "outscoring"};
    static constexpr std::string_view game_shared[] = {
        "points", "game", "games", "match", "coach", "win", "won", "beat", "trailed", "trailing", "victory",
        "rallied", "rallying", "league", "fans", "tied", "teammates", "goal", "goals", "overtime", "yards",
        "defeat", "defeated", "scores", "threw"};
    // Words of a business story: among them the shared words are no game words ("the game maker's shares
    // rose 30 points in the fourth quarter"); only a game-only word tells.
    static constexpr std::string_view finance[] = {
        "percent", "shares", "stock", "stocks", "profit", "profits", "revenue", "revenues", "earnings", "sales",
        "analysts", "fiscal", "billion", "million", "company", "quarterly", "investors", "dividend", "index"};
    // Most words are in no list: a word is compared with them only when some listed word has its
    // length and first letter (a bit per letter, by length).
    static const auto listed = [] {
        std::array<std::uint32_t, 16> m{};
        auto add = [&](std::string_view w) { m[w.size()] |= 1u << (w[0] - 'a'); };
        for (auto w : game_only) add(w);
        for (auto w : game_shared) add(w);
        for (auto w : finance) add(w);
        return m;
    }();
    GameWords n;
    bool finance_seen[std::size(finance)] = {};
    bool shared_seen[std::size(game_shared)] = {};
    int& shared = n.shared;
    std::string_view prev;
    for (std::size_t k = from; k < to;) {
        const auto c = static_cast<unsigned char>(t[k]);
        if (is_digit(c)) {
            // a score: 24-17, 3-1 (not "$3-4", "1998-99", "3-4%")
            std::size_t a = k;
            while (k < to && is_digit(static_cast<unsigned char>(t[k]))) ++k;
            const bool money = a > 0 && (t[a - 1] == '$' || t[a - 1] == '.' || t[a - 1] == ',');
            if (!money && k - a <= 3 && k + 1 < to && t[k] == '-' && is_digit(static_cast<unsigned char>(t[k + 1]))) {
                std::size_t z = k + 1;
                while (z < to && is_digit(static_cast<unsigned char>(t[z]))) ++z;
                const bool tail = z < t.size() && (is_alnum(static_cast<unsigned char>(t[z])) || t[z] == '%' ||
                                                   t[z] == '-' ||
                                                   (t[z] == '.' && z + 1 < t.size() &&
                                                    is_digit(static_cast<unsigned char>(t[z + 1]))));
                if (z - k - 1 <= 3 && !tail) {
                    ++shared;
                    ++n.score_lines;
                }
                k = z;
            }
            prev = {};
            continue;
        }
        if (!is_alpha(c)) {
            if (c == '$' || c == '%') {
                if (!finance_seen[0]) ++n.finance;
                finance_seen[0] = true;  // (as "percent")
            }
            ++k;
            continue;
        }
        std::size_t a = k;
        while (k < to && is_alpha(static_cast<unsigned char>(t[k]))) ++k;
        std::string_view w = t.substr(a, k - a);
        if (k < to && t[k] == '-') prev = {};  // "game-changing", "win-win": a compound
        else if (w.size() >= listed.size() || !(listed[w.size()] & (1u << ((w[0] | 0x20) - 'a')))) prev = w;
        else {
            for (auto g : game_only)
                if (lower_eq(w, g)) ++n.only;
            for (std::size_t i = 0; i < std::size(game_shared); ++i)
                if (!shared_seen[i] && lower_eq(w, game_shared[i]) &&
                    !(game_shared[i] == "points" && (lower_eq(prev, "percentage") || lower_eq(prev, "basis"))) &&
                    !(game_shared[i] == "scores" && lower_eq(next_word(t, k), "of"))) {  // "scores of people"
                    shared_seen[i] = true;
                    ++shared;
                }
            for (std::size_t i = 0; i < std::size(finance); ++i)
                if (!finance_seen[i] && lower_eq(w, finance[i])) {
                    finance_seen[i] = true;
                    ++n.finance;
                }
            prev = w;
        }
    }
    return n;
}

// Negative rules: matches that look temporal but are not (money, phone numbers, names, verbs).
// A start glued to what precedes it (glued_start) never gets here.
bool plausible(std::string_view t, std::size_t b, std::size_t e, const grammar::Match& m) {
    const Expr& x = m.expr;
    // X3's pre-skip of a failed optional part leaves spaces at the end of a match: "Easter ".
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n')) --e;
    std::string_view span = t.substr(b, e - b);
    if (e < t.size()) {
        char n = t[e];
        if (n == '%' || n == '/' || n == '@') return false;
        // The first part of a compound: "quarter-to-quarter", "year-over-year", "day-to-day".
        if (n == '-' && e + 1 < t.size() && std::islower(static_cast<unsigned char>(t[e + 1]))) return false;
        // (but "Oct. 12-14" is a range of days of that month: coordinated_days tags the second day)
        bool day_range = false;
        if (n == '-' && x.shape == grammar::Shape::Calendar && x.month > 0 && x.day > 0 && x.year == 0 && x.hour < 0) {
            std::size_t k = e + 1, v = 0;
            while (k < t.size() && k < e + 3 && is_digit(static_cast<unsigned char>(t[k]))) v = v * 10 + std::size_t(t[k++] - '0');
            day_range = k > e + 1 && (k == t.size() || !is_alnum(static_cast<unsigned char>(t[k]))) &&
                        v > std::size_t(x.day) && v <= 31;
            // ("Oct. 12-14, 1988": day_range_years gives the year after the range to both days)
        }
        // (nor is "2002-2010", "2019-20": a range of years; year_ranges tags the second)
        if (n == '-' && x.shape == grammar::Shape::Calendar && x.year > 0 && !x.two_digit_year && x.month == 0 &&
            x.day == 0 && x.quarter == 0 && x.half == 0 && x.season == grammar::Season::None && x.rel == grammar::Rel::None &&
            year_range_end(t, e, x.year))
            day_range = true;
        if (!day_range && (n == '-' || n == '.' || n == ':' || n == ',') && e + 1 < t.size() &&
            is_digit(static_cast<unsigned char>(t[e + 1])) && only_digits(span.substr(span.size() - 1)))
            return false;
    }
    std::string_view rule = m.rule;
    bool numeric_year = rule == "year" && only_digits(span);
    if (numeric_year || rule == "n-units" || rule == "offset") {
        // "1998 percent" (a counted noun after the number: see the year checks below).
        std::size_t k = e;
        while (k < t.size() && t[k] == ' ') ++k;
        if (t.substr(k, 7) == "percent") return false;
    }
    if (numeric_year) {
        // "Boeing 737" is 3 digits and never a year; "No. 1998", "flight 1998", "route 2024" are not years.
        auto pw = previous_word(t, b);
        if (lower_eq(pw, "no.") || lower_eq(pw, "flight") || lower_eq(pw, "route") || lower_eq(pw, "number") ||
            lower_eq(pw, "room") || lower_eq(pw, "page") || lower_eq(pw, "highway") || lower_eq(pw, "interstate"))
            return false;
        static constexpr std::string_view labels[] = {"pin", "code", "zip", "suite", "apartment", "box",
                                                      "model", "version", "channel", "gate", "platform", "bus"};
        for (auto l : labels)
            if (lower_eq(pw, l)) return false;
        // A quantity with a unit of measure: "2024 km", "1998 kg", "2000 miles".
        static constexpr std::string_view measures[] = {
            "km", "kg", "kilometers", "kilometres", "kilograms", "miles", "meters", "metres", "feet", "ft", "lbs",
            "pounds", "tons", "tonnes", "acres", "hectares", "barrels", "dollars", "euros", "yen", "mph", "calories"};
        auto nw = next_word(t, e);
        for (auto u : measures)
            if (lower_eq(nw, u)) return false;
        // A count of people or things: "about 2000 people", "rose by 1987 jobs", "1990 contracts". (A
        // year before a noun is common, "the 1988 budget", "1990 models": only nouns that are counted.)
        static constexpr std::string_view counted[] = {
            "people", "persons", "workers", "jobs", "contracts", "shares", "points", "votes", "troops", "soldiers",
            "employees", "students", "homes", "copies", "members", "residents", "deaths", "passengers",
            "seats", "delegates", "prisoners", "refugees", "visitors", "customers", "demonstrators", "protesters"};
        // ("In 1989 shares rose": after a preposition of time it stays a year.)
        static constexpr std::string_view time_preps[] = {"in", "since", "until", "till", "during", "through",
                                                          "before", "after", "from", "by", "to"};
        bool after_time_prep = false;
        for (auto p : time_preps) after_time_prep |= lower_eq(pw, p);
        if (!after_time_prep && !nw.empty() && std::islower(static_cast<unsigned char>(nw[0])))
            for (auto u : counted)
                if (lower_eq(nw, u)) return false;
        // A street number: "at 1600 Pennsylvania Ave.", "on 2010 Main Street": one to three capitalized
        // words, then a street word ("In 2010 Wall Street rallied" stays a year: only after a place
        // preposition).
        static constexpr std::string_view place_preps[] = {"at", "on", "near", "along", "to", "from", "of"};
        bool after_place_prep = false;
        for (auto p : place_preps) after_place_prep |= lower_eq(pw, p);
        if (after_place_prep || pw.empty()) {
            static constexpr std::string_view streets[] = {
                "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "dr", "lane", "ln",
                "way", "place", "pl", "plaza", "court", "ct", "parkway", "pkwy", "highway", "hwy", "square",
                "terrace", "circle", "broadway"};
            std::size_t k = e;
            for (int words = 0; words < 4; ++words) {
                auto w = next_word(t, k);
                if (w.empty() || !is_capitalized(w, 0)) break;
                if (words > 0 || lower_eq(w, "broadway"))
                    for (auto st : streets)
                        if (lower_eq(w, st)) return false;
                k = std::size_t(w.data() + w.size() - t.data());
            }
        }
    }
    if ((rule == "quarter" || rule == "half-year") && x.year == 0 && x.rel == grammar::Rel::None && !x.fiscal &&
        game_context(t, b, e))
        return false;  // "scored in the fourth quarter": a period of the game
    if (rule == "n-units" && (x.unit == grammar::Unit::Quarter || x.unit == grammar::Unit::Half)) {
        // A fraction, not a period: "three quarters of the members" (but "a quarter of an hour" is not this rule).
        if (lower_eq(next_word(t, e), "of")) return false;
    }
    {
        // A capitalized word of a name: "Easter Island", "the Daily Mail", "March Madness", "21st Century Fox",
        // "the 1st Battalion", "Jan Kowalski": the match ends in a capitalized word and a capitalized word
        // follows. Bare months after a temporal preposition stay ("In March Congress passed ...").
        bool bare_month = rule == "month" && x.mod == grammar::Mod::None;
        if (bare_month || rule == "holiday" || rule == "frequency-adverb" || rule == "season" || rule == "century" ||
            rule == "ordinal-day") {
            std::size_t lw = span.find_last_of(' ');
            lw = lw == std::string_view::npos ? b : b + lw + 1;
            auto nw = next_word(t, e);
            bool last_capitalized = is_capitalized(t, lw) || rule == "ordinal-day";  // "the 1st Battalion"
            if (last_capitalized && !nw.empty() && std::isupper(static_cast<unsigned char>(nw[0])) &&
                (e >= t.size() || t[e] == ' ')) {
                auto pw = previous_word(t, b);
                bool after_preposition = bare_month && (lower_eq(pw, "in") || lower_eq(pw, "since") ||
                                                        lower_eq(pw, "until") || lower_eq(pw, "by") ||
                                                        lower_eq(pw, "during") || lower_eq(pw, "of"));
                if (!after_preposition) return false;
            }
        }
    }
    if (rule == "weekday" && x.rel == grammar::Rel::None) {
        // The weekday of a holiday's name ("Good Friday Agreement", "Easter Sunday Mass", "Black Friday
        // ads"): the name was turned away as a name or a kind of thing, and the weekday alone is no
        // day of its own.
        auto pw = previous_word(t, b);
        if (!pw.empty() && std::isupper(static_cast<unsigned char>(pw[0]))) {
            const char* first = pw.data();
            const char* last = t.data() + e;
            int index = 0;
            namespace x3 = boost::spirit::x3;
            if (x3::parse(first, last, x3::no_case[grammar::lex::holiday_names()], index) && first == last) return false;
        }
    }
    if ((rule == "holiday" || rule == "that-holiday") && x.year == 0) {
        // A holiday naming a kind of thing, not a day: "a Christmas market", "the Christmas tree",
        // "Easter eggs", "Thanksgiving dinner", "Christmas shopping". (An event it dates stays: "the
        // Christmas attack", "the Easter holidays".)
        static constexpr std::string_view things[] = {
            "market", "markets", "tree", "trees", "card", "cards", "gift", "gifts", "present", "presents",
            "dinner", "dinners", "lunch", "meal", "party", "parties", "decorations", "decoration", "lights",
            "carol", "carols", "song", "songs", "music", "movie", "movies", "film", "films", "special", "specials",
            "sale", "sales", "bonus", "bonuses", "shopping", "shoppers", "message", "address", "speech",
            "service", "services", "mass", "parade", "parades", "egg", "eggs", "bunny", "turkey", "display",
            "displays", "story", "stories", "spirit", "cheer", "ornament", "ornaments", "stocking", "stockings",
            "cookie", "cookies", "menu", "edition", "album", "sweater", "sweaters", "jumper", "pageant", "bazaar",
            "fair", "lunch", "feast", "pudding", "cake", "ham", "rabbit", "lily", "lilies", "bonnet", "tradition",
            "traditions", "toy", "toys", "retail", "retailers", "spending", "catalog", "catalogue", "wish",
            "wishes", "greetings", "stamp", "stamps", "candy", "costume", "costumes", "fireworks", "ad", "ads"};
        // (Not a holiday named by a weekday, "Black Friday sales", "Good Friday services", "Easter Sunday
        // Mass": without it the weekday alone would be tagged, a wrong day.)
        std::size_t lw = e;  // the last word of the name as written ("Easter Sunday" is "easter" in the lexicon)
        while (lw > b && t[lw - 1] != ' ') --lw;
        const char* first = t.data() + lw;
        const char* last = t.data() + e;
        int wd = 0;
        namespace x3 = boost::spirit::x3;
        const bool weekday_name =
            x3::parse(first, last, x3::no_case[grammar::lex::weekday_names()], wd) && first == last;
        auto nw = next_word(t, e);
        if (!weekday_name && !nw.empty() && std::islower(static_cast<unsigned char>(nw[0])) &&
            (e >= t.size() || t[e] == ' '))
            for (auto w : things)
                if (lower_eq(nw, w)) return false;
    }
    if (rule == "past-ref" || rule == "future-ref" || rule == "present-ref") {
        // "as recently as last year", "as early as ... ", "as soon as": a comparison around the time
        // that follows, not a time of its own.
        if (lower_eq(previous_word(t, b), "as") && lower_eq(next_word(t, e), "as")) return false;
    }
    if (rule == "apostrophe-year") {
        // "in '98", "the class of '08", "since ’08": only after a preposition (a quoted number is no year)
        static constexpr std::string_view preps[] = {"in", "since", "of", "by", "until", "from", "before",
                                                     "after", "during", "to", "through", "and", "early",
                                                     "late", "mid"};
        bool ok = false;
        for (auto w : preps) ok = ok || lower_eq(previous_word(t, b), w);
        if (!ok) return false;
    }
    if (rule == "that-month" || rule == "that-season" || rule == "that-holiday") {
        // "said that May would be busy": a complementizer before a subject named May (or a month as
        // subject), not "that May" of the narrative; a verb group right after the month tells.
        static constexpr std::string_view clause_verbs[] = {"would", "will", "is", "was", "has", "had", "could",
                                                            "can", "should", "might", "must", "may", "does",
                                                            "did", "were", "are", "'s"};
        // (A capital "That" opens its sentence: the demonstrative, "That Christmas was quiet".)
        auto nw = next_word(t, e);
        for (auto w : clause_verbs)
            if (t[b] != 'T' && lower_eq(nw, w)) return false;
        // ... and so is "that" after a verb or word that takes a that-clause ("said that summer jobs
        // are scarce", "so that Christmas shoppers ..."): the demonstrative follows a preposition or
        // opens its clause ("That summer, she married", "in that spring").
        static constexpr std::string_view clause_takers[] = {
            "said", "says", "say", "saying", "told", "tell", "tells", "think", "thinks", "thought", "believe",
            "believes", "believed", "know", "knows", "knew", "noted", "notes", "noting", "added", "adds", "adding",
            "announced", "warned", "warns", "reported", "argued", "argues", "showed", "shows", "found", "finds",
            "suggest", "suggests", "suggested", "hope", "hopes", "hoped", "expect", "expects", "expected", "fear",
            "fears", "feared", "realized", "agreed", "insisted", "claimed", "stated", "explained", "confirmed",
            "predicted", "predicts", "ensure", "ensured", "so", "such", "now", "means", "meant", "mean", "given",
            "assume", "assumed", "estimated", "estimates", "is", "was", "are", "were"};
        auto pw = previous_word(t, b);
        for (auto w : clause_takers)
            if (lower_eq(pw, w)) return false;
    }
    if (rule == "day-edge" && x.weekday == 0 && x.shape != grammar::Shape::Deictic &&
        lower_eq(previous_word(t, b), "at")) {
        // "At the end of the day, voters want jobs", "but at the end of the day it is his call": the idiom
        // (in the end), said before its clause: sentence-initially, after a conjunction, set off by commas
        // ("The answer, at the end of the day, is ..."), or after a verb of saying with a comma after it
        // ("He said at the end of the day, ..."). After another verb it is a time, comma or not: "talks
        // broke off at the end of the day." / "Talks broke off at the end of the day, officials said."
        std::size_t k = e, p = b;
        while (k < t.size() && t[k] == ' ') ++k;
        while (p > 0 && t[p - 1] == ' ') --p;
        p -= std::min<std::size_t>(p, 2);  // before "at"
        while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '"' || t[p - 1] == '\'')) --p;
        const bool comma_after = k < t.size() && t[k] == ',';
        const bool opens_sentence = p == 0 || t[p - 1] == '\n' || t[p - 1] == '.' || t[p - 1] == '?' ||
                                    t[p - 1] == '!' || t[p - 1] == ':' || t[p - 1] == ';' ||
                                    (t[p - 1] == ',' && comma_after);
        static constexpr std::string_view saying[] = {"said", "says", "say", "think", "thinks", "believe",
                                                      "believes", "argued", "argues", "added"};
        bool after_saying = false;
        for (auto w : saying) after_saying = after_saying || (comma_after && lower_eq(previous_word(t, p), w));
        const bool after_conjunction = lower_eq(previous_word(t, p), "but") || lower_eq(previous_word(t, p), "and") ||
                                       lower_eq(previous_word(t, p), "yet") || lower_eq(previous_word(t, p), "because") ||
                                       lower_eq(previous_word(t, p), "that");
        if (opens_sentence || after_conjunction || after_saying) return false;
    }
    if (rule == "the-unit-alone") {
        // "at the end of the day," when the day-edge rule gave it up: nor is its "the day" a time.
        std::size_t p = b;
        while (p > 0 && t[p - 1] == ' ') --p;
        if (lower_eq(previous_word(t, p), "of")) {
            p -= std::min<std::size_t>(p, 2);
            while (p > 0 && t[p - 1] == ' ') --p;
            auto w = previous_word(t, p);
            if (lower_eq(w, "end") || lower_eq(w, "close")) return false;
        }
    }
    if (rule == "overnight") {
        // The adverb ("struck overnight", "Overnight, rebels ..."), not the adjective ("an overnight
        // success", "overnight rates"): no word after it but a function word.
        auto nw = next_word(t, e);
        if (!nw.empty() && std::islower(static_cast<unsigned char>(nw[0])) && (e >= t.size() || t[e] == ' ')) {
            static constexpr std::string_view function_words[] = {
                "in", "on", "at", "and", "but", "or", "to", "from", "as", "when", "while", "after", "before", "the",
                "a", "an", "into", "near", "across", "with", "amid", "despite", "by", "for", "he", "she", "it",
                "they", "we", "i", "you", "there", "local", "until", "through", "killing", "leaving"};
            bool ok = false;
            for (auto w : function_words) ok = ok || lower_eq(nw, w);
            if (!ok) return false;
        }
    }
    if (rule == "season" && x.year == 0 && x.mod == grammar::Mod::None && span.find(' ') == std::string_view::npos) {
        // A bare season word is a time only after a preposition: "in summer", not "a summer dress",
        // "spring water", "they fall behind".
        auto pw = previous_word(t, b);
        static constexpr std::string_view preps[] = {"in", "by", "until", "till", "since", "during", "through",
                                                     "throughout", "over", "before", "after", "for", "from", "of",
                                                     "last", "next", "this", "that", "each", "every"};
        bool ok = false;
        for (auto p : preps) ok |= lower_eq(pw, p);
        if (!ok) return false;
    }
    if (rule == "month" && x.mod == grammar::Mod::None) {
        // Bare month words that are also common words: "may", "march", abbreviations without a period.
        // Lowercase month names are words ("the august institution", "a march"); edited text
        // capitalizes months.
        bool cap = is_capitalized(t, b);
        if (!cap) return false;
        if (x.month == 5 || x.month == 3) {
            // "Theresa May", "Ms. May": a capitalized name before it; "May I": a verb use after.
            auto pw = previous_word(t, b);
            if (!pw.empty() && std::isupper(static_cast<unsigned char>(pw[0]))) {
                std::size_t k = b;
                while (k > 0 && t[k - 1] == ' ') --k;
                bool sentence_start = k == 0 || t[k - 1] == '\n';
                if (!sentence_start && !lower_eq(pw, "in") && !lower_eq(pw, "on") && !lower_eq(pw, "since") &&
                    !lower_eq(pw, "until") && !lower_eq(pw, "by") && !lower_eq(pw, "last") && !lower_eq(pw, "next") &&
                    !lower_eq(pw, "this") && !lower_eq(pw, "early") && !lower_eq(pw, "late") && !lower_eq(pw, "the"))
                    return false;
            }
            std::size_t k = e;
            while (k < t.size() && t[k] == ' ') ++k;
            std::size_t w = k;
            while (w < t.size() && std::isalpha(static_cast<unsigned char>(t[w]))) ++w;
            auto next = t.substr(k, w - k);
            static constexpr std::string_view verbs_after[] = {"i", "we", "you", "he", "she", "it", "they", "be",
                                                               "have", "not", "also", "well", "on", "through"};
            // ("March through May", "May through July": a range of months, not the verb)
            auto after_next = next_word(t, w);
            static constexpr std::string_view months[] = {"January", "February", "March",     "April",   "May",
                                                          "June",    "July",     "August",    "September",
                                                          "October", "November", "December"};
            bool month_range = false;
            for (auto mn : months) month_range = month_range || after_next == mn;
            for (auto v : verbs_after)
                if (lower_eq(next, v) && !(month_range && lower_eq(next, "through"))) return false;
        }
    }
    if (rule == "this-last-next-unit" || rule == "n-units") {
        // A title: "ABC's This Week", CBS's "60 Minutes": the unit word capitalized, as in a name.
        std::size_t lw = span.find_last_of(' ');
        // (an all-caps headline, "THREE WEEKS", is no title; nor is a title-case headline, "5 Things To
        // Watch On Wall Street Next Week", where every word is capitalized)
        if (lw != std::string_view::npos && lw + 2 < span.size() && is_capitalized(t, b + lw + 1) &&
            std::islower(static_cast<unsigned char>(span[lw + 2])) && !title_case_line(t, b))
            return false;
    }
    if (rule == "deictic-day") {
        // "today's youth", "in today's world", "the people of tomorrow": the present (future) age, not a day.
        std::string_view base = span;
        bool poss = false;
        if (base.size() > 2 && base.substr(base.size() - 2) == "'s") base.remove_suffix(2), poss = true;
        else if (base.size() > 4 && base.substr(base.size() - 4) == "\xE2\x80\x99s") base.remove_suffix(4), poss = true;
        if (lower_eq(base, "today") || lower_eq(base, "tomorrow")) {
            static constexpr std::string_view generic[] = {"world", "youth", "society", "generation", "children",
                                                           "kids", "youngsters", "economy", "technology", "computers",
                                                           "standards", "consumers", "workers", "families", "culture"};
            if (poss) {
                // the noun, or the noun after one adjective ("today's personal computers")
                auto nw = next_word(t, e);
                std::size_t k = e;
                while (k < t.size() && t[k] == ' ') ++k;
                auto nw2 = next_word(t, k + nw.size());
                bool adjective = !nw.empty() && std::islower(static_cast<unsigned char>(nw[0]));
                for (auto g : generic)
                    if (lower_eq(nw, g) || (adjective && lower_eq(nw2, g))) return false;
            } else if (lower_eq(previous_word(t, b), "of")) {
                std::size_t p = b;
                while (p > 0 && t[p - 1] == ' ') --p;
                auto of_before = previous_word(t, p - 2);  // the word before "of"
                static constexpr std::string_view day_parts[] = {"as", "end", "morning", "afternoon", "evening",
                                                                 "night", "edition", "editions", "issue"};
                bool day = of_before.empty() || !std::islower(static_cast<unsigned char>(of_before[0]));
                for (auto d : day_parts) day |= lower_eq(of_before, d);
                if (!day) return false;
            }
        }
    }
    if (rule == "ordinal-day") {
        // "the 25th anniversary", "the 19th floor", "the third time": an ordinal of something else.
        static constexpr std::string_view counted[] = {
            "anniversary", "birthday", "amendment", "floor", "round", "place", "time", "times", "straight",
            "consecutive", "annual", "edition", "session", "congress", "district", "precinct", "division",
            "grade", "street", "avenue", "century", "season", "year", "inning", "hole", "lap", "stage",
            "game", "race", "term", "generation", "percentile", "largest", "biggest", "highest", "lowest",
            // a count within a match, a race or a ranking ("in the 23rd minute", "the 12th seed")
            "minute", "hour", "week", "day", "month", "mile", "kilometer", "seed", "pick", "spot", "position",
            "goal", "win", "victory", "loss", "defeat", "title", "attempt", "member", "state", "country"};
        auto nw = next_word(t, e);
        for (auto w : counted)
            if (lower_eq(nw, w)) return false;
    }
    // "USA Today", "This is VOA Today.": a capitalized "Today" right after a capitalized word, inside a
    // sentence that is no title-case headline, ends a name (a paper, a programme).
    if (rule == "deictic-day" && span == "Today" && b >= 2 && t[b - 1] == ' ' && !title_case_line(t, b)) {
        auto pw = previous_word(t, b);
        if (!pw.empty() && pw.back() != '.' && is_capitalized(t, b - 1 - pw.size())) return false;
    }
    if (rule == "weekday" && span.size() <= 4 && !is_capitalized(t, b)) return false;  // "sat." "sun."
    if (rule == "frequency-adverb") {
        // "annual" only qualifies a noun ("the annual meeting", "annual sales"): no recurrence is
        // stated; "quarterly" likewise before a noun ("its quarterly dividend"), unlike "paid quarterly".
        if (lower_eq(span, "annual")) return false;
        // "the Communist Party daily Granma", "the daily Le Monde": a newspaper before its name.
        if (lower_eq(span, "daily") && e + 1 < t.size() && t[e] == ' ' && is_capitalized(t, e + 1)) return false;
        auto nw = next_word(t, e);
        if (lower_eq(span, "quarterly") && !nw.empty() && std::islower(static_cast<unsigned char>(nw[0])) &&
            e < t.size() && t[e] == ' ')
            return false;
        // "average daily volume": a statistic per day, not a recurrence.
        if (lower_eq(span, "daily") && lower_eq(previous_word(t, b), "average")) return false;
        // A rate: "rise 8.5% annually", "10,000 units annually", "$17.9 million annually": an amount
        // in the two words before the adverb.
        if (lower_eq(span, "annually") || lower_eq(span, "yearly")) {
            std::size_t k = b;
            for (int words = 0; words < 2 && k > 0; ++words) {
                while (k > 0 && t[k - 1] == ' ') --k;
                if (k > 0 && t[k - 1] == '%') return false;
                auto w = previous_word(t, k);
                if (w.empty()) break;
                if (std::any_of(w.begin(), w.end(), [](char c) { return is_digit(static_cast<unsigned char>(c)); }) ||
                    lower_eq(w, "percent") || lower_eq(w, "million") || lower_eq(w, "billion"))
                    return false;
                k -= w.size();
            }
        }
    }
    if (rule == "compound-frequency-adverb") {
        // "a biweekly newsletter", "the biennial exhibition", "its semiannual report": the adjective
        // qualifies a noun, as "the annual meeting" (TimeBank tags no recurrence there).
        static constexpr std::string_view determiners[] = {"a", "an", "the", "its", "their", "his", "her",
                                                           "our", "your", "this", "that", "each", "every"};
        auto pw = previous_word(t, b);
        for (auto d : determiners)
            if (lower_eq(pw, d)) return false;
        auto nw = next_word(t, e);
        bool adverb = span.size() > 2 && (span.substr(span.size() - 2) == "ly" || span.substr(span.size() - 2) == "LY");
        if (!adverb && !nw.empty() && std::islower(static_cast<unsigned char>(nw[0])) && e < t.size() && t[e] == ' ')
            return false;
    }
    // "soon after the vote", "soon before he died": a time relative to an event, not the future.
    if (rule == "future-ref" && lower_eq(span, "soon") &&
        (lower_eq(next_word(t, e), "after") || lower_eq(next_word(t, e), "before")))
        return false;
    if (rule == "bare-units") {
        // "for weeks", "within days", "for the first time in years"; not "the weeks before".
        auto pw = previous_word(t, b);
        // ... nor "weeks of" a noun after a verb or preposition: "ending weeks of wrangling", "after months
        // of talks" (TimeBank: "follows months of"), nor "months after" / "weeks before" an event ("learned
        // of the outbreak months after it began"); not "the early hours of", "those days of", "the weeks
        // before the shooting".
        bool amount_of = false;
        const auto nw = next_word(t, e);
        // ("seconds before the blast", "hours after": beats of a narrative more than spans)
        const bool long_unit = x.unit >= grammar::Unit::Day && x.unit != grammar::Unit::Night;
        if ((lower_eq(nw, "of") || (long_unit && (lower_eq(nw, "after") || lower_eq(nw, "before")))) && !pw.empty()) {
            static constexpr std::string_view determiners[] = {
                "the", "those", "these", "early", "first", "last", "final", "its", "their", "his", "her",
                "our", "my", "your", "of", "in", "recent", "past", "next", "coming", "few", "many", "or", "and"};
            // (not a fraction: "three quarters of the members")
            amount_of = std::islower(static_cast<unsigned char>(pw[0])) != 0 && x.unit != grammar::Unit::Quarter &&
                        x.unit != grammar::Unit::Half;
            for (auto w : determiners) amount_of = amount_of && !lower_eq(pw, w);
        }
        if (!(lower_eq(pw, "for") || lower_eq(pw, "within") || lower_eq(pw, "in") || amount_of)) return false;
        if (is_capitalized(t, b)) return false;  // a name: "Days of Our Lives", "Weeks Inc."
    }
    if (rule == "n-units") {
        // An age: "52 years old", "employees 55 years old or older".
        if (x.unit == grammar::Unit::Year && lower_eq(next_word(t, e), "old")) return false;
        // A rate: "$2 million a year", "358,000 a month", "$35 a night": "a" + unit after an amount.
        auto first = span.substr(0, span.find(' '));
        if (lower_eq(first, "a") || lower_eq(first, "an") || lower_eq(first, "per")) {
            auto pw = previous_word(t, b);
            bool amount = std::any_of(pw.begin(), pw.end(), [](char c) { return is_digit(static_cast<unsigned char>(c)); });
            static constexpr std::string_view amounts[] = {"million", "billion", "thousand", "hundred", "cents",
                                                           "dollars", "percent", "times", "once", "twice"};
            for (auto w : amounts) amount |= lower_eq(pw, w);
            if (amount) return false;
        }
    }
    if (rule == "present-ref" && span == "Now" && e < t.size() && t[e] == ',') {
        // "Now, he says, ...": a sentence-opening "Now," is a discourse marker, not the time of the clause
        // (TimeBank leaves it untagged, unlike "Now the alliance's mission is ...").
        std::size_t k = b;
        while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '"' || t[k - 1] == '`' || t[k - 1] == '\'')) --k;
        if (k == 0 || t[k - 1] == '\n' || t[k - 1] == '.' || t[k - 1] == '?' || t[k - 1] == '!') return false;
    }
    // "at this march", "last may": a month name in lower case after this/last/next is the common word.
    if (rule == "this-last-next-name" && x.month > 0) {
        std::size_t sp = span.find(' ');
        if (sp != std::string_view::npos && std::islower(static_cast<unsigned char>(span[sp + 1]))) return false;
    }
    // "High Noon", "high noon comes today": the idiom (or the film), not twelve o'clock.
    if (lower_eq(span, "noon") && lower_eq(previous_word(t, b), "high")) return false;
    if (rule == "future-ref" && lower_eq(span, "soon") && lower_eq(previous_word(t, b), "as") &&
        lower_eq(next_word(t, e), "as"))
        return false;  // "as soon as possible", "as soon as Tuesday": a conjunction
    if (rule == "future-ref" && lower_eq(span, "future") && !lower_eq(previous_word(t, b), "in"))
        return false;  // "future plans", "a future in which": an adjective or a noun without the article
    if (rule == "n-units" || rule == "n-unit-adjective") {
        // "a second" / "one second" alone are too ambiguous ("a second term").
        if (x.unit == grammar::Unit::Second && x.quantity == 1 && !is_digit(static_cast<unsigned char>(t[b])))
            return false;
        // "one day" and "a day" as a duration are common, but "one day he left" is a date; keep.
    }
    if (rule == "quarter" && x.quarter > 0) {
        // "a quarter" as a fraction never reaches here (needs an ordinal); fine.
    }
    return true;
}

// "four flights a week", "hundreds of interviews a day", "24 hours a day": "a/per <unit>" after a
// counted plural noun is a rate, which TimeML annotates as a SET.
bool rate_after_count(std::string_view t, std::size_t b, const grammar::Match& m) {
    if (std::string_view(m.rule) != "n-units" || m.expr.quantity != 1 || m.expr.vague_quantity) return false;
    auto first = t.substr(b, t.find(' ', b) == std::string_view::npos ? 0 : t.find(' ', b) - b);
    if (!(lower_eq(first, "a") || lower_eq(first, "an") || lower_eq(first, "per"))) return false;
    auto noun = previous_word(t, b);
    if (noun.size() < 3 || noun.back() != 's') return false;
    std::size_t k = b;
    while (k > 0 && t[k - 1] == ' ') --k;
    auto count = previous_word(t, k - noun.size());
    if (std::any_of(count.begin(), count.end(), [](char c) { return is_digit(static_cast<unsigned char>(c)); }))
        return true;
    static constexpr std::string_view counts[] = {
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
        "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "dozen", "of",
        "several", "few", "many"};
    for (auto c : counts)
        if (lower_eq(count, c)) return true;
    return false;
}

// "stretched over two days", "stole the money over seven years", "a buyback over three years": "over" a
// quantity of time after a verb or noun is the span something happens in (a preposition outside the
// TimeML extent), not "more than" ("lasted over a week", "for over an hour", "Just over an hour later").
bool over_means_during(std::string_view t, std::size_t b, const grammar::Match& m) {
    if (std::string_view(m.rule) != "n-units" || t.size() < b + 5 || !lower_eq(t.substr(b, 4), "over") ||
        t[b + 4] != ' ')
        return false;
    auto pw = previous_word(t, b);
    if (pw.empty() || !std::islower(static_cast<unsigned char>(pw[0]))) return false;
    static constexpr std::string_view more_than[] = {
        "for", "in", "of", "than", "just", "well", "slightly", "last", "lasts", "lasted", "lasting", "take",
        "takes", "took", "taking", "spend", "spent", "spends", "after", "within", "by", "is", "was", "were",
        "are", "be", "been", "being", "at", "to", "from", "since", "and", "or", "about", "some", "only"};
    for (auto w : more_than)
        if (lower_eq(pw, w)) return false;
    return true;
}

// "Islam will one day be the second religion": "one day" after a modal is an indefinite future
// (FUTURE_REF), not a duration.
bool someday_after_modal(std::string_view t, std::size_t b, std::size_t e, const grammar::Match& m) {
    if (std::string_view(m.rule) != "n-units" || !lower_eq(t.substr(b, e - b), "one day")) return false;
    auto pw = previous_word(t, b);
    for (auto modal : {"will", "would", "could", "might", "may", "shall", "should", "can"})
        if (lower_eq(pw, modal)) return true;
    return false;
}

// "today is the eighth day of ...", "it's the second day of ...": only a present "is" ties the day of an
// event to the DCT; elsewhere ("On the first day of the trial", "the first day of school was ...") it is
// a day of an event the text does not date.
bool nth_day_said_of_present(std::string_view t, std::size_t b) {
    auto pw = previous_word(t, b);
    return lower_eq(pw, "is") || (pw.size() > 2 && pw[pw.size() - 2] == '\'' && (pw.back() | 0x20) == 's');
}

// The offset after a leading "about", "around", "approximately", "roughly" or "some" and its spaces.
std::size_t skip_approximator(std::string_view t, std::size_t b, std::size_t e) {
    static constexpr std::string_view words[] = {"about", "around", "approximately", "roughly", "some"};
    for (auto w : words) {
        if (b + w.size() < e && lower_eq(t.substr(b, w.size()), w) && t[b + w.size()] == ' ') {
            std::size_t k = b + w.size();
            while (k < e && t[k] == ' ') ++k;
            return k;
        }
    }
    return b;
}

bool date_only(const Expr& x) {
    return x.shape == grammar::Shape::Calendar && x.hour < 0 && x.part == grammar::PartOfDay::None &&
           (x.day > 0 || x.weekday > 0 || x.holiday > 0) && x.unit == grammar::Unit::None;
}
bool deictic_day(const Expr& x) {
    return x.shape == grammar::Shape::Deictic && x.hour < 0 && x.part == grammar::PartOfDay::None && !x.tonight;
}
// this morning / last night / yesterday afternoon / tonight: a day said with a part of it
bool deictic_part(const Expr& x) {
    return x.shape == grammar::Shape::Deictic && x.hour < 0 && (x.part != grammar::PartOfDay::None || x.tonight);
}
bool time_only(const Expr& x) {
    return x.shape == grammar::Shape::Calendar && x.hour >= 0 && x.day == 0 && x.month == 0 && x.weekday == 0 &&
           x.year == 0 && x.unit == grammar::Unit::None;
}

// Only separators between two mentions: spaces, commas, dashes, "at", "on", and after a time "local
// time" ("at 3 p.m. local time on Tuesday").
bool joinable_gap(std::string_view g) {
    std::size_t i = 0;
    int words = 0;
    if (g.size() > 11 && g[0] == ' ' && lower_eq(g.substr(1, 10), "local time") &&
        !std::isalpha(static_cast<unsigned char>(g[11]))) {
        g.remove_prefix(11);
        if (g.empty()) return true;
    } else if (!g.empty() && g[0] == ' ') {
        // "5 p.m. Eastern time Friday", "3:30 p.m. ET on Jan. 22": a zone said in words or as a US
        // abbreviation the grammar does not read, between the time and its day.
        static constexpr std::string_view zones[] = {
            " eastern time", " central time", " mountain time", " pacific time", " atlantic time",
            " eastern standard time", " eastern daylight time", " pacific standard time", " pacific daylight time",
            " central standard time", " central daylight time", " ET", " PT", " CT", " MT"};
        for (auto z : zones)
            if (g.size() > z.size() && (z.size() == 3 ? g.substr(0, 3) == z : lower_eq(g.substr(0, z.size()), z)) &&
                !std::isalpha(static_cast<unsigned char>(g[z.size()]))) {
                g.remove_prefix(z.size());
                break;
            }
    }
    while (i < g.size()) {
        unsigned char c = static_cast<unsigned char>(g[i]);
        if (c == ' ' || c == ',' || c == '-' || c == '\t') {
            ++i;
        } else if (c == 0xE2 && i + 2 < g.size() && static_cast<unsigned char>(g[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(g[i + 2]) == 0x93 || static_cast<unsigned char>(g[i + 2]) == 0x94)) {
            i += 3;  // – —
        } else if (std::isalpha(c)) {
            std::size_t w = i;
            while (w < g.size() && std::isalpha(static_cast<unsigned char>(g[w]))) ++w;
            auto word = g.substr(i, w - i);
            if (!(lower_eq(word, "at") || lower_eq(word, "on"))) return false;
            ++words;
            i = w;
        } else {
            return false;
        }
    }
    return words <= 1 && g.size() <= 6;
}

void merge_date_time(std::string_view t, std::vector<Mention>& ms) {
    if (ms.size() < 2) return;
    std::size_t w = 0;
    for (std::size_t i = 0; i < ms.size(); ++i) {
        if (w > 0) {
            Mention& a = ms[w - 1];
            Mention& b = ms[i];
            bool a_date = date_only(a.expr) || deictic_day(a.expr), b_date = date_only(b.expr) || deictic_day(b.expr);
            // "10:30 this morning", "9 p.m. last night": the clock time of that part of the day
            bool b_part = deictic_part(b.expr) && time_only(a.expr);
            if (((a_date && time_only(b.expr)) || (time_only(a.expr) && (b_date || b_part))) &&
                joinable_gap(t.substr(a.end, b.begin - a.end))) {
                const Expr& d = a_date ? a.expr : b.expr;
                const Expr& tm = a_date ? b.expr : a.expr;
                Expr merged = d;
                if (b_part) {
                    merged.part = grammar::PartOfDay::None;
                    merged.tonight = false;
                }
                merged.hour = tm.hour;
                merged.minute = tm.minute;
                merged.second = tm.second;
                merged.ampm = tm.ampm;
                merged.has_zone = tm.has_zone;
                merged.zone_minutes = tm.zone_minutes;
                // "7:30 tonight", "5:15 this afternoon": a clock time in the second half of the day
                if (b_part && merged.ampm == 0 && merged.hour >= 1 && merged.hour <= 11 &&
                    (d.tonight || d.part == grammar::PartOfDay::Afternoon || d.part == grammar::PartOfDay::Evening ||
                     (d.part == grammar::PartOfDay::Night && merged.hour >= 6)))
                    merged.ampm = 2;
                a.expr = merged;
                a.end = b.end;
                a.rule = "date-time";
                continue;
            }
        }
        if (w != i) ms[w] = ms[i];  // (most mentions stay where they are: no copy onto itself)
        ++w;
    }
    ms.resize(w);
}

// "from 9 a.m. to 5 p.m. on Sunday", "10:00-11:30 a.m. Tuesday": a clock time that opens a range
// whose other end has its day takes that day (and its a.m./p.m. and zone when it has none).
void time_range_day(std::string_view t, std::vector<Mention>& ms) {
    auto range_gap = [](std::string_view g) {
        std::size_t i = 0;
        while (i < g.size() && g[i] == ' ') ++i;
        std::size_t j = g.size();
        while (j > i && g[j - 1] == ' ') --j;
        auto w = g.substr(i, j - i);
        return lower_eq(w, "to") || lower_eq(w, "until") || lower_eq(w, "till") || lower_eq(w, "and") ||
               w == "-" || w == "\xE2\x80\x93" || w == "\xE2\x80\x94";
    };
    for (std::size_t i = 0; i + 1 < ms.size(); ++i) {
        Mention& a = ms[i];
        const Mention& b = ms[i + 1];
        const Expr& bx = b.expr;
        bool b_dated_time = bx.hour >= 0 && (bx.day > 0 || bx.weekday > 0 || bx.holiday > 0 ||
                                             bx.shape == grammar::Shape::Deictic);
        if (!time_only(a.expr) || !b_dated_time || b.begin < a.end || !range_gap(t.substr(a.end, b.begin - a.end)))
            continue;
        Expr merged = bx;
        merged.hour = a.expr.hour;
        merged.minute = a.expr.minute;
        merged.second = a.expr.second;
        merged.ampm = a.expr.ampm;
        // "from 9 to 11 a.m.": the earlier hour shares the later one's half of the day
        if (merged.ampm == 0 && bx.ampm != 0 && a.expr.hour <= bx.hour) merged.ampm = bx.ampm;
        merged.has_zone = a.expr.has_zone || bx.has_zone;
        merged.zone_minutes = a.expr.has_zone ? a.expr.zone_minutes : bx.zone_minutes;
        merged.mod = a.expr.mod;
        a.expr = merged;
    }
}

// "this coming Sunday, March 8", "last Friday, Oct. 23": a weekday said with a modifier, then the
// date of that day in apposition, is one date (TimeML tags "Friday, Oct. 23" as one timex; the
// grammar reads the bare "Sunday, March 8" itself). The explicit month-day decides the value.
void weekday_apposition(std::string_view t, std::vector<Mention>& ms) {
    if (ms.size() < 2) return;
    auto comma_gap = [](std::string_view g) {
        std::size_t i = 0;
        while (i < g.size() && g[i] == ' ') ++i;
        if (i == g.size() || g[i] != ',') return false;
        for (++i; i < g.size(); ++i)
            if (g[i] != ' ') return false;
        return true;
    };
    std::size_t w = 0;
    for (std::size_t i = 0; i < ms.size(); ++i) {
        if (w > 0) {
            Mention& a = ms[w - 1];
            const Mention& b = ms[i];
            const Expr& x = a.expr;
            const Expr& y = b.expr;
            bool weekday = x.weekday > 0 && x.month == 0 && x.day == 0 && x.year == 0 && x.hour < 0 &&
                           x.part == grammar::PartOfDay::None && x.unit == grammar::Unit::None;
            bool month_day = y.shape == grammar::Shape::Calendar && y.month > 0 && y.day > 0 && y.weekday == 0 &&
                             y.hour < 0 && y.part == grammar::PartOfDay::None && y.unit == grammar::Unit::None;
            if (weekday && month_day && b.begin >= a.end && comma_gap(t.substr(a.end, b.begin - a.end))) {
                Expr merged = y;
                merged.weekday = x.weekday;
                a.expr = merged;
                a.end = b.end;
                a.rule = "weekday-apposition";
                continue;
            }
        }
        if (w != i) ms[w] = ms[i];  // (most mentions stay where they are: no copy onto itself)
        ++w;
    }
    ms.resize(w);
}

// "on Monday and Tuesday nights": a bare weekday coordinated with "<weekday> nights" (a SET) is that
// part of every such weekday too.
// "every Monday and Thursday", "each Tuesday, Thursday and Saturday": bare weekdays coordinated
// after "every/each <weekday>" recur as it does.
bool bare_weekday(const Expr& x) {
    return x.shape == grammar::Shape::Calendar && x.weekday > 0 && x.month == 0 && x.day == 0 && x.year == 0 &&
           x.hour < 0 && x.part == grammar::PartOfDay::None && x.rel == grammar::Rel::None;
}
bool coordination_gap(std::string_view g) { return g == " and " || g == " or " || g == ", " || g == ", and "; }
void coordinated_weekday_sets(std::string_view t, std::vector<Mention>& ms) {
    for (std::size_t i = 0; i + 1 < ms.size(); ++i) {
        Mention& a = ms[i];
        const Mention& b = ms[i + 1];
        const Expr& x = a.expr;
        const Expr& y = b.expr;
        if (!(y.shape == grammar::Shape::Set && y.weekday > 0 && y.part != grammar::PartOfDay::None)) continue;
        if (!bare_weekday(x)) continue;
        if (!coordination_gap(t.substr(a.end, b.begin - a.end))) continue;
        Expr set = y;
        set.weekday = x.weekday;
        a.expr = set;
        a.rule = "weekday-parts";
    }
    for (std::size_t i = 0; i + 1 < ms.size(); ++i) {
        const Mention& a = ms[i];
        Mention& b = ms[i + 1];
        if (!(a.expr.shape == grammar::Shape::Set && a.expr.weekday > 0 && std::string_view(a.rule) == "every-unit"))
            continue;
        if (!bare_weekday(b.expr) || !coordination_gap(t.substr(a.end, b.begin - a.end))) continue;
        Expr set = a.expr;
        set.weekday = b.expr.weekday;
        b.expr = set;
        b.rule = a.rule;  // the next bare weekday of the list follows it in turn
    }
}

// "from 2002-2010", "the 2019-20 season", "fiscal 1995–96": the second year of a year range is a year
// (TimeML tags the number alone, as the second day of "Oct. 12-14").
void year_ranges(std::string_view t, std::vector<Mention>& ms) {
    std::vector<Mention> added;
    for (const auto& m : ms) {
        const Expr& x = m.expr;
        if (!(x.shape == grammar::Shape::Calendar && x.year > 0 && !x.two_digit_year && x.month == 0 && x.day == 0 &&
              x.quarter == 0 && x.half == 0 && x.season == grammar::Season::None && x.rel == grammar::Rel::None &&
              x.mod == grammar::Mod::None))
            continue;
        auto r = year_range_end(t, m.end, x.year);
        if (!r) continue;
        Mention n{r->begin, r->end, Expr{}, "year-range-end"};
        n.expr.year = r->year;
        n.expr.fiscal = x.fiscal;
        added.push_back(n);
    }
    if (added.empty()) return;
    // One merge of the two ordered lists (inserting one at a time would be quadratic in a text of
    // many ranges); an added year that overlaps a mention is dropped.
    std::vector<Mention> merged;
    merged.reserve(ms.size() + added.size());
    std::size_t i = 0;
    for (auto& n : added) {
        while (i < ms.size() && ms[i].begin < n.begin) merged.push_back(std::move(ms[i++]));
        bool covered = (i < ms.size() && ms[i].begin < n.end) || (!merged.empty() && merged.back().end > n.begin);
        if (!covered) merged.push_back(std::move(n));
    }
    while (i < ms.size()) merged.push_back(std::move(ms[i++]));
    ms = std::move(merged);
}

// "between March and May", "from November to February", "June through August": the second bare month
// of a range is the first such month on or after the first one, whatever the tense says of it alone
// (it resolves against the first month, the reference time, as an anaphor).
bool bare_month(const Expr& x) {
    return x.shape == grammar::Shape::Calendar && x.month > 0 && x.day == 0 && x.year == 0 && x.weekday == 0 &&
           x.rel == grammar::Rel::None && x.hour < 0 && x.holiday == 0;
}
void month_ranges(std::string_view t, std::vector<Mention>& ms) {
    for (std::size_t i = 0; i + 1 < ms.size(); ++i) {
        Mention& a = ms[i];
        Mention& b = ms[i + 1];
        if (!bare_month(a.expr) || !bare_month(b.expr)) continue;
        auto g = t.substr(a.end, b.begin - a.end);
        auto before = previous_word(t, a.begin);
        bool ok = false;
        if (lower_eq(before, "between")) ok = g == " and ";
        else if (lower_eq(before, "from")) ok = g == " to " || g == " through " || g == " until " || g == " till " || g == "-" || g == " - ";
        // "the January-May period", "March-August": two months joined by a dash are a range
        if (!ok) ok = g == " through " || g == "-" || g == "\xE2\x80\x93";
        if (!ok) continue;
        b.expr.range_end = true;
        b.expr.anaphoric = true;
        a.expr.range_until = b.expr.month;
    }
}

// "The bank cut rates three times in 2024, in August, November and, most recently, in February": bare
// months listed right after a year (nothing but commas and list words between) are in that year.
// Days are not ("... and, most recently, on Feb. 6" may be this year's).
bool list_gap(std::string_view g) {
    std::size_t i = 0;
    while (i < g.size()) {
        const char c = g[i];
        if (c == ' ' || c == ',') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < g.size() && is_alpha(static_cast<unsigned char>(g[j]))) ++j;
        if (j == i) return false;
        const std::string_view w = g.substr(i, j - i);
        if (!(lower_eq(w, "in") || lower_eq(w, "and") || lower_eq(w, "or") || lower_eq(w, "then") ||
              lower_eq(w, "again") || lower_eq(w, "also") || lower_eq(w, "during")))
            return false;
        i = j;
    }
    return true;
}
void list_years(std::string_view t, std::vector<Mention>& ms) {
    for (std::size_t i = 0; i + 1 < ms.size(); ++i) {
        const Expr& a = ms[i].expr;
        Expr& b = ms[i + 1].expr;
        int year = 0;
        if (a.shape == grammar::Shape::Calendar && a.year > 0 && a.month == 0 && a.day == 0 && a.weekday == 0 &&
            a.quarter == 0 && a.half == 0 && a.season == grammar::Season::None && !a.fiscal && !a.range_end &&
            a.rel == grammar::Rel::None && a.hour < 0 && a.decade < 0)
            year = a.year;
        else if (a.list_year > 0)
            year = a.list_year;
        if (year == 0 || !bare_month(b) || b.range_end || b.range_until > 0) continue;
        if (ms[i + 1].begin - ms[i].end > 24 || !list_gap(t.substr(ms[i].end, ms[i + 1].begin - ms[i].end))) continue;
        b.list_year = year;
    }
}

// Live updates and blogs head each entry with its clock time: "3:30 p.m. ET: The FBI says ...",
// "10:05 - Police said ...". A clock time alone at the start of a line, followed by a colon or a dash,
// is such a heading: the time of an update on the page's day, not of the day the entry before it named.
void update_timestamps(std::string_view t, std::vector<Mention>& ms) {
    for (auto& m : ms) {
        if (!time_only(m.expr)) continue;
        std::size_t b = m.begin;
        while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\t')) --b;
        if (b > 0 && t[b - 1] != '\n') continue;
        std::size_t e = m.end;
        while (e < t.size() && t[e] == ' ') ++e;
        if (e >= t.size()) continue;
        const std::string_view rest = t.substr(e);
        const bool colon = rest[0] == ':' && (rest.size() == 1 || !(rest[1] >= '0' && rest[1] <= '9'));
        const bool dash = rest[0] == '-' || rest[0] == '|' || rest.substr(0, 3) == "\xE2\x80\x93" ||
                          rest.substr(0, 3) == "\xE2\x80\x94";
        if (colon || dash) m.expr.timestamp = true;
    }
}

// "the quarter ended Sept. 30", "the three months ending March 31", "the year that ended June 30": a
// reporting period, then the day it ends. TimeML tags the two apart; the day is marked as the end of a
// period (in a past clause, or after "ended", it lies behind the DCT however near the next one is), and
// "the quarter" learns its end day (the quarter is the one ending then, not the last one reported).
void period_ending(std::string_view t, std::vector<Mention>& ms) {
    for (std::size_t i = 0; i + 1 < ms.size(); ++i) {
        Mention& a = ms[i];
        Mention& b = ms[i + 1];
        Expr& x = a.expr;
        Expr& y = b.expr;
        if (!(y.shape == grammar::Shape::Calendar && y.month > 0 && y.day > 0 && y.hour < 0 &&
              y.rel == grammar::Rel::None))
            continue;
        bool period = (x.shape == grammar::Shape::Duration && x.unit >= grammar::Unit::Week && !x.vague_quantity) ||
                      (x.shape == grammar::Shape::Calendar && x.rel == grammar::Rel::Latest &&
                       x.unit == grammar::Unit::Quarter) ||
                      // "the second quarter ended Oct. 31" (a fiscal quarter: the day ends it, the ordinal
                      // stays as said)
                      (x.shape == grammar::Shape::Calendar && x.rel == grammar::Rel::None && x.quarter > 0 &&
                       x.year == 0);
        if (!period) continue;
        // The gap: [that | which] ended | ending | ends [on]
        std::string_view g = t.substr(a.end, b.begin - a.end);
        auto word = [&g]() {
            while (!g.empty() && g.front() == ' ') g.remove_prefix(1);
            std::size_t n = 0;
            while (n < g.size() && is_alpha(static_cast<unsigned char>(g[n]))) ++n;
            auto w = g.substr(0, n);
            g.remove_prefix(n);
            return w;
        };
        auto w = word();
        if (lower_eq(w, "that") || lower_eq(w, "which")) w = word();
        bool ended = lower_eq(w, "ended");
        if (!ended && !lower_eq(w, "ending") && !lower_eq(w, "ends")) continue;
        auto rest = g;
        if (lower_eq(word(), "on")) rest = g;
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        if (!rest.empty()) continue;
        y.period_end = true;
        y.ended = ended;
        if (x.shape == grammar::Shape::Calendar && x.rel == grammar::Rel::Latest) {
            x.ends_month = y.month;
            x.ends_day = y.day;
            x.ends_year = y.two_digit_year ? 0 : y.year;
            x.ended = ended;
        }
    }
}

// "After a flat second quarter, ...", "a strong fourth quarter": a calendar quarter after an indefinite
// article (and at most one adjective) characterizes a quarter in passing; the period a report is about
// stays the one it named before ("a year ago" after it still compares with that one).
void quarters_aside(std::string_view t, std::vector<Mention>& ms) {
    for (Mention& m : ms) {
        const Expr& x = m.expr;
        if (!(x.shape == grammar::Shape::Calendar && x.quarter > 0 && x.rel == grammar::Rel::None && x.year == 0))
            continue;
        // (the noun "quarter" only: "a third-quarter loss" is a loss of the quarter reported on)
        if (t.substr(m.begin, m.end - m.begin).find('-') != std::string_view::npos) continue;
        std::size_t k = m.begin;
        auto w = previous_word(t, k);
        for (int adjectives = 0; adjectives < 2 && !w.empty(); ++adjectives) {
            if (lower_eq(w, "a") || lower_eq(w, "an")) {
                m.expr.aside = true;
                break;
            }
            if (!std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) break;
            while (k > 0 && t[k - 1] == ' ') --k;
            k -= w.size();
            w = previous_word(t, k);
        }
    }
}

// "April 24 and 25", "March 3, 4 and 5", "Oct. 12-14": a bare day number coordinated with a
// month-day is a date of that month (TimeML tags the number alone). The number must end the list:
// "March 3, 4 people died" and "May 5 and 6 percent" are not dates.
bool unit_or_noun_follows(std::string_view t, std::size_t e) {
    auto w = next_word(t, e);
    if (w.empty()) {
        std::size_t k = e;
        while (k < t.size() && t[k] == ' ') ++k;
        return k < t.size() && (is_digit(static_cast<unsigned char>(t[k])) || t[k] == '%' || t[k] == '$');
    }
    char lower[24];
    if (w.size() >= sizeof lower) return false;
    for (std::size_t i = 0; i < w.size(); ++i) lower[i] = char(w[i] | 0x20);
    if (grammar::lex::classify(std::string_view(lower, w.size())) == WordClass::Trigger)
        return true;  // a unit, a month, a number word: "25 years"
    for (auto x : {"percent", "per", "people", "of", "times", "more", "million", "billion", "thousand", "hundred"})
        if (lower_eq(w, x)) return true;
    return false;
}

void coordinated_days(std::string_view t, std::vector<Mention>& ms) {
    std::vector<Mention> added;
    for (const auto& m : ms) {
        const Expr& x = m.expr;
        if (!(x.shape == grammar::Shape::Calendar && x.month > 0 && x.day > 0 && x.hour < 0 && x.weekday == 0))
            continue;
        // Collect "<sep> N" items after the month-day; accept them only if the list ends well.
        std::size_t k = m.end;
        struct Day { std::size_t begin, end; int day; };
        std::vector<Day> days;
        bool closed = false;
        while (days.size() < 6) {
            std::size_t j = k;
            while (j < t.size() && t[j] == ' ') ++j;
            bool conj = false;
            if (j < t.size() && (t[j] == ',' || t[j] == '-')) {
                ++j;
            } else if (j + 2 < t.size() && t.compare(j, 3, "\xE2\x80\x93") == 0) {
                j += 3;
                conj = true;
            }
            while (j < t.size() && t[j] == ' ') ++j;
            for (auto c : {"and", "or", "to", "through"}) {
                std::string_view cw(c);
                if (j + cw.size() < t.size() && lower_eq(t.substr(j, cw.size()), cw) && t[j + cw.size()] == ' ') {
                    j += cw.size();
                    while (j < t.size() && t[j] == ' ') ++j;
                    conj = true;
                    break;
                }
            }
            if (t.substr(k, j - k).find('-') != std::string_view::npos) conj = true;
            std::size_t d = j;
            while (d < t.size() && is_digit(static_cast<unsigned char>(t[d])) && d - j < 3) ++d;
            if (d == j || d - j > 2 || (d < t.size() && is_alnum(static_cast<unsigned char>(t[d])) &&
                                       !(d + 1 < t.size() && (t.compare(d, 2, "th") == 0 || t.compare(d, 2, "st") == 0 ||
                                                              t.compare(d, 2, "nd") == 0 || t.compare(d, 2, "rd") == 0))))
                break;
            int day = t[j] - '0';
            if (d - j == 2) day = day * 10 + (t[j + 1] - '0');
            if (day < 1 || day > 31) break;
            std::size_t e = d;
            while (e < t.size() && is_alpha(static_cast<unsigned char>(t[e]))) ++e;  // 25th
            if (e < t.size() && (t[e] == '.' || t[e] == ',') && e + 1 < t.size() && is_digit(static_cast<unsigned char>(t[e + 1])))
                break;  // "24, 25.5" / "3, 4,000"
            days.push_back({j, d, day});
            k = e;
            if (conj) {
                closed = !unit_or_noun_follows(t, e);
                break;
            }
        }
        if (!closed) continue;
        for (const auto& d : days) {
            Mention n{d.begin, d.end, x, "coordinated-day"};
            n.expr.day = d.day;
            added.push_back(n);
        }
    }
    if (added.empty()) return;
    ms.insert(ms.end(), added.begin(), added.end());
    std::sort(ms.begin(), ms.end(), [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
    // A number another mention already covers ("April 24 - 25 years ago") is dropped.
    std::size_t w = 0;
    for (std::size_t i = 0; i < ms.size(); ++i) {
        if (w > 0 && ms[i].begin < ms[w - 1].end) {
            if (std::string_view(ms[i].rule) == "coordinated-day") continue;
            if (std::string_view(ms[w - 1].rule) == "coordinated-day") {
                ms[w - 1] = ms[i];
                continue;
            }
        }
        if (w != i) ms[w] = ms[i];  // (most mentions stay where they are: no copy onto itself)
        ++w;
    }
    ms.resize(w);
}

// Day ranges, completed: "March 3-5, 2023" (the year after the last day is the year of all of them:
// it joins the last day's mention) and "19-20 January", "19 to 20 January" (a day number before a
// day-first date is a day of that month).
void day_range_years(std::string_view t, std::vector<Mention>& ms) {
    bool any = false;
    std::vector<Mention> before;  // days found before a day-first date, in order
    for (std::size_t i = 0; i < ms.size(); ++i) {
        Mention& m = ms[i];
        const Expr& x = m.expr;
        if (std::string_view(m.rule) == "coordinated-day" && x.year == 0 && i + 1 < ms.size()) {
            const Mention& y = ms[i + 1];
            const Expr& yx = y.expr;
            auto gap = t.substr(m.end, y.begin - m.end);
            if (yx.shape == grammar::Shape::Calendar && yx.year > 0 && !yx.two_digit_year && yx.month == 0 &&
                yx.day == 0 && yx.rel == grammar::Rel::None && (gap == ", " || gap == " ")) {
                std::size_t j = i;
                while (j > 0 && std::string_view(ms[j].rule) == "coordinated-day") {
                    ms[j].expr.year = yx.year;
                    --j;
                }
                if (ms[j].expr.year == 0 && ms[j].expr.month == x.month) ms[j].expr.year = yx.year;
                m.end = y.end;
                ms[i + 1].end = 0;  // dropped below
                any = true;
                ++i;
                continue;
            }
        }
        // "19-20 January": a day-first date (its text starts with the day) after "NN-", "NN–", "NN to"
        if (x.shape == grammar::Shape::Calendar && x.month > 0 && x.day > 0 && x.hour < 0 && x.weekday == 0 &&
            m.begin < t.size() && is_digit(static_cast<unsigned char>(t[m.begin])) &&
            (i == 0 || ms[i - 1].end <= m.begin)) {
            std::size_t k = m.begin;
            while (k > 0 && t[k - 1] == ' ') --k;
            std::size_t sep = k;
            if (k > 0 && t[k - 1] == '-') --k;
            else if (k >= 3 && t.compare(k - 3, 3, "\xE2\x80\x93") == 0) k -= 3;
            else if (k >= 2 && lower_eq(t.substr(k - 2, 2), "to") && (k < 3 || t[k - 3] == ' ')) k -= 2;
            if (k == sep) continue;
            while (k > 0 && t[k - 1] == ' ') --k;
            std::size_t d = k;
            while (d > 0 && is_digit(static_cast<unsigned char>(t[d - 1])) && k - d < 3) --d;
            if (d == k || k - d > 2 || (d > 0 && (is_alnum(static_cast<unsigned char>(t[d - 1])) || t[d - 1] == '.' ||
                                                  t[d - 1] == ',' || t[d - 1] == '$')))
                continue;
            int day = t[d] - '0';
            if (k - d == 2) day = day * 10 + (t[d + 1] - '0');
            if (day < 1 || day >= x.day) continue;
            Mention n{d, k, x, "coordinated-day"};
            n.expr.day = day;
            before.push_back(n);
        }
    }
    if (!any && before.empty()) return;
    std::vector<Mention> merged;
    merged.reserve(ms.size() + before.size());
    std::size_t b = 0;
    for (auto& m : ms) {
        if (m.end == 0) continue;
        while (b < before.size() && before[b].begin < m.begin) {
            if (merged.empty() || merged.back().end <= before[b].begin) merged.push_back(before[b]);
            ++b;
        }
        merged.push_back(std::move(m));
    }
    ms = std::move(merged);
}

// The offset of the first Unicode space other than U+0020 in t ("Jan.\u00A019", "9\u202Fp.m.": web
// text puts no-break and thin spaces inside dates; see detail::unicode_space_at), or npos.
std::size_t first_unicode_space(std::string_view t) {
    std::size_t first = std::string_view::npos;
    for (char lead : {'\xC2', '\xE2'}) {
        const char* end = t.data() + std::min(first, t.size());
        for (const char* q = t.data(); (q = static_cast<const char*>(std::memchr(q, lead, std::size_t(end - q)))); ++q)
            if (detail::unicode_space_at(t, std::size_t(q - t.data()))) {
                first = std::size_t(q - t.data());
                break;
            }
    }
    return first;
}

// t with those spaces written as as many ASCII spaces as they have bytes: the same offsets, so every
// mention found in it is a span of t.
std::string ascii_spaces(std::string_view t, std::size_t from) {
    std::string s(t);
    for (std::size_t i = from; i < s.size(); ++i)
        if (std::size_t n = detail::unicode_space_at(s, i)) {
            s.replace(i, n, n, ' ');
            i += n - 1;
        }
    return s;
}

void recognize_ascii_spaced(std::string_view t, std::vector<Mention>& out);

}  // namespace

void recognize(std::string_view t, std::vector<Mention>& out) {
    if (auto at = first_unicode_space(t); at != std::string_view::npos) {
        const std::string spaced = ascii_spaces(t, at);
        recognize_ascii_spaced(spaced, out);
        return;
    }
    recognize_ascii_spaced(t, out);
}

namespace {

void recognize_ascii_spaced(std::string_view t, std::vector<Mention>& out) {
    out.clear();
    ++recognize_generation;
    // Tokens: runs of ASCII letters/digits; an apostrophe inside a word ("o'clock", "year's") stays.
    // Only the tokens that may start a match are kept, each with its ordinal among all tokens (a
    // prefix word is tried only when a trigger follows within kPrefixReach tokens).
    thread_local std::vector<Token> toks;
    toks.clear();
    const auto* u = reinterpret_cast<const unsigned char*>(t.data());
    const std::size_t n = t.size();
    std::uint32_t ordinal = 0;
    const grammar::lex::WordHeads& heads = grammar::lex::word_heads();     // most words fail its test,
    const grammar::lex::WordShapes& shapes = grammar::lex::word_shapes();  // most others this one
    // A token [b, e) whose letters/digits hold a digit when has_digit.
    auto token = [&](std::size_t b, std::size_t e, bool has_digit) {
        const std::size_t len = e - b;
        const char* w = t.data() + b;
        // Most tokens are words without a digit that no word of the table has the length and first
        // two letters of: no class, whatever comes before them (the tests below, in short).
        if (!has_digit && !heads.may_contain(w, len)) {
            ++ordinal;
            return;
        }
        WordClass cls;
        // A token glued to a letter run from a multi-byte character ("Bárcena") is not a word start;
        // after multi-byte punctuation (“today”, —Friday, «now») it is.
        if (b > 0 && u[b - 1] >= 0x80 && !after_multibyte_punctuation(t, b)) cls = WordClass::None;
        else if (is_digit(u[b]) || (has_digit && len < kMaxWord)) cls = WordClass::Trigger;  // 1998, Q3, FY2023, H1
        else if (len >= kMaxWord || !shapes.may_contain({w, len})) cls = WordClass::None;
        else cls = grammar::lex::classify_shaped({w, len});  // folds the case itself
        if (cls != WordClass::None) toks.push_back({std::uint32_t(b), std::uint32_t(e), ordinal, 0, cls});
        ++ordinal;
    };
    // The tokens, block by block. An apostrophe between letters, with two letters after it, is
    // part of the word ("o'clock", "year's"): such apostrophes are added to the block's mask of
    // letters/digits, so that a token is a run of that mask. A run starts where a bit follows a
    // clear one and ends where a clear bit follows a set one: the k-th end of a block closes the
    // k-th start (or the run carried over from the blocks before). Each token costs a few bit
    // operations and its class; the bytes between tokens cost nothing.
    std::size_t tb = 0;           // the begin of the run carried over into this block
    bool in_run = false;          // a run goes on from the block before
    bool run_digit = false;       // that run holds a digit so far
    std::uint64_t carry = 0;      // 1 when the byte before the block is in a token
    for (std::size_t base = 0; base < n; base += 64) {
        const BlockMasks m = block_masks(u, n, base);
        std::uint64_t x = m.alnum;
        for (std::uint64_t a = m.apostrophe; a; a &= a - 1) {  // (most blocks hold none)
            const std::size_t pos = base + unsigned(__builtin_ctzll(a));
            if (pos > 0 && is_alpha(u[pos - 1]) && pos + 2 < n && is_alpha(u[pos + 1]) && is_alpha(u[pos + 2]))
                x |= std::uint64_t(1) << (pos - base);
        }
        const std::uint64_t before = (x << 1) | carry;  // bit k: byte k - 1 is in a token
        carry = x >> 63;
        std::uint64_t starts = x & ~before, ends = ~x & before;
        for (; ends; ends &= ends - 1) {
            const unsigned ke = unsigned(__builtin_ctzll(ends));
            if (in_run) {
                in_run = false;
                token(tb, base + ke, run_digit || (m.digit & ((std::uint64_t(1) << ke) - 1u)) != 0);
            } else {
                const unsigned kb = unsigned(__builtin_ctzll(starts));
                starts &= starts - 1;
                token(base + kb, base + ke, ((m.digit >> kb) & ((std::uint64_t(1) << (ke - kb)) - 1u)) != 0);
            }
        }
        if (starts) {  // the last run of the block goes on into the next one
            const unsigned kb = unsigned(__builtin_ctzll(starts));
            tb = base + kb;
            run_digit = (m.digit >> kb) != 0;
            in_run = true;
        } else if (in_run) {  // a run through the whole block
            run_digit |= m.digit != 0;
        }
    }
    if (in_run) token(tb, n, run_digit);  // a run up to the end of the text
    // The ordinal of the next trigger at or after each kept token, for prefix words.
    std::size_t triggers = 0;
    for (std::size_t k = toks.size(), next = std::uint32_t(-1); k-- > 0;) {
        if (toks[k].cls == WordClass::Trigger) next = toks[k].ordinal, ++triggers;
        toks[k].next_trigger = std::uint32_t(next);
    }
    out.reserve(triggers);  // a mention holds a trigger: the vector is seldom regrown

    std::size_t covered = 0;  // bytes before this are inside an accepted mention
    // The matches at a candidate's (at most two) starts. Only a match's `end` is read before a rule
    // fills it (a family keeps a match when it is longer than `end`), so they are made once and
    // reset by their `end`, not built (an Expr of some 30 fields) twice per candidate.
    grammar::Match at_start[2];
    for (const Token& tk : toks) {
        if (tk.begin < covered) continue;
        if (tk.cls == WordClass::Prefix &&
            (tk.next_trigger == std::uint32_t(-1) || tk.next_trigger - tk.ordinal > kPrefixReach))
            continue;
        std::size_t start = tk.begin;
        // A leading apostrophe belongs to "'90s" / "'98".
        std::size_t alt_start = start;
        if (start > 0 && t[start - 1] == '\'' && is_digit(static_cast<unsigned char>(t[start]))) alt_start = start - 1;
        else if (start >= 3 && static_cast<unsigned char>(t[start - 3]) == 0xE2 &&
                 static_cast<unsigned char>(t[start - 2]) == 0x80 && static_cast<unsigned char>(t[start - 1]) == 0x99 &&
                 is_digit(static_cast<unsigned char>(t[start])))
            alt_start = start - 3;
        if (alt_start < covered) alt_start = start;
        grammar::Match* kept = nullptr;  // the longest plausible match
        std::size_t slot = 0;
        for (std::size_t s : {alt_start, start}) {
            if (glued_start(t, s)) {
                if (alt_start == start) break;
                continue;
            }
            const char* first = t.data() + s;
            const char* last = t.data() + std::min(n, s + kWindow);
            grammar::Match& m = at_start[slot++];
            m.end = nullptr;
            if (grammar::match_at(first, last, m)) {
                std::size_t e = std::size_t(m.end - t.data());
                if (plausible(t, s, e, m)) {
                    if (kept == nullptr || m.end > kept->end) {
                        kept = &m;
                        start = s;
                    }
                }
            }
            if (alt_start == start) break;
        }
        if (kept == nullptr) continue;
        grammar::Match& best = *kept;
        std::size_t e = std::size_t(best.end - t.data());
        // TimeML extents leave out a leading approximator ("about five hours" is tagged "five hours",
        // still with mod APPROX); "more than", "nearly", "at least" stay inside.
        if (best.expr.mod == grammar::Mod::Approx) start = skip_approximator(t, start, e);
        if (best.expr.mod == grammar::Mod::MoreThan && over_means_during(t, start, best)) {
            start += 4;
            while (start < e && t[start] == ' ') ++start;
            best.expr.mod = grammar::Mod::None;
        }
        // Trim trailing spaces / a trailing possessive the grammar may have consumed.
        while (e > start && (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\t' || t[e - 1] == '\r')) --e;
        // TimeML tokenizes the possessive apart: "Friday's session" tags "Friday".
        if (e >= start + 3 && t[e - 1] == 's' && t[e - 2] == '\'') e -= 2;
        else if (e >= start + 5 && t[e - 1] == 's' && t.substr(e - 4, 3) == "\xE2\x80\x99") e -= 4;
        if (rate_after_count(t, start, best)) best.expr.shape = grammar::Shape::Set;
        if (lower_eq(previous_word(t, start), "since")) best.expr.since = true;
        if (std::string_view(best.rule) == "nth-day-of-event" && !nth_day_said_of_present(t, start))
            best.expr.event_day = true;
        if (someday_after_modal(t, start, e, best)) {
            best.expr = grammar::Expr{};
            best.expr.shape = grammar::Shape::Fuzzy;
            best.expr.fuzzy = grammar::Fuzzy::Future;
        }
        out.push_back({start, e, best.expr, best.rule});
        covered = e;
    }
    merge_date_time(t, out);
    time_range_day(t, out);
    weekday_apposition(t, out);
    coordinated_weekday_sets(t, out);
    coordinated_days(t, out);
    day_range_years(t, out);
    year_ranges(t, out);
    month_ranges(t, out);
    list_years(t, out);
    period_ending(t, out);
    quarters_aside(t, out);
    update_timestamps(t, out);
}

}  // namespace

std::vector<Mention> recognize(std::string_view text) {
    std::vector<Mention> out;
    recognize(text, out);
    return out;
}

}  // namespace dateline::recognize
