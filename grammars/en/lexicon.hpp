// Lexicons of the English grammar: word -> value tables (x3::symbols), built once.
// The tables themselves are data in lexicon.cpp; the grammar families only refer to them.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include <boost/spirit/home/x3.hpp>

#include "ast.hpp"

namespace dateline::grammar::lex {
namespace x3 = boost::spirit::x3;

const x3::symbols<int>& month_names();       // january, jan, jan., sept. -> 1..12
const x3::symbols<int>& weekday_names();     // monday .. sunday, mon., tues. -> 1..7
const x3::symbols<int>& weekday_plurals();   // mondays -> 1
const x3::symbols<int>& cardinal_units();    // one .. nineteen -> 1..19
const x3::symbols<int>& cardinal_tens();     // twenty .. ninety -> 20..90
const x3::symbols<int>& ordinal_words();     // first .. thirty-first, last -> 1..31 (last = -1)
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

// A quick "not in classify()'s table" for the scanner, which looks at every word of a text: false
// when no word of the table has this length, first two and last bytes (in either case). classify()
// makes the same test first.
class WordShapes {
public:
    static constexpr std::size_t kMaxLength = 31;  // the longest word of the table is shorter
    bool may_contain(std::string_view w) const noexcept {
        if (w.empty() || w.size() > kMaxLength) return false;
        const std::uint32_t s = shape(w);
        return (bits_[s >> 6] >> (s & 63)) & 1u;
    }
    void add(std::string_view w) noexcept {
        if (w.empty() || w.size() > kMaxLength) return;
        const std::uint32_t s = shape(w);
        bits_[s >> 6] |= std::uint64_t(1) << (s & 63);
    }

private:
    // Length, first two and last bytes (the same for either case of a letter), hashed to 16 bits.
    static std::uint32_t shape(std::string_view w) noexcept {
        const std::uint32_t len = std::uint32_t(w.size());
        const std::uint32_t a = static_cast<unsigned char>(w[0]) & 31u;
        const std::uint32_t b = w.size() > 1 ? static_cast<unsigned char>(w[1]) & 31u : 0;
        const std::uint32_t z = static_cast<unsigned char>(w[w.size() - 1]) & 31u;
        const std::uint32_t key = (((len << 5 | a) << 5 | b) << 5) | z;
        return (key * 2654435761u) >> 16;  // Knuth's multiplicative hash: the top 16 bits
    }
    std::array<std::uint64_t, 65536 / 64> bits_{};
};
const WordShapes& word_shapes() noexcept;

}  // namespace dateline::grammar::lex
