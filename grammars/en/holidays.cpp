// Holidays family: Christmas, New Year's Day, Thanksgiving, Easter ... with an optional
// this/last/next or year. The dates are computed by the resolver from lexicon's holiday table.
// Corpus: holidays.corpus.
#include "common.hpp"

namespace dateline::grammar {
namespace {

auto const name = x3::lexeme[x3::no_case[lex::holiday_names()[set(&Expr::holiday)]] >> word_end];
auto const rel = kw("last")[put(&Expr::rel, Rel::Last)] | kw("next")[put(&Expr::rel, Rel::Next)] |
                 kw("this")[put(&Expr::rel, Rel::This)];
// Christmas, 2011 / Christmas 2011 / Christmas of 2011 / Thanksgiving Day in 2011: that year's;
// Thanksgiving weekend / the Memorial Day weekend / Easter weekend: the weekend next to the day
// Christmas week / Easter week: the (ISO) week holding the day; the year may follow the week or
// weekend too: Easter weekend 2023, the Thanksgiving weekend of 2011
auto const weekend = kw("weekend")[put(&Expr::unit, Unit::Weekend)] | kw("week")[put(&Expr::unit, Unit::Week)];
auto const of_year = (kw("of") | kw("in")) >> year4 | comma >> year4;
auto const holiday = -rel >> name >> possessive >> (of_year >> -weekend | -(weekend >> -of_year));
// "He came home in October. That Christmas was quiet": the holiday in the year of the reference time
auto const that_holiday = x3::eps[put(&Expr::anaphoric, true, &Expr::rel, Rel::This)] >> kw("that") >> name >>
                          possessive >> -weekend;

}  // namespace

void match_holidays(It first, It last, Match& best) {
    static const Family family{Holidays, {
        named_rule(holiday, "holiday"),
        named_rule(that_holiday, "that-holiday"),
    }};
    family.run(first, last, best);
}

}  // namespace dateline::grammar
