// Fuzzy family: now, currently, recently, the past, the future. Corpus: fuzzy.corpus.
#include "common.hpp"

namespace dateline::grammar {
namespace {

auto const shape = x3::eps[put(&Expr::shape, Shape::Fuzzy)];
auto const present = shape >> (kw("right now") | kw("now") | kw("currently") | kw("nowadays") | kw("these days") |
                               kw("at present") | kw("the present") | kw("presently") |
                               kw("at the moment"))[put(&Expr::fuzzy, Fuzzy::Present)];
auto const past = shape >> (kw("recently") | kw("lately") | kw("the past") | kw("formerly") |
                            kw("in recent years") | kw("recent years") | kw("the recent past") |
                            kw("previously"))[put(&Expr::fuzzy, Fuzzy::Past)] >>
                  !(x3::omit[quantity] | any_unit);
auto const future = shape >> (kw("the future") | kw("future") | kw("the near future") | kw("soon") |
                              kw("the coming years") | kw("the years ahead") | kw("the days ahead") |
                              kw("the weeks ahead") | kw("the months ahead"))[put(&Expr::fuzzy, Fuzzy::Future)];
// the near term / the short term / the long term: an unspecified time ahead ("challenges of the near
// term"), but not the unhyphenated adjective of "the short term interest rates": a following word
// must be a function word
auto const function_word = kw("and") | kw("or") | kw("but") | kw("as") | kw("if") | kw("when") | kw("while") |
                           kw("because") | kw("is") | kw("are") | kw("was") | kw("were") | kw("will") |
                           kw("would") | kw("the") | kw("it") | kw("we") | kw("they") | kw("he") | kw("she");
auto const term = shape >> (kw("the near term") | kw("the short term") | kw("the long term") |
                            kw("the longer term"))[put(&Expr::fuzzy, Fuzzy::Future)] >>
                  !(&x3::alpha >> !function_word);
// coming months / coming quarters (without an article): an unspecified time ahead
auto const coming = shape >> kw("coming")[put(&Expr::fuzzy, Fuzzy::Future)] >>
                    x3::lexeme[x3::no_case[lex::unit_plural()] >> word_end];

}  // namespace

void match_fuzzy(It first, It last, Match& best) {
    static const Family family{Fuzzy, {
        named_rule(present, "present-ref"),
        named_rule(past, "past-ref"),
        named_rule(future, "future-ref"),
        named_rule(coming, "coming-units"),
        named_rule(term, "the-near-term"),
    }};
    family.run(first, last, best);
}

}  // namespace dateline::grammar
