// Shared X3 building blocks of the English grammar: word boundaries, keyword helpers, semantic
// actions that fill an Expr, numbers (digits and words), and the modifier prefixes.
// Included by every family unit; the families only combine these.
#pragma once
#include <boost/spirit/home/x3.hpp>

#include "ast.hpp"
#include "first_set.hpp"
#include "grammar.hpp"
#include "lexicon.hpp"

namespace dateline::grammar {
namespace x3 = boost::spirit::x3;

struct expr_tag;

template <class Ctx>
Expr& out(Ctx& ctx) {
    return x3::get<expr_tag>(ctx).get();
}

// Succeeds (consuming nothing) when the next byte cannot continue a word.
struct word_end_parser : x3::parser<word_end_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <class Iter, class Ctx, class RCtx, class Attr>
    bool parse(Iter& first, Iter const& last, Ctx const&, RCtx&, Attr&) const {
        if (first == last) return true;
        auto c = static_cast<unsigned char>(*first);
        if (c >= 0x80) {
            // A multi-byte letter continues the word ("Bárcena"); multi-byte punctuation ends it:
            // General Punctuation (” ’ – — …), Latin-1 punctuation and no-break space, CJK punctuation.
            Iter n = first;
            ++n;
            if (n == last) return false;
            auto c1 = static_cast<unsigned char>(*n);
            return (c == 0xE2 && (c1 == 0x80 || c1 == 0x81)) || (c == 0xE3 && c1 == 0x80) ||
                   (c == 0xC2 && c1 >= 0xA0 && c1 <= 0xBF);
        }
        return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
    }
};
inline constexpr word_end_parser word_end{};
// For the first-token dispatch (first_set.hpp): a boundary test consumes nothing.
inline first::First first_of(const word_end_parser&, first::Tag) { return first::First::empty(); }
inline bool boundary_first(const word_end_parser&, first::Tag) { return true; }

// A case-insensitive whole word (or phrase) built from a parser or a string.
template <class P>
auto kw(P const& p) {
    return x3::lexeme[x3::no_case[x3::as_parser(p)] >> word_end];
}

// Semantic actions.
template <class M>
auto set(M Expr::*m) {
    return [m](auto& ctx) { out(ctx).*m = static_cast<M>(x3::_attr(ctx)); };
}
template <class M, class V>
auto put(M Expr::*m, V v) {
    return [m, v](auto& ctx) { out(ctx).*m = static_cast<M>(v); };
}
template <class M, class V, class... Rest>
auto put(M Expr::*m, V v, Rest... rest) {
    auto first = put(m, v);
    auto others = put(rest...);
    return [first, others](auto& ctx) {
        first(ctx);
        others(ctx);
    };
}

// ---- numbers -------------------------------------------------------------------------------------

// Integer digits not glued to more digits, letters or a thousands separator ("1,998").
inline auto const uint_1_2 = x3::uint_parser<int, 10, 1, 2>{};
inline auto const uint_2 = x3::uint_parser<int, 10, 2, 2>{};
inline auto const uint_4 = x3::uint_parser<int, 10, 4, 4>{};
inline auto const not_more_digits = !(x3::digit | (x3::lit(',') >> x3::digit) | (x3::lit('.') >> x3::digit));

// Number rules compute their value in _val from actions on atoms only; composite parts are
// wrapped in omit[] so that X3 never has to split a synthesized attribute between them.
inline auto val_assign = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };
inline auto val_add = [](auto& ctx) { x3::_val(ctx) += x3::_attr(ctx); };
inline auto val_add_half = [](auto& ctx) { x3::_val(ctx) += 0.5; };
template <class V>
auto val_is(V v) {
    return [v](auto& ctx) { x3::_val(ctx) = v; };
}
template <class V>
auto val_times(V v) {
    return [v](auto& ctx) { x3::_val(ctx) *= v; };
}

x3::rule<class cardinal_word_id, int> const cardinal_word = "cardinal_word";
inline auto const cardinal_word_def =
    x3::lexeme[x3::no_case[x3::omit[lex::cardinal_tens()[val_assign] >> (x3::lit('-') | ' ') >>
                                    lex::cardinal_units()[val_add]] |
                           x3::omit[lex::cardinal_tens()[val_assign]] |
                           x3::omit[lex::cardinal_units()[val_assign]]] >>
               word_end];
