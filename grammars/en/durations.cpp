// Durations family: N units, fractional and vague quantities, adjectival forms (five-year, 14-day),
// and the past/next N units. Corpus: durations.corpus.
#include "common.hpp"

namespace dateline::grammar {
namespace {

auto const shape = x3::eps[put(&Expr::shape, Shape::Duration)];
// three weeks / 3 minutes / two and a half years / about two weeks / several days / more than 40 years
auto const n_units = shape >> -approx >> quantity[set_quantity()] >> -(kw("more") | kw("additional") | kw("full")) >>
                     any_unit;
// five-year / 14-day / 24-hour / decades-long / day-long
auto const unit_adj = x3::lexeme[x3::no_case[lex::unit_singular()[set(&Expr::unit)]] >> '-' >>
                                 x3::no_case[x3::lit("long")] >> word_end];
auto const plural_adj = x3::lexeme[x3::no_case[lex::unit_plural()[set(&Expr::unit)]] >> '-' >>
                                   x3::no_case[x3::lit("long")] >> word_end][put(&Expr::vague_quantity, true)];
auto const hyphen_number =
    x3::omit[x3::lexeme[x3::uint_parser<unsigned, 10, 1, 4>{}[([](auto& ctx) { out(ctx).quantity = x3::_attr(ctx); })] >>
                        &x3::lit('-')]] |
    x3::omit[x3::lexeme[x3::no_case[(lex::cardinal_tens()[([](auto& ctx) { out(ctx).quantity = x3::_attr(ctx); })] >>
                                     -('-' >> lex::cardinal_units()[([](auto& ctx) {
                                           out(ctx).quantity += x3::_attr(ctx);
                                       })])) |
                                    lex::cardinal_units()[([](auto& ctx) { out(ctx).quantity = x3::_attr(ctx); })]] >>
                        &x3::lit('-')]];
auto const number_unit_adj = shape >> -approx >> hyphen_number >>
                             x3::lexeme['-' >> x3::no_case[lex::unit_singular()[set(&Expr::unit)]] >>
                                        -(x3::no_case[x3::lit("-long") | "-old"]) >> word_end];
auto const long_adj = shape >> (unit_adj | plural_adj);
// the past five years / the next three years / the last 24 hours / the first nine months / the coming days
auto const window = (kw("past") | kw("last") | kw("previous") | kw("preceding") | kw("first"))[put(&Expr::rel, Rel::Past)] |
                    (kw("next") | kw("coming") | kw("following"))[put(&Expr::rel, Rel::Coming)];
auto const the_n_units = shape >> -approx >> (kw("the") | kw("these") | kw("those") | kw("in")) >> window >>
                         -(quantity[set_quantity()] | kw("several")[put(&Expr::vague_quantity, true)]) >>
                         any_unit;

}  // namespace

void match_durations(It first, It last, Match& best) {
    try_rule(n_units, "n-units", first, last, best);
    try_rule(number_unit_adj, "n-unit-adjective", first, last, best);
    try_rule(long_adj, "unit-long", first, last, best);
    try_rule(the_n_units, "the-past-n-units", first, last, best);
}

}  // namespace dateline::grammar
