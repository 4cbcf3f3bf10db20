// Word lists and normalization tables of the English grammar.
#include "lexicon.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace dateline::grammar::lex {
namespace {

// The tables below are never destroyed (allocated once, they live as long as the process, as the
// first-set registry does): a short run of the CLI does not pay for freeing their trees at exit.
template <class T>
x3::symbols<T> table(std::initializer_list<std::pair<const char*, T>> entries) {
    x3::symbols<T> s;
    for (auto& [word, value] : entries) s.add(word, value);
    return s;
}

constexpr std::array<Holiday, 27> kHolidays{{
    {"", Holiday::Fixed},
    {"new year's day", Holiday::Fixed, 1, 1},
    {"new year's eve", Holiday::Fixed, 12, 31},
    {"christmas", Holiday::Fixed, 12, 25},
    {"christmas eve", Holiday::Fixed, 12, 24},
    {"boxing day", Holiday::Fixed, 12, 26},
    {"independence day", Holiday::Fixed, 7, 4},
    {"halloween", Holiday::Fixed, 10, 31},
    {"valentine's day", Holiday::Fixed, 2, 14},
    {"veterans day", Holiday::Fixed, 11, 11},
    {"st. patrick's day", Holiday::Fixed, 3, 17},
    {"thanksgiving", Holiday::NthWeekday, 11, 0, 4, 4},
    {"labor day", Holiday::NthWeekday, 9, 0, 1, 1},
    {"memorial day", Holiday::LastWeekday, 5, 0, 1},
    {"martin luther king day", Holiday::NthWeekday, 1, 0, 1, 3},
    {"presidents' day", Holiday::NthWeekday, 2, 0, 1, 3},
    {"mother's day", Holiday::NthWeekday, 5, 0, 7, 2},
    {"father's day", Holiday::NthWeekday, 6, 0, 7, 3},
    {"columbus day", Holiday::NthWeekday, 10, 0, 1, 2},
    {"easter", Holiday::Easter},
    {"good friday", Holiday::Easter, 0, 0, 0, 0, -2},
    {"easter monday", Holiday::Easter, 0, 0, 0, 0, 1},
    {"may day", Holiday::Fixed, 5, 1},
    {"election day", Holiday::NthWeekday, 11, 0, 1, 1, 1},  // Tuesday after the first Monday
    {"inauguration day", Holiday::Fixed, 1, 20},
    {"black friday", Holiday::NthWeekday, 11, 0, 4, 4, 1},  // the day after Thanksgiving
    {"cyber monday", Holiday::NthWeekday, 11, 0, 4, 4, 4},  // the Monday after it
}};

}  // namespace

const Holiday& holiday(int index) { return kHolidays.at(static_cast<std::size_t>(index)); }

