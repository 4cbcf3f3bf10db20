// Shared X3 building blocks of the English grammar: word boundaries, keyword helpers, semantic
// actions that fill an Expr, numbers (digits and words), and the modifier prefixes.
// Included by every family unit; the families only combine these.
#pragma once
#include <boost/spirit/home/x3.hpp>

#include <array>
#include <bit>
#include <cstring>
#include <type_traits>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <vector>

#include "ast.hpp"
#include "first_set.hpp"
#include "grammar.hpp"
#include "lexicon.hpp"

// X3 folds case for no_case[] (literals, symbol tables) with the C library's islower/tolower/toupper,
// one function call per byte compared; that was a sixth of the recognizer's time. The program never
// sets a locale, so those functions fold ASCII letters only (the "C" locale): the same comparison,
// inline. Explicit specialization for the standard encoding, visible before any grammar is
// instantiated (every grammar unit includes this header first).
namespace dateline::grammar::ascii_case {
constexpr bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
constexpr int to_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
constexpr int to_upper(unsigned char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
}  // namespace dateline::grammar::ascii_case

namespace boost::spirit::x3 {
template <>
struct no_case_compare<char_encoding::standard> {
    template <typename Char, typename CharSet>
    bool in_set(Char ch_, CharSet const& set) {
        namespace ac = dateline::grammar::ascii_case;
        auto ch = static_cast<unsigned char>(ch_);
        return set.test(ch) || set.test(ac::is_lower(ch) ? ac::to_upper(ch) : ac::to_lower(ch));
    }
    template <typename Char>
    int32_t operator()(Char lc_, Char const rc_) const {
        namespace ac = dateline::grammar::ascii_case;
        auto lc = static_cast<unsigned char>(lc_);
        auto rc = static_cast<unsigned char>(rc_);
        return ac::is_lower(rc) ? ac::to_lower(lc) - rc : ac::to_upper(lc) - rc;
    }
    template <typename CharClassTag>
    CharClassTag get_char_class_tag(CharClassTag tag) const {
        return tag;
    }
    alpha_tag get_char_class_tag(lower_tag) const { return {}; }
    alpha_tag get_char_class_tag(upper_tag) const { return {}; }
};
}  // namespace boost::spirit::x3

namespace dateline::grammar {
namespace x3 = boost::spirit::x3;

struct expr_tag;

template <class Ctx>
Expr& out(Ctx& ctx) {
    return x3::get<expr_tag>(ctx).get();
}

// True when the byte at `first` cannot continue a word.
template <class Iter>
inline bool at_word_end(Iter first, Iter const& last) {
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

// Succeeds (consuming nothing) when the next byte cannot continue a word.
struct word_end_parser : x3::parser<word_end_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <class Iter, class Ctx, class RCtx, class Attr>
    bool parse(Iter& first, Iter const& last, Ctx const&, RCtx&, Attr&) const {
        return at_word_end(first, last);
    }
};
inline constexpr word_end_parser word_end{};
// For the first-token dispatch (first_set.hpp): a boundary test consumes nothing.
inline first::First first_of(const word_end_parser&, first::Tag) { return first::First::empty(); }
inline bool boundary_first(const word_end_parser&, first::Tag) { return true; }

// A case-insensitive whole word (or phrase): kw("the end of"). It parses exactly as
// lexeme[no_case[lit(word)] >> word_end] (pre-skip, ASCII case folding, the word then a word end),
// in one loop instead of X3's per-byte comparator calls: keywords are the grammar's most frequent
// test.
struct keyword_parser : x3::parser<keyword_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    std::string_view word;
    // The first min(8, size) bytes of the word, lowercase, as a little-endian word, and their mask:
    // where eight bytes of input remain, they are compared at once (case folded eight at a time).
    std::uint64_t head = 0, head_mask = 0;
    constexpr explicit keyword_parser(std::string_view w) : word(w) {
        for (std::size_t i = 0; i < w.size() && i < 8; ++i) {
            head |= std::uint64_t(static_cast<unsigned char>(ascii_case::to_lower(static_cast<unsigned char>(w[i]))))
                    << (8 * i);
            head_mask |= std::uint64_t(0xFF) << (8 * i);
        }
    }
    // The eight bytes at p with the ASCII capitals folded (the other bytes as they are).
    static std::uint64_t folded8(const char* p) {
        std::uint64_t x;
        std::memcpy(&x, p, 8);
        constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        const std::uint64_t low7 = x & ~highs;
        const std::uint64_t upper = (low7 + ones * (0x80 - 'A')) & ~(low7 + ones * (0x80 - 'Z' - 1)) & ~x & highs;
        return x | (upper >> 2);
    }
    template <class Iter, class Ctx, class RCtx, class Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr&) const {
        x3::skip_over(first, last, ctx);  // as lexeme[]: the pre-skip stays even when the word fails
        Iter it = first;
        std::size_t k = 0;  // bytes of the word compared
        if constexpr (std::is_same_v<Iter, const char*> && std::endian::native == std::endian::little) {
            if (last - it >= 8) {
                if ((folded8(it) & head_mask) != head) return false;
                k = word.size() < 8 ? word.size() : 8;
                it += k;
            }
        }
        for (; k < word.size(); ++k) {
            if (it == last || ascii_case::to_lower(static_cast<unsigned char>(*it)) !=
                                  ascii_case::to_lower(static_cast<unsigned char>(word[k])))
                return false;
            ++it;
        }
        if (!at_word_end(it, last)) return false;
        first = it;
        return true;
    }
};
// The first set of kw(w) is that of w followed by a word boundary (see first_set.hpp).
inline first::First first_of(const keyword_parser& p, first::Tag) {
    first::First f = first::of_string(p.word);
    for (auto& i : f.items) {
        i.closed = true;
        i.at_end = false;
    }
    return f;
}
inline bool boundary_first(const keyword_parser& p, first::Tag) {
    return !p.word.empty() && !first::is_alnum(static_cast<unsigned char>(p.word[0]));
}