BOOST_SPIRIT_DEFINE(cardinal_word)
inline first::First first_of_rule(cardinal_word_id*, first::Tag t) { return first_of(cardinal_word_def, t); }

// A quantity of units: 3, 2.5, three, twenty-one, a, an, a dozen, a couple of, two and a half,
// half a. A vague quantity (several, a few, many, some) is -1.
inline auto const decimal_fraction = [](auto& ctx) {
    double frac = x3::_attr(ctx);
    while (frac >= 1) frac /= 10;
    x3::_val(ctx) += frac;
};
inline auto val_thousands = [](auto& ctx) { x3::_val(ctx) = x3::_val(ctx) * 1000 + x3::_attr(ctx); };
x3::rule<class quantity_id, double> const quantity = "quantity";
inline auto const quantity_def =
    // 1,000 / 25,000 (thousands separators; longer alternative first)
    x3::omit[x3::lexeme[x3::uint_parser<unsigned, 10, 1, 3>{}[val_assign] >>
                        +(',' >> x3::uint_parser<unsigned, 10, 3, 3>{}[val_thousands]) >> not_more_digits >>
                        word_end]] |
    // 5 1/2 (a whole number and a half, as newswire writes it)
    x3::omit[x3::lexeme[x3::uint_parser<unsigned, 10, 1, 6>{}[val_assign] >> ' ' >> x3::lit("1/2")[val_add_half] >>
                        word_end]] |
    x3::omit[x3::lexeme[x3::uint_parser<unsigned, 10, 1, 6>{}[val_assign] >>
                        -('.' >> x3::uint_parser<unsigned, 10, 1, 3>{}[decimal_fraction]) >> not_more_digits >>
                        word_end]] |
    x3::omit[(kw("a dozen") | kw("dozen"))[val_is(12.0)]] |
    x3::omit[(kw("a couple of") | kw("a couple"))[val_is(2.0)]] |
    x3::omit[(kw("half a") | kw("half an"))[val_is(0.5)]] |
    // a hundred / two hundred / a thousand / three thousand ("almost a hundred years")
    x3::omit[(cardinal_word[val_assign] | (kw("a") | kw("one"))[val_is(1.0)]) >>
             (kw("hundred")[val_times(100.0)] | kw("thousand")[val_times(1000.0)])] |
    x3::omit[cardinal_word[val_assign] >> -(kw("and a half") | kw("and one half"))[val_add_half]] |
    x3::omit[(kw("a few") | kw("several") | kw("many") | kw("a number of") | kw("some") | kw("few") |
              kw("numerous") | kw("countless") | kw("hundreds of") | kw("dozens of") |
              kw("thousands of"))[val_is(-1.0)]] |
    x3::omit[(kw("an") | kw("a") | kw("one"))[val_is(1.0)]];
BOOST_SPIRIT_DEFINE(quantity)
inline first::First first_of_rule(quantity_id*, first::Tag t) { return first_of(quantity_def, t); }

inline auto set_quantity() {
    return [](auto& ctx) {
        double q = x3::_attr(ctx);
        if (q < 0) {
            out(ctx).vague_quantity = true;
            out(ctx).quantity = 0;
        } else {
            out(ctx).quantity = q;
        }
    };
}

// Ordinals: first .. thirty-first, 1st .. 31st.
x3::rule<class ordinal_id, int> const ordinal = "ordinal";
inline auto const ordinal_def =
    x3::omit[x3::lexeme[x3::no_case[lex::ordinal_words()[val_assign]] >> word_end]] |
    x3::omit[x3::lexeme[uint_1_2[val_assign] >> x3::no_case[x3::lit("st") | "nd" | "rd" | "th"] >> word_end]];
BOOST_SPIRIT_DEFINE(ordinal)
inline first::First first_of_rule(ordinal_id*, first::Tag t) { return first_of(ordinal_def, t); }

// ---- calendar atoms -----------------------------------------------------------------------------

