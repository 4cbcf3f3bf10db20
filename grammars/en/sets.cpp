// Sets family: every Monday, each year, every two weeks, weekly, twice a week, on Mondays.
// Corpus: sets.corpus.
#include "common.hpp"

namespace dateline::grammar {
namespace {

auto const shape = x3::eps[put(&Expr::shape, Shape::Set)];
// every Monday / every Friday night / each year / every day / every two weeks / every other week / each July / every morning /
// each spring / every other Thursday (that weekday of every second week)
auto const every = shape >> (kw("every") | kw("each")) >>
                   (weekday >> -part_of_day | month | season | part_of_day |
                    (kw("other") | kw("alternate"))[put(&Expr::quantity, 2)] >> weekday |
                    -(kw("other")[put(&Expr::quantity, 2)] | quantity[set_quantity()]) >> any_unit);
// weekly / daily / annually
auto const adverb = shape >> x3::lexeme[x3::no_case[lex::unit_adjective()[set(&Expr::unit)]] >> word_end];
// month after month / day after day / year after year: every such unit, one after the other
auto const unit_word = x3::lexeme[x3::no_case[lex::unit_singular()[set_unit]] >> word_end];
auto const same_unit_again = x3::lexeme[x3::no_case[lex::unit_singular()] >> word_end][([](auto& ctx) {
    if (x3::_attr(ctx) != out(ctx).unit) x3::_pass(ctx) = false;
})];
auto const unit_after_unit = shape >> unit_word >> kw("after") >> same_unit_again;
// biweekly / bi-monthly / fortnightly: once every two units; semiannually / semi-monthly / biannual:
// twice per unit; biennial(ly): every two years
auto const bi_semi = x3::no_case[x3::lit("semi")[put(&Expr::times, 2)] | x3::lit("bi")[put(&Expr::quantity, 2)]] >>
                     -x3::lit('-');
// "biannual(ly)" is twice a year, as "semiannual(ly)": "bi-" before "annual" counts per year
auto const bi_annual = x3::eps[([](auto& ctx) {
    Expr& e = out(ctx);
    if (e.unit == Unit::Year && e.quantity == 2) {
        e.quantity = 1;
        e.times = 2;
    }
})];
auto const compound_adverb =
    shape >> x3::lexeme[x3::no_case[x3::lit("biennially") | "biennial"][put(&Expr::quantity, 2, &Expr::unit, Unit::Year)] >>
                            word_end |
                        x3::no_case[x3::lit("fortnightly")][put(&Expr::quantity, 2, &Expr::unit, Unit::Week)] >> word_end |
                        bi_semi >> x3::no_case[lex::unit_adjective()[set(&Expr::unit)]] >> word_end >> bi_annual];
// twice a week / three times a year / once a month
auto const times_word = kw("once")[put(&Expr::times, 1)] | kw("twice")[put(&Expr::times, 2)] |
                        kw("thrice")[put(&Expr::times, 3)] |
                        (cardinal_word[set(&Expr::times)] | x3::lexeme[uint_1_2 >> word_end][set(&Expr::times)]) >>
                            kw("times");
// ... once every two years / twice yearly
auto const frequency =
    shape >> times_word >>
    ((kw("a") | kw("an") | kw("per") | kw("every") | kw("each")) >> -quantity[set_quantity()] >> any_unit |
     x3::lexeme[x3::no_case[lex::unit_adjective()[set(&Expr::unit)]] >> word_end]);
// on Tuesday nights / Sunday mornings: that part of every such weekday
auto const plural_part = kw("nights")[put(&Expr::part, PartOfDay::Night)] |
                         kw("mornings")[put(&Expr::part, PartOfDay::Morning)] |
                         kw("afternoons")[put(&Expr::part, PartOfDay::Afternoon)] |
                         kw("evenings")[put(&Expr::part, PartOfDay::Evening)];
auto const weekday_parts = shape >> weekday >> plural_part;
// the first Tuesday of every month / the last Friday of each month: one day in every month
auto const nth_weekday_every = shape >> the >> nth_of_month >> weekday >> (kw("of") | kw("in")) >> (kw("every") | kw("each")) >>
                               kw("month")[put(&Expr::unit, Unit::Month)];
// on Mondays / Sundays
auto const plural_weekday =
    shape >> x3::lexeme[x3::no_case[lex::weekday_plurals()[set(&Expr::weekday)]] >> word_end];

}  // namespace

void match_sets(It first, It last, Match& best) {
    static const Family family{Sets, {
        named_rule(every, "every-unit"),
        named_rule(adverb, "frequency-adverb"),
        named_rule(unit_after_unit, "unit-after-unit"),
        named_rule(compound_adverb, "compound-frequency-adverb"),
        named_rule(frequency, "times-per-unit"),
        named_rule(plural_weekday, "plural-weekday"),
        named_rule(nth_weekday_every, "nth-weekday-of-every-month"),
        named_rule(weekday_parts, "weekday-parts"),
    }};
    family.run(first, last, best);
}

}  // namespace dateline::grammar