template <std::size_t N>
constexpr keyword_parser kw(char const (&w)[N]) {
    return keyword_parser(std::string_view(w, N - 1));
}

// Semantic actions.
template <class M>
auto set(M Expr::*m) {
    return [m](auto& ctx) { out(ctx).*m = static_cast<M>(x3::_attr(ctx)); };
}
// The unit of a unit word: "fortnight" is two weeks (lex::kFortnight).
inline auto const set_unit = [](auto& ctx) {
    const Unit u = x3::_attr(ctx);
    if (u == lex::kFortnight) {
        out(ctx).unit = Unit::Week;
        out(ctx).quantity *= 2;
    } else {
        out(ctx).unit = u;
    }
};
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

// A quantity of units: 3, 2.5, three, twenty-one, a, an, a dozen, a couple of, (the next) couple of,
// two and a half,
// half a. A vague quantity (several, a few, many, some) is -1.
inline auto const decimal_fraction = [](auto& ctx) {
    double frac = x3::_attr(ctx);
    while (frac >= 1) frac /= 10;
    x3::_val(ctx) += frac;
};
inline auto val_thousands = [](auto& ctx) { x3::_val(ctx) = x3::_val(ctx) * 1000 + x3::_attr(ctx); };
x3::rule<class quantity_id, double> const quantity = "quantity";
inline auto const quantity_def =
    x3::omit[
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
    x3::omit[(kw("a couple of") | kw("a couple") | kw("couple of"))[val_is(2.0)]] |
    x3::omit[(kw("half a") | kw("half an"))[val_is(0.5)]] |
    // a hundred / two hundred / a thousand / three thousand ("almost a hundred years")
    x3::omit[(cardinal_word[val_assign] | (kw("a") | kw("one"))[val_is(1.0)]) >>
             (kw("hundred")[val_times(100.0)] | kw("thousand")[val_times(1000.0)])] |
    x3::omit[cardinal_word[val_assign] >> -(kw("and a half") | kw("and one half"))[val_add_half]] |
    x3::omit[(kw("a few") | kw("several") | kw("many") | kw("a number of") | kw("some") | kw("few") |
              kw("numerous") | kw("countless") | kw("hundreds of") | kw("dozens of") |
              kw("thousands of"))[val_is(-1.0)]] |
    x3::omit[(kw("an") | kw("a") | kw("one"))[val_is(1.0)]]] >>
    // 3 million / 1.5 billion / three million / a million ("three million years ago"): a suffix of any
    // number read above (one parse of the number, not one per way to end it)
    -x3::omit[kw("million")[val_times(1e6)] | kw("billion")[val_times(1e9)]];
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
// "the first Monday in October", "the last Friday of each month": which one of a month's weekdays
// (Expr::nth, 1-5 or -1 for "last")
inline auto const nth_of_month = ordinal[([](auto& ctx) {
                                     int n = x3::_attr(ctx);
                                     if (n < 1 || n > 5) x3::_pass(ctx) = false;
                                     else out(ctx).nth = n;
                                 })] |
                                 kw("last")[put(&Expr::nth, -1)];

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
    x3::lexeme[x3::no_case[lex::unit_plural()[set_unit] | lex::unit_singular()[set_unit]] >>
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
void parse_rule_at(P const& p, const char* name, It first, It last, Match& best) {
    Expr e;
    It it = first;
    // What phrase_parse(it, last, with<expr_tag>(std::ref(e))[p], ascii::space, dont_post_skip) does,
    // without copying the parser p into a with[] directive at every call.
    auto ref = std::ref(e);
    auto const skipper_ctx = x3::make_context<x3::skipper_tag>(x3::ascii::space);
    auto const ctx = x3::make_context<expr_tag>(ref, skipper_ctx);
    if (p.parse(it, last, ctx, x3::unused, x3::unused) && it > first &&
        (best.end == nullptr || it > best.end)) {
        best.end = it;
        best.expr = e;
        best.rule = name;
    }
}

// Runs one rule unless its first tokens cannot be the ones at `first` (see first_set.hpp).
template <class P>
void try_rule(P const& p, const char* name, It first, It last, Match& best) {
    if (!first::may_start(first::rule_index(p), first, last)) return;
    parse_rule_at(p, name, first, last, best);
}

// One named rule of a family: the parser, type-erased behind the function that runs it.
struct FamilyRule {
    const void* parser;
    const char* name;
    void (*run)(const void* parser, const char* name, It first, It last, Match& best);
    int index;  // in the first-token registry; -1: beyond it, always tried
};
template <class P>
void run_family_rule(const void* p, const char* name, It first, It last, Match& best) {
    parse_rule_at(*static_cast<const P*>(p), name, first, last, best);
}
template <class P>
FamilyRule named_rule(P const& p, const char* name) {
    return {std::addressof(p), name, &run_family_rule<P>, first::rule_index(p)};  // X3 overloads unary &
}

// The rules of a family in their order (on equal length the earlier rule wins). At an announced
// candidate only the rules the first-token dispatch allows run: the family walks the bits of the
// candidate's allowed set that are its own, in registry order, which is list order (one thread
// registers a family's rules one after the other, when it builds the family).
class Family {
public:
    // `id`: the family's number in match_at() (grammar.hpp).
    Family(FamilyId id, std::initializer_list<FamilyRule> rules) : rules_(rules) {
        int prev = -1;
        for (std::size_t i = 0; i < rules_.size(); ++i) {
            int ix = rules_[i].index;
            if (ix < 0 || ix <= prev) {
                ordered_ = false;  // beyond the registry, or not in list order: tried one by one
                continue;
            }
            prev = ix;
            mask_.set(std::size_t(ix));
            slot_[std::size_t(ix)] = std::uint8_t(i);
            max_index_ = std::size_t(ix);
        }
        first::RuleBits& mine = first::family_rules[std::size_t(id)];
        mine = mask_;
        if (!ordered_) mine.w.fill(~std::uint64_t(0));  // rules beyond the registry: always called
    }
    void run(It first, It last, Match& best) const {
        const first::Candidate& cand = first::current;
        if (cand.first != first || cand.last != last) {  // not announced (or dispatch off): every rule
            for (auto& r : rules_) r.run(r.parser, r.name, first, last, best);
            return;
        }
        if (!ordered_ || max_index_ >= cand.decisions->decided) [[unlikely]] {
            for (auto& r : rules_)
                if (first::may_start(r.index, first, last)) r.run(r.parser, r.name, first, last, best);
            return;
        }
        for (std::size_t w = 0; w < first::RuleBits::kWords; ++w) {
            std::uint64_t bits = cand.allowed.w[w] & mask_.w[w];
            while (bits) {
                std::size_t ix = w * 64 + std::size_t(__builtin_ctzll(bits));
                bits &= bits - 1;
                const FamilyRule& r = rules_[slot_[ix]];
                r.run(r.parser, r.name, first, last, best);
            }
        }
    }

private:
    std::vector<FamilyRule> rules_;
    first::RuleBits mask_;
    std::array<std::uint8_t, first::kMaxRules> slot_{};
    std::size_t max_index_ = 0;
    bool ordered_ = true;
};

}  // namespace dateline::grammar