const x3::symbols<int>& month_names() {
    static const auto& s = *new auto(table<int>({
        {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
        {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
        {"jan.", 1}, {"feb.", 2}, {"mar.", 3}, {"apr.", 4}, {"jun.", 6}, {"jul.", 7}, {"aug.", 8},
        {"sep.", 9}, {"sept.", 9}, {"oct.", 10}, {"nov.", 11}, {"dec.", 12},
        {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8},
        {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    }));
    return s;
}

const x3::symbols<int>& weekday_names() {
    static const auto& s = *new auto(table<int>({
        {"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5},
        {"saturday", 6}, {"sunday", 7},
        {"mon.", 1}, {"tue.", 2}, {"tues.", 2}, {"wed.", 3}, {"thu.", 4}, {"thur.", 4}, {"thurs.", 4},
        {"fri.", 5}, {"sat.", 6}, {"sun.", 7},
    }));
    return s;
}

const x3::symbols<int>& weekday_abbreviations() {
    static const auto& s = *new auto(table<int>({
        {"mon", 1}, {"tue", 2}, {"tues", 2}, {"wed", 3}, {"thu", 4}, {"thur", 4}, {"thurs", 4},
        {"fri", 5}, {"sat", 6}, {"sun", 7},
    }));
    return s;
}

const x3::symbols<int>& weekday_plurals() {
    static const auto& s = *new auto(table<int>({
        {"mondays", 1}, {"tuesdays", 2}, {"wednesdays", 3}, {"thursdays", 4}, {"fridays", 5},
        {"saturdays", 6}, {"sundays", 7},
    }));
    return s;
}

const x3::symbols<int>& cardinal_units() {
    static const auto& s = *new auto(table<int>({
        {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
        {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
        {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
        {"nineteen", 19},
    }));
    return s;
}

const x3::symbols<int>& cardinal_tens() {
    static const auto& s = *new auto(table<int>({
        {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60},
        {"seventy", 70}, {"eighty", 80}, {"ninety", 90},
    }));
    return s;
}

const x3::symbols<int>& ordinal_words() {
    static const auto& s = *new x3::symbols<int>([] {
        x3::symbols<int> t;
        const char* units[] = {"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                               "eighth", "ninth"};
        const char* teens[] = {"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                               "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
        for (int i = 1; i <= 9; ++i) t.add(units[i], i);
        for (int i = 0; i <= 9; ++i) t.add(teens[i], 10 + i);
        t.add("twentieth", 20);
        t.add("thirtieth", 30);
        for (int i = 1; i <= 9; ++i) {
            t.add(std::string("twenty-") + units[i], 20 + i);
            t.add(std::string("twenty ") + units[i], 20 + i);
        }
        t.add("thirty-first", 31);
        t.add("thirty first", 31);
        return t;
    }());
    return s;
}

const x3::symbols<Unit>& unit_singular() {
    static const auto& s = *new auto(table<Unit>({
        {"second", Unit::Second}, {"minute", Unit::Minute}, {"hour", Unit::Hour}, {"day", Unit::Day},
        {"night", Unit::Night}, {"weekend", Unit::Weekend}, {"week", Unit::Week}, {"month", Unit::Month},
        {"quarter", Unit::Quarter}, {"year", Unit::Year}, {"decade", Unit::Decade},
        {"century", Unit::Century}, {"millennium", Unit::Millennium}, {"fortnight", kFortnight},
    }));
    return s;
}

const x3::symbols<Unit>& unit_plural() {
    static const auto& s = *new auto(table<Unit>({
        {"seconds", Unit::Second}, {"minutes", Unit::Minute}, {"hours", Unit::Hour}, {"days", Unit::Day},
        {"nights", Unit::Night}, {"weekends", Unit::Weekend}, {"weeks", Unit::Week},
        {"months", Unit::Month}, {"quarters", Unit::Quarter}, {"years", Unit::Year},
        {"decades", Unit::Decade}, {"centuries", Unit::Century}, {"millennia", Unit::Millennium},
        {"fortnights", kFortnight}, {"secs", Unit::Second}, {"mins", Unit::Minute}, {"hrs", Unit::Hour}, {"yrs", Unit::Year},
    }));
    return s;
}

const x3::symbols<Unit>& unit_adjective() {
    static const auto& s = *new auto(table<Unit>({
        {"hourly", Unit::Hour}, {"daily", Unit::Day}, {"nightly", Unit::Night}, {"weekly", Unit::Week},
        {"monthly", Unit::Month}, {"quarterly", Unit::Quarter}, {"yearly", Unit::Year},
        {"annually", Unit::Year}, {"annual", Unit::Year},
    }));
    return s;
}

const x3::symbols<Season>& season_names() {
    static const auto& s = *new auto(table<Season>({
        {"spring", Season::Spring}, {"summer", Season::Summer}, {"fall", Season::Fall},
        {"autumn", Season::Fall}, {"winter", Season::Winter},
    }));
    return s;
}

const x3::symbols<PartOfDay>& part_of_day() {
    static const auto& s = *new auto(table<PartOfDay>({
        {"morning", PartOfDay::Morning}, {"afternoon", PartOfDay::Afternoon},
        {"evening", PartOfDay::Evening}, {"night", PartOfDay::Night}, {"overnight", PartOfDay::Night},
    }));
    return s;
}

const x3::symbols<int>& holiday_names() {
    static const auto& s = *new x3::symbols<int>([] {
        x3::symbols<int> t;
        for (std::size_t i = 1; i < kHolidays.size(); ++i) t.add(std::string(kHolidays[i].name), int(i));
        // Spelling variants.
        t.add("christmas day", 3);
        t.add("new year's", 1);
        t.add("new year", 1);
        t.add("thanksgiving day", 11);
        t.add("fourth of july", 6);
        t.add("the fourth of july", 6);
        t.add("valentines day", 8);
        t.add("veterans' day", 9);
        t.add("mlk day", 14);
        t.add("presidents day", 15);
        t.add("easter sunday", 19);
        t.add("labour day", 12);
        return t;
    }());
    return s;
}

const x3::symbols<int>& zone_names() {
    static const auto& s = *new auto(table<int>({
        {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360},
        {"pst", -480}, {"pdt", -420}, {"gmt", 0}, {"utc", 0}, {"bst", 60}, {"cet", 60}, {"cest", 120},
    }));
    return s;
}

const x3::symbols<int>& decade_words() {
    static const auto& s = *new auto(table<int>({
        {"twenties", 2}, {"thirties", 3}, {"forties", 4}, {"fifties", 5}, {"sixties", 6},
        {"seventies", 7}, {"eighties", 8}, {"nineties", 9},
    }));
    return s;
}

const x3::symbols<Mod>& approx_words() {
    static const auto& s = *new auto(table<Mod>({
        {"about", Mod::Approx}, {"around", Mod::Approx}, {"roughly", Mod::Approx},
        {"approximately", Mod::Approx}, {"some", Mod::Approx}, {"nearly", Mod::LessThan},
        {"almost", Mod::LessThan}, {"less than", Mod::LessThan}, {"under", Mod::LessThan},
        {"fewer than", Mod::LessThan}, {"more than", Mod::MoreThan}, {"over", Mod::MoreThan},
        {"at least", Mod::EqualOrMore}, {"at most", Mod::EqualOrLess}, {"no more than", Mod::EqualOrLess},
        {"up to", Mod::EqualOrLess}, {"just over", Mod::MoreThan}, {"just under", Mod::LessThan},
    }));
    return s;
}

namespace {

// The scanner looks up every word of the text: a flat open-addressing table keyed by the word's
// bytes themselves. A word of at most 16 bytes is two 64-bit integers (zero-padded, its ASCII capitals
// folded eight bytes at a time), hashed with two multiplies and compared in two compares, so a probe
// costs a few dozen instructions (std::unordered_map with std::hash<string_view> cost ~7% of
// recognition; an FNV-1a byte loop about three times this). No word of the table is longer.
class WordTable {
public:
    explicit WordTable(const std::unordered_map<std::string_view, WordClass>& words) {
        std::size_t cap = 64;
        while (cap < words.size() * 4) cap *= 2;
        slots_.resize(cap);
        mask_ = cap - 1;
        for (auto& [w, c] : words) {
            if (w.empty() || w.size() > kMaxLength) throw std::logic_error("scanner word of more than 16 bytes");
            Key k = key(w);
            std::size_t i = hash(k) & mask_;
            while (slots_[i].len != 0) i = (i + 1) & mask_;
            slots_[i] = {k.lo, k.hi, std::uint8_t(w.size()), c};
            shapes_.add(w);
            heads_.add(w);
        }
    }
    // False when no word of the table has this length, first two and last bytes (most words of a
    // text); the shape ignores case.
    bool may_contain(std::string_view w) const noexcept { return shapes_.may_contain(w); }
    const WordShapes& shapes() const noexcept { return shapes_; }
    const WordHeads& heads() const noexcept { return heads_; }
    // `w` in any case: ASCII letters are folded (the table holds lowercase words).
    WordClass find(std::string_view w) const noexcept {
        if (w.empty() || w.size() > kMaxLength) return WordClass::None;
        const Key k = key(w);
        for (std::size_t i = hash(k) & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.lo == k.lo && s.hi == k.hi && s.len == w.size()) return s.cls;
            if (s.len == 0) return WordClass::None;
        }
    }

private:
    static constexpr std::size_t kMaxLength = 16;
    struct Key {
        std::uint64_t lo = 0, hi = 0;
    };
    struct Slot {
        std::uint64_t lo = 0, hi = 0;
        std::uint8_t len = 0;  // 0: empty
        WordClass cls = WordClass::None;
    };
    // Eight bytes with their ASCII capitals made lowercase (bytes >= 0x80 and others unchanged).
    static std::uint64_t fold(std::uint64_t x) noexcept {
        constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
        const std::uint64_t seven = x & ~high;                     // each byte below 0x80: no carry out
        const std::uint64_t ge_a = seven + ones * (0x80 - 'A');    // high bit: byte >= 'A'
        const std::uint64_t gt_z = seven + ones * (0x80 - 'Z' - 1);  // high bit: byte > 'Z'
        const std::uint64_t upper = ge_a & ~gt_z & ~x & high;      // 'A'..'Z' (and not >= 0x80)
        return x | (upper >> 2);                                   // 0x80 >> 2 == 0x20
    }
    // The bytes of w (1 <= w.size() <= 16) as two little-endian integers, zero-padded: read with
    // loads of 8 or 4 bytes that stay inside w (two overlapping ones shifted into place).
    static Key key(std::string_view w) noexcept {
        const char* p = w.data();
        const std::size_t n = w.size();
        auto load8 = ::dateline::detail::load_u64;
        auto load4 = [](const char* q) { return std::uint64_t(::dateline::detail::load_u32(q)); };
        Key k;
        if (n >= 8) {
            k.lo = load8(p);
            if (n > 8) k.hi = load8(p + n - 8) >> (8 * (16 - n));
        } else if (n >= 4) {
            k.lo = load4(p) | ((load4(p + n - 4) >> (8 * (8 - n))) << 32);
        } else {
            k.lo = static_cast<unsigned char>(p[0]);
            if (n > 1) k.lo |= std::uint64_t(static_cast<unsigned char>(p[1])) << 8;
            if (n > 2) k.lo |= std::uint64_t(static_cast<unsigned char>(p[2])) << 16;
        }
        k.lo = fold(k.lo);
        k.hi = fold(k.hi);
        return k;
    }
    static std::uint64_t hash(const Key& k) noexcept {
        std::uint64_t h = (k.lo * 0x9E3779B97F4A7C15ull) ^ (k.hi * 0xC2B2AE3D27D4EB4Full);
        return h ^ (h >> 29);
    }
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    WordShapes shapes_;
    WordHeads heads_;
};

}  // namespace

namespace {

// The scanner's table, built on first use (out of line: classify() stays a short leaf function).
[[gnu::noinline]] const WordTable& word_table() {
    static const WordTable words([] {
        std::unordered_map<std::string_view, WordClass> m;
        auto T = [&](std::initializer_list<const char*> ws) {
            for (auto* x : ws) m[x] = WordClass::Trigger;
        };
        auto P = [&](std::initializer_list<const char*> ws) {
            for (auto* x : ws) m.try_emplace(x, WordClass::Prefix);
        };
        T({"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec"});
        T({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
           "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mondays", "tuesdays",
           "wednesdays", "thursdays", "fridays", "saturdays", "sundays"});
        T({"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights",
           "weekend", "weekends", "week", "weeks", "month", "months", "quarter", "quarters", "year",
           "years", "decade", "decades", "century", "centuries", "millennium", "millennia", "fortnight",
           "secs", "mins", "hrs", "yrs"});
        T({"hourly", "daily", "nightly", "weekly", "monthly", "quarterly", "yearly", "annually", "annual"});
        T({"biweekly", "bimonthly", "biannual", "biannually", "biennial", "biennially", "semiweekly",
           "semimonthly", "semiannual", "semiannually", "fortnightly", "biyearly"});
        T({"today", "yesterday", "tomorrow", "tonight", "now", "currently", "recently", "lately",
           "nowadays", "future", "past", "present", "noon", "midnight", "midday", "morning",
           "afternoon", "evening", "overnight", "spring", "summer", "fall", "autumn", "winter",
           "christmas", "thanksgiving", "easter", "halloween", "fiscal", "twenties", "thirties",
           "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "formerly", "soon",
           "once", "then", "period", "times", "twice", "quarter", "q1", "q2", "q3", "q4", "h1", "h2",
           "est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt", "mst", "mdt", "valentine",
           "independence", "labor", "memorial", "veterans", "presidents", "election", "inauguration",
           "boxing", "mlk", "o'clock", "ago", "later", "earlier", "hence", "beforehand", "afterwards",
           "moment", "mid", "midcentury", "season", "nineteen", "thousand", "time", "while", "term", "ages", "presently"});
        P({"the", "a", "an", "last", "next", "this", "that", "these", "those", "early", "late", "mid",
           "end", "beginning", "start", "middle", "every", "each", "per", "past", "coming", "previous",
           "following", "few", "several", "some", "many", "about", "around", "nearly", "almost",
           "over", "more", "less", "least", "most", "up", "just", "roughly", "approximately", "couple",
           "dozen", "half", "first", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
           "tenth", "new", "good", "black", "cyber", "martin", "mother's", "father's", "mother", "father", "columbus", "st", "same",
           "earlier", "later", "other", "at", "under", "within", "two", "three", "one", "four", "five",
           "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
           "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
           "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "recent", "final", "latter",
           "former", "current", "fiscal", "calendar", "election", "day", "week", "year", "month",
           "late-", "early-", "mid-", "post", "pre", "fewer", "no", "several", "numerous", "right", "bi",
           "semi"});
        return m;
    }());
    return words;
}
std::atomic<const WordTable*> the_word_table{nullptr};


const WordTable* table() noexcept {
    const WordTable* words = the_word_table.load(std::memory_order_acquire);
    if (!words) [[unlikely]] {
        words = &word_table();
        the_word_table.store(words, std::memory_order_release);
    }
    return words;
}

}  // namespace

const WordShapes& word_shapes() noexcept { return table()->shapes(); }
const WordHeads& word_heads() noexcept { return table()->heads(); }

WordClass classify_shaped(std::string_view w) noexcept { return table()->find(w); }

WordClass classify(std::string_view w) noexcept {
    const WordTable* words = table();
    if (!words->may_contain(w)) return WordClass::None;
    return words->find(w);
}

}  // namespace dateline::grammar::lex
