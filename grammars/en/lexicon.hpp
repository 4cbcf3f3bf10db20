// Lexicons of the English grammar: word -> value tables (x3::symbols), built once.
// The tables themselves are data in lexicon.cpp; the grammar families only refer to them.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include <boost/spirit/home/x3.hpp>

#include "ast.hpp"
#include "core/word_table.hpp"

namespace dateline::grammar::lex {
namespace x3 = boost::spirit::x3;

const x3::symbols<int>& month_names();       // january, jan, jan., sept. -> 1..12
const x3::symbols<int>& weekday_names();     // monday .. sunday, mon., tues. -> 1..7
const x3::symbols<int>& weekday_abbreviations();  // mon, tue, tues, wed, thu, thurs, fri, sat, sun -> 1..7
                                                  // (no period: only right before a month and day)
const x3::symbols<int>& weekday_plurals();   // mondays -> 1
const x3::symbols<int>& cardinal_units();    // one .. nineteen -> 1..19
const x3::symbols<int>& cardinal_tens();     // twenty .. ninety -> 20..90
const x3::symbols<int>& ordinal_words();     // first .. thirty-first, last -> 1..31 (last = -1)
// "fortnight(s)" in the unit tables: two weeks. No Expr holds it: set_unit (common.hpp) makes it Week
// with the quantity doubled.
inline constexpr Unit kFortnight = static_cast<Unit>(0xF2);
const x3::symbols<Unit>& unit_singular();    // day, week, month, year, decade, ... (also "weekend")
const x3::symbols<Unit>& unit_plural();      // days, weeks, ...
const x3::symbols<Unit>& unit_adjective();   // daily, weekly, monthly, annually, yearly, hourly -> Unit
const x3::symbols<Season>& season_names();   // spring, summer, fall, autumn, winter
const x3::symbols<PartOfDay>& part_of_day(); // morning, afternoon, evening, night
const x3::symbols<int>& holiday_names();     // christmas, thanksgiving, ... -> holiday index
const x3::symbols<int>& zone_names();        // est, edt, gmt, utc, ... -> offset in minutes
const x3::symbols<int>& decade_words();      // twenties .. nineties -> 2..9
const x3::symbols<Mod>& approx_words();      // about, around, nearly, almost, more than, ... -> Mod

// The holiday table: rule kinds a resolver can compute with date's types.
struct Holiday {
    std::string_view name;
    enum Kind { Fixed, NthWeekday, LastWeekday, Easter } kind;
    int month = 0;      // Fixed / NthWeekday / LastWeekday
    int day = 0;        // Fixed: day of month
    int weekday = 0;    // ISO weekday for NthWeekday / LastWeekday
    int nth = 0;        // NthWeekday: 1..5
    int offset = 0;     // days added after the rule (Easter -2 = Good Friday, Thanksgiving eve...)
};
const Holiday& holiday(int index);

// Classes of words for the candidate scanner (see src/recognize/scanner.cpp).
enum class WordClass : unsigned char { None = 0, Trigger = 1, Prefix = 2 };
// The word may be in any case: ASCII letters are folded before the lookup.
WordClass classify(std::string_view word) noexcept;

// A quick "not in classify()'s table" for the scanner, which looks at every word of a text
// (detail::WordShapes: false when no word of the table has this shape). classify() makes the same
// test first.
using WordShapes = ::dateline::detail::WordShapes;
const WordShapes& word_shapes() noexcept;
// classify() for a word that word_shapes() may contain (the caller tested it): the table lookup only.
WordClass classify_shaped(std::string_view word) noexcept;

// A cheaper first "not in classify()'s table" for the scanner: false when no word of the table has
// this length and these first two bytes (in either case; a length of 1..31). Two byte loads and one
// bit test, no hash: most words of a text fail it ("would", "company"), and the others are tested
// with word_shapes() and the table as before (it never says false for a word of the table).
class WordHeads {
public:
    static constexpr std::size_t kMaxLength = 31;
    bool may_contain(const char* p, std::size_t n) const noexcept {
        if (n - 1 >= kMaxLength) return false;  // (n == 0 wraps around)
        const std::uint32_t i = index(p, n);
        return (bits_[i >> 6] >> (i & 63)) & 1u;
    }
    void add(std::string_view w) noexcept {
        if (w.empty() || w.size() > kMaxLength) return;
        const std::uint32_t i = index(w.data(), w.size());
        bits_[i >> 6] |= std::uint64_t(1) << (i & 63);
    }

private:
    static std::uint32_t index(const char* p, std::size_t n) noexcept {
        const std::uint32_t a = static_cast<unsigned char>(p[0]) & 31u;
        const std::uint32_t b = n > 1 ? static_cast<unsigned char>(p[1]) & 31u : 0u;
        return std::uint32_t(n) << 10 | a << 5 | b;
    }
    std::array<std::uint64_t, (kMaxLength + 1) * 1024 / 64> bits_{};
};
const WordHeads& word_heads() noexcept;

}  // namespace dateline::grammar::lex