inline auto check_year = [](auto& ctx) {
    int y = x3::_attr(ctx);
    if (y < 1000 || y > 2199) {
        x3::_pass(ctx) = false;
        return;
    }
    out(ctx).year = y;
};
inline auto check_day = [](auto& ctx) {
    int d = x3::_attr(ctx);
    if (d < 1 || d > 31) {
        x3::_pass(ctx) = false;
        return;
    }
    out(ctx).day = d;
};

inline auto const year4 = x3::lexeme[uint_4 >> not_more_digits >> word_end][check_year];
inline auto const year_apostrophe =
    x3::lexeme[(x3::lit('\'') | "\xE2\x80\x99") >> uint_2 >> word_end]
              [([](auto& ctx) {
                  out(ctx).year = x3::_attr(ctx);
                  out(ctx).two_digit_year = true;
              })];
inline auto const year = year4 | year_apostrophe;
inline auto const month = x3::lexeme[x3::no_case[lex::month_names()] >> word_end][set(&Expr::month)];
inline auto const day_number =
    x3::lexeme[uint_1_2 >> -x3::no_case[x3::lit("st") | "nd" | "rd" | "th"] >> not_more_digits >>
               word_end][check_day];
inline auto const day_ordinal = ordinal[check_day];
inline auto const weekday = x3::lexeme[x3::no_case[lex::weekday_names()] >> word_end][set(&Expr::weekday)];
inline auto const part_of_day = x3::lexeme[x3::no_case[lex::part_of_day()] >> word_end][set(&Expr::part)];
inline auto const season = x3::lexeme[x3::no_case[lex::season_names()] >> word_end][set(&Expr::season)];
inline auto const comma = -x3::lit(',');
inline auto const the = -kw("the");
inline auto const possessive = -(x3::lit("'s") | x3::lit("\xE2\x80\x99s"));

// early / mid / late / the end of / the beginning of ... in front of a period.
inline auto const mod_prefix =
    ((x3::no_case[x3::lit("early")] >> '-') | kw("the beginning of") | kw("the start of") |
     kw("the first part of") | kw("early"))[put(&Expr::mod, Mod::Start)] |
    ((x3::no_case[x3::lit("mid")] >> '-') | kw("the middle of") | kw("mid"))
        [put(&Expr::mod, Mod::Mid)] |
    ((x3::no_case[x3::lit("late")] >> '-') | kw("the end of") | kw("the close of") |
     kw("the latter part of") | kw("late"))[put(&Expr::mod, Mod::End)];

// Any unit, singular or plural: day, days, weeks, years ...
inline auto const any_unit =
    x3::lexeme[x3::no_case[lex::unit_plural()[set(&Expr::unit)] | lex::unit_singular()[set(&Expr::unit)]] >>
               word_end];

// Modifiers of quantities: about, more than, nearly ...
inline auto const approx = x3::lexeme[x3::no_case[lex::approx_words()] >> word_end][set(&Expr::mod)];
// An optional approximator that is taken only when a quantity follows it. X3 optionals never
// backtrack, so a plain -approx would eat the "some" of "some days" and fail the whole rule; the
// look-ahead runs without actions, so a failed try leaves no mod behind.
inline auto const approx_word = x3::lexeme[x3::no_case[x3::omit[lex::approx_words()]] >> word_end];
inline auto const approx_before_quantity = -(&(approx_word >> x3::omit[quantity]) >> approx);

// Runs one rule at `first` with a fresh Expr and keeps it in `best` when it is longer.
template <class P>
void try_rule(P const& p, const char* name, It first, It last, Match& best) {
    // Skip the rule when its first token cannot be the one at `first` (see first_set.hpp).
    if (!first::may_start(first::rule_index(p), first, last)) return;
    Expr e;
    It it = first;
    auto const with = x3::with<expr_tag>(std::ref(e))[p];
    if (x3::phrase_parse(it, last, with, x3::ascii::space, x3::skip_flag::dont_post_skip) && it > first &&
        (best.end == nullptr || it > best.end)) {
        best.end = it;
        best.expr = e;
        best.rule = name;
    }
}

}  // namespace dateline::grammar
