// Durations family: N units, fractional and vague quantities, adjectival forms (five-year, 14-day),
// and the past/next N units. Corpus: durations.corpus.
#include "common.hpp"

namespace dateline::grammar {
namespace {

auto const shape = x3::eps[put(&Expr::shape, Shape::Duration)];
// three weeks / 3 minutes / two and a half years / about two weeks / several days / more than 40 years /
// the nine months (TimeML extents keep the article: "for the nine months ended Sept. 30") /
// eight trading days / three business days (counted days of a market or an office are days) /
// three straight weeks / five consecutive years / a whole day / a single year / an entire week
// a minute and a half / an hour and a half. A unit glued to a hyphen belongs to an adjective
// ("a year-earlier", "a day-long meeting", "a week-day schedule"), not to this rule.
auto const add_half = [](auto& ctx) { out(ctx).quantity += 0.5; };
auto const n_units = shape >> approx_before_quantity >> -kw("the") >> quantity[set_quantity()] >>
                     -(kw("more") | kw("additional") | kw("full") | kw("whole") | kw("entire") | kw("single") |
                       kw("trading") | kw("business") |
                       kw("working") | kw("straight") | kw("consecutive") | kw("successive")) >> any_unit >> !x3::lit('-') >>
                     -(kw("and a half") | kw("and one half"))[add_half];
// recent days / recent weeks / recent quarters: a vague span up to the anchor ("recent years" is
// the fuzzy PAST_REF, see fuzzy.cpp)
auto const plural_unit = x3::lexeme[x3::no_case[lex::unit_plural()[set_unit]] >> word_end];
auto const recent_units =
    shape >> kw("recent")[put(&Expr::vague_quantity, true)] >>
    plural_unit[([](auto& ctx) {
        if (out(ctx).unit == Unit::Year) x3::_pass(ctx) = false;
    })];
// for weeks / within days / for centuries: a bare plural unit; the recognizer keeps it only after
// "for", "within" or "in" ("the weeks before the shooting" is no duration).
auto const bare_units = shape >> plural_unit[put(&Expr::vague_quantity, true)];
// a half-hour / a half day
auto const half_unit = shape >> -(kw("a") | kw("an")) >>
                       x3::lexeme[x3::no_case[x3::lit("half")] >> (x3::lit('-') | ' ') >>
                                  x3::no_case[lex::unit_singular()[set_unit]] >> word_end]
                                 [put(&Expr::quantity, 0.5)];
// five-year / 14-day / 24-hour / decades-long / day-long
auto const unit_adj = x3::lexeme[x3::no_case[lex::unit_singular()[set_unit]] >> '-' >>
                                 x3::no_case[x3::lit("long")] >> word_end];
auto const plural_adj = x3::lexeme[x3::no_case[lex::unit_plural()[set_unit]] >> '-' >>
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
                             x3::lexeme['-' >> x3::no_case[lex::unit_singular()[set_unit]] >>
                                        -(x3::no_case[x3::lit("-long")]) >> !x3::no_case[x3::lit("-old")] >>
                                        word_end];
auto const long_adj = shape >> (unit_adj | plural_adj);
// the past five years / the next three years / the last 24 hours / the first nine months / the coming days
auto const window = (kw("past") | kw("last") | kw("previous") | kw("preceding"))[put(&Expr::rel, Rel::Past)] |
                    (kw("next") | kw("coming") | kw("following"))[put(&Expr::rel, Rel::Coming)];
// "the first" needs a number ("the first nine months"; "the first day of school" is no duration).
auto const window_first = kw("first")[put(&Expr::rel, Rel::Past)];
// A plural unit without a number is a vague quantity: "the coming weeks" -> PXW, "the next month" -> P1M.
// "the past year" / "the last year" without a number names the year before the anchor's, a DATE
// (TimeBank: "over the past year" in a 1998 report is 1997).
auto const past_year_is_last_year = [](auto& ctx) {
    Expr& e = out(ctx);
    if (e.rel == Rel::Past && e.unit == Unit::Year) {
        e.shape = Shape::Calendar;
        e.rel = Rel::Last;
    }
};
auto const window_unit =
    quantity[set_quantity()] >> any_unit |
    x3::lexeme[x3::no_case[lex::unit_plural()[set_unit]] >> word_end][put(&Expr::vague_quantity, true)] |
    x3::lexeme[x3::no_case[lex::unit_singular()[set_unit]] >> word_end][past_year_is_last_year];
// ("the last day of the term", "the last year of his life": the final one of something, no window)
auto const last_unit_of = kw("last") >> x3::lexeme[x3::no_case[lex::unit_singular()] >> word_end] >> kw("of");
auto const the_n_units = shape >> approx_before_quantity >> (kw("the") | kw("these") | kw("those") | kw("in")) >>
                         !last_unit_of >>
                         (window >> window_unit | window_first >> quantity[set_quantity()] >> any_unit);

}  // namespace

void match_durations(It first, It last, Match& best) {
    static const Family family{Durations, {
        named_rule(n_units, "n-units"),
        named_rule(number_unit_adj, "n-unit-adjective"),
        named_rule(long_adj, "unit-long"),
        named_rule(the_n_units, "the-past-n-units"),
        named_rule(half_unit, "half-unit"),
        named_rule(recent_units, "recent-units"),
        named_rule(bare_units, "bare-units"),
    }};
    family.run(first, last, best);
}

}  // namespace dateline::grammar
