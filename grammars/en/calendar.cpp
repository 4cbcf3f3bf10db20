// Calendar family: full and partial dates, months, years, seasons, quarters, halves, decades,
// centuries, with early/mid/late modifiers. Corpus: calendar.corpus.
#include "common.hpp"

namespace dateline::grammar {
namespace {

auto const ordinal_suffix = x3::no_case[x3::lit("st") | "nd" | "rd" | "th"];

// 2024-01-19, optionally with a time: 2024-01-19T09:30, 2024-01-19 09:30:00
auto const iso_date = x3::lexeme[uint_4[check_year] >> '-' >> uint_2[set(&Expr::month)] >> '-' >>
                                 uint_2[check_day] >>
                                 -((x3::lit('T') | ' ') >> uint_2[set(&Expr::hour)] >> ':' >>
                                   uint_2[set(&Expr::minute)] >> -(':' >> uint_2[set(&Expr::second)]) >>
                                   -(x3::lit('.') >> +x3::digit) >>  // fractions of a second
                                   -x3::lit('Z')[([](auto& ctx) {    // UTC: 2024-01-19T21:21:00Z
                                       out(ctx).zone_minutes = 0;
                                       out(ctx).has_zone = true;
                                   })]) >>
                                 not_more_digits >> word_end];
// '98 / ’08 after a preposition ("in '98", "the class of '08"; the recognizer checks the word before)
auto const apostrophe_year = year_apostrophe;
// 20240119 (only as a whole token)
auto const compact_date = x3::lexeme[uint_4[check_year] >> uint_2[set(&Expr::month)] >> uint_2[check_day] >>
                                     not_more_digits >> word_end];
auto check_month = [](auto& ctx) {
    int m = x3::_attr(ctx);
    if (m < 1 || m > 12) x3::_pass(ctx) = false;
    else out(ctx).month = m;
};
// 1/19/2024, 01/19/24 (US order); 31/01/2024, 19/1/24 (day first: only when the first number cannot
// be a month, as a US reader would also read it)
auto const slash_year = (uint_4[check_year] | uint_2[([](auto& ctx) {
                             out(ctx).year = x3::_attr(ctx);
                             out(ctx).two_digit_year = true;
                         })]);
auto const slash_date_dmy = x3::lexeme[uint_1_2[([](auto& ctx) {
                                           int d = x3::_attr(ctx);
                                           if (d < 13 || d > 31) x3::_pass(ctx) = false;
                                           else out(ctx).day = d;
                                       })] >>
                                       '/' >> uint_1_2[check_month] >> '/' >> slash_year >> not_more_digits >>
                                       word_end];
// 22.11.2025 / 1.3.2024: dotted dates are day first (the European order; a four-digit year only, so
// that version numbers and scores stay out).
auto const dotted_date_dmy = x3::lexeme[uint_1_2[check_day] >> '.' >> uint_1_2[check_month] >> '.' >>
                                        uint_4[check_year] >> not_more_digits >> word_end];
// (A month over 12 is left to fail in the resolver with a warning, "31/31/2023", unless the day-first
// reading is a date.)
auto const slash_date = x3::lexeme[uint_1_2[set(&Expr::month)] >> '/' >> uint_1_2[check_day] >>
                                   x3::eps[([](auto& ctx) {
                                       if (out(ctx).month > 12 && out(ctx).day <= 12) x3::_pass(ctx) = false;
                                   })] >>
                                   '/' >> slash_year >> not_more_digits >> word_end];

// 2025/11/12 (year first, slashes) / 12-Nov-2025 / Nov-2025 / 11/2025 (a month and a four-digit year)
auto const iso_slash_date = x3::lexeme[uint_4[check_year] >> '/' >> uint_1_2[check_month] >> '/' >> uint_1_2[check_day] >>
                                       not_more_digits >> word_end];
auto const dashed_day_month_year = x3::lexeme[uint_1_2[check_day] >> '-'] >> month >>
                                   x3::lexeme['-' >> uint_4[check_year] >> not_more_digits >> word_end];
auto const dashed_month_year = month >> x3::lexeme['-' >> uint_4[check_year] >> not_more_digits >> word_end];
auto const slash_month_year = x3::lexeme[uint_1_2[check_month] >> '/' >> uint_4[check_year] >> not_more_digits >> word_end];
// Years said as words (broadcast transcripts): nineteen ninety-six, the year two thousand,
// two thousand one.
auto const spoken_century = x3::lexeme[x3::no_case[lex::cardinal_units()] >> word_end][([](auto& ctx) {
    int c = x3::_attr(ctx);
    if (c < 11 || c > 19) x3::_pass(ctx) = false;
    else out(ctx).year = c * 100;
})];
auto const spoken_rest = cardinal_word[([](auto& ctx) {
    int n = x3::_attr(ctx);
    if (n < 10) x3::_pass(ctx) = false;
    else out(ctx).year += n;
})];
auto const two_thousand = (kw("two thousand") >> -kw("and"))[put(&Expr::year, 2000)] >>
                          -cardinal_word[([](auto& ctx) {
                              int n = x3::_attr(ctx);
                              if (n > 99) x3::_pass(ctx) = false;
                              else out(ctx).year += n;
                          })];
auto const spoken_year_core = (spoken_century >> spoken_rest | two_thousand) >> !any_unit;  // not "two thousand years"

// A weekday before the date, also abbreviated without a period as web bylines write it ("Tue April 16,
// 2013", "Wed Jan 23, 2013"): the bare abbreviation ("Sun", "Wed") only here, before a month.
auto const weekday_abbreviation =
    x3::lexeme[x3::no_case[lex::weekday_abbreviations()] >> word_end][set(&Expr::weekday)] >> &month;
auto const weekday_prefix = -(weekday >> comma | weekday_abbreviation);

// January 19, 2024 / Jan. 19 / December 27th / Friday, January 19, 2024
// March eighth, nineteen ninety-eight (transcripts): an ordinal word as the day, a spoken year.
auto const month_day_year = weekday_prefix >> month >> (day_number | day_ordinal >> !x3::lit('-')) >>
                            -(comma >> (year4 | spoken_year_core));
// 19 January 2024 / the 19th of January / Friday 19 January
auto const day_month_year = weekday_prefix >> the >> day_number >> -kw("of") >> month >> -(comma >> year4);
// the third of March
auto const ordinal_of_month = the >> day_ordinal >> kw("of") >> month >> -(comma >> year4);
// the last day of February / the first day of March 2023 / the last day of the month is not this rule
auto const day_of_month = the >> (kw("last day of")[put(&Expr::last_day_of_month, true)] |
                                  day_ordinal >> kw("day of")) >>
                          month >> -(comma >> year4);
// January 2024 / March of 1998
auto const month_year = -mod_prefix >> month >> -kw("of") >> comma >> (year4 | spoken_year_core);
// December / mid-December / early June
// "the March for Life", "the March of the Combatant Mothers", "the March on Washington": a named
// procession ("in March for health reasons" stays a month).
auto const not_march = x3::eps[([](auto& ctx) {
    if (out(ctx).month == 3) x3::_pass(ctx) = false;
})];
auto const month_only =
    -mod_prefix >> month >>
    (not_march | !((kw("for") | kw("of the") | kw("of") | kw("on") | kw("against")) >> x3::lexeme[x3::ascii::upper]));
// 1998 / the year 2000 / early 2023 / fiscal 2023 / fiscal year 2023 / FY2023 / 1998's
auto const fiscal = (kw("fiscal year") | kw("fiscal"))[put(&Expr::fiscal, true)];
auto const year_only = -mod_prefix >> (-(kw("the year") | fiscal) >> year4) |
                       x3::lexeme[x3::no_case[x3::lit("fy")] >> -x3::lit('-') >>
                                  (uint_4[check_year] | uint_2[([](auto& ctx) {
                                       out(ctx).year = x3::_attr(ctx);
                                       out(ctx).two_digit_year = true;
                                   })]) >>
                                  word_end][put(&Expr::fiscal, true)];
auto const spoken_year = -mod_prefix >> -kw("the year") >> spoken_year_core;  // not "two thousand years"
// this year's / last year's / next year's: the year of a quarter, half or season, from the anchor's
auto const year_s = x3::lexeme[x3::no_case[x3::lit("year's") | "year\xE2\x80\x99s"] >> word_end];
auto const year_rel_prefix =
    &((kw("this") | kw("last") | kw("next")) >> year_s) >>  // guard: no action runs unless it all matches
    (kw("this")[put(&Expr::rel, Rel::This)] | kw("last")[put(&Expr::rel, Rel::Last)] |
     kw("next")[put(&Expr::rel, Rel::Next)]) >>
    year_s[put(&Expr::unit, Unit::Year)];
// the fourth quarter of last year / the first half of next year / the spring of this year: the same
// year as "last year's fourth quarter"
auto const of_rel_year =
    &(kw("of") >> (kw("this") | kw("last") | kw("next")) >> kw("year")) >>  // guard, as above
    kw("of") >>
    (kw("this")[put(&Expr::rel, Rel::This)] | kw("last")[put(&Expr::rel, Rel::Last)] |
     kw("next")[put(&Expr::rel, Rel::Next)]) >>
    kw("year")[put(&Expr::unit, Unit::Year)];
// 1989's third quarter / 1990's first half: the year said in front, possessive
auto const year_possessive = x3::lexeme[uint_4[check_year] >> not_more_digits >> (x3::lit("'s") | "\xE2\x80\x99s") >>
                                        word_end];
// the 27th
auto const numeric_ordinal_day = x3::lexeme[uint_1_2[check_day] >> ordinal_suffix >> word_end];
auto const ordinal_day = kw("the") >> numeric_ordinal_day;
// the 15th of this month / the 3rd of next month / the first of last month: that day of a month named
// relative to the anchor's
auto const ordinal_of_rel_month =
    kw("the") >> (numeric_ordinal_day | day_ordinal) >> kw("of") >>
    (kw("this")[put(&Expr::rel, Rel::This)] | kw("next")[put(&Expr::rel, Rel::Next)] |
     kw("last")[put(&Expr::rel, Rel::Last)]) >>
    kw("month")[put(&Expr::unit, Unit::Month)];
// Tuesday the 14th / Tuesday, the 14th: the day with that number that falls on that weekday. An
// ordinal word only where no noun follows it ("Friday, the fourth decline in five days" is no date).
auto const day_ordinal_alone = day_ordinal >> !x3::lexeme[x3::alpha];
auto const weekday_the_day = weekday >> comma >> kw("the") >> (numeric_ordinal_day | day_ordinal_alone);
// November the 3rd / November the third, 2025
auto const month_the_day = month >> kw("the") >> (numeric_ordinal_day | day_ordinal_alone) >> -(comma >> year4);
// summer 2023 / the summer of 1998 / early summer
// the winter of nineteen ninety-four (transcripts)
// the winter of 2022-23 / winter 2022/23 / winter 2022–2023: a season over the turn of the year, named by
// both years; its value is the first one's (2022-WI). The second must be the next year.
auto const next_year_is = [](bool full) {
    return [full](auto& ctx) {
        int y = out(ctx).year, n = x3::_attr(ctx);
        x3::_pass(ctx) = full ? n == y + 1 : n == (y + 1) % 100;
    };
};
auto const next_year_digits = x3::lexeme[(x3::lit('-') | x3::lit('/') | "\xE2\x80\x93") >>
                                         (uint_4[next_year_is(true)] | uint_2[next_year_is(false)]) >> word_end];
auto const season_year = -mod_prefix >> (year_rel_prefix | the) >> season >>
                         -(of_rel_year | -kw("of") >> (year4 >> -next_year_digits | spoken_year_core));
// the third quarter / the 1988 second quarter / Q3 2023 / third-quarter / the fourth quarter of 2023 /
// the fourth quarter of last year
auto const quarter_word = kw("quarter") | x3::lexeme[x3::no_case[x3::lit("-quarter")] >> word_end];
auto const quarter_digit = x3::uint_parser<int, 10, 1, 1>{}[([](auto& ctx) {
    int q = x3::_attr(ctx);
    if (q < 1 || q > 4) x3::_pass(ctx) = false;
    else out(ctx).quarter = q;
})];
auto const half_digit = x3::uint_parser<int, 10, 1, 1>{}[([](auto& ctx) {
    int h = x3::_attr(ctx);
    if (h < 1 || h > 2) x3::_pass(ctx) = false;
    else out(ctx).half = h;
})];
// '23 glued to a quarter or half ("3Q23", "2H23"): a two-digit year
auto const two_digit_year = uint_2[([](auto& ctx) {
    out(ctx).year = x3::_attr(ctx);
    out(ctx).two_digit_year = true;
})] >> not_more_digits;
// (the end of the first quarter of 2025 / early third-quarter: a part of the quarter, as of a season)
auto const quarter =
    -mod_prefix >> (year_rel_prefix | year_possessive | the >> -year4) >> -(kw("fiscal") | x3::lexeme[x3::no_case[x3::lit("fiscal-")]]) >>
        x3::lexeme[x3::no_case[lex::ordinal_words()] >> (&x3::lit('-') | word_end)]
                       [([](auto& ctx) {
                           int q = x3::_attr(ctx);
                           if (q < 1 || q > 4) x3::_pass(ctx) = false;
                           else out(ctx).quarter = q;
                       })] >>
        quarter_word >> -(of_rel_year | -kw("of") >> comma >> -(kw("fiscal year") | kw("fiscal")) >> year4 |
                          kw("of the year")) |
    // the last quarter of 2023 / the final quarter of the year / the last quarter of last year: the fourth
    // (a year must follow: "the last quarter" alone is the three months up to now)
    (year_rel_prefix | the) >> (kw("last") | kw("final"))[put(&Expr::quarter, 4)] >> quarter_word >>
        (of_rel_year | kw("of") >> (year4 | kw("the year"))) |
    // the December quarter / the March-quarter / the June quarter of 2012: the calendar quarter that
    // month ends (business news of companies whose fiscal quarters are named by their last month);
    // only the four months that end a calendar quarter
    (year_rel_prefix | year_possessive | the >> -year4) >>
        x3::lexeme[x3::no_case[lex::month_names()] >> (&x3::lit('-') | word_end)][([](auto& ctx) {
            int m = x3::_attr(ctx);
            if (m % 3 != 0) x3::_pass(ctx) = false;
            else out(ctx).quarter = m / 3;
        })] >>
        quarter_word >> -(of_rel_year | kw("of") >> year4) |
    x3::lexeme[x3::no_case[x3::lit('q')] >> quarter_digit >> word_end] >> -(-kw("of") >> (year4 | year_apostrophe)) |
    // 3Q23 / 3Q 2023 / 4Q'89 (the analysts' form: quarter digit, Q, year)
    x3::lexeme[quarter_digit >> x3::no_case[x3::lit('q')] >> -x3::lit('\'') >> two_digit_year >> word_end] |
    x3::lexeme[quarter_digit >> x3::no_case[x3::lit('q')] >> word_end] >> (year4 | year_apostrophe);
// the first half of 2023 / the second half
// the last half of 1989 / the first two quarters of 1990 (a year said: "the first two quarters" alone is
// a duration); not "the last half hour"
auto const half = (year_rel_prefix | year_possessive | the >> -year4) >>
                  ((kw("first")[put(&Expr::half, 1)] | (kw("second") | kw("last"))[put(&Expr::half, 2)]) >>
                       (kw("half") | x3::lexeme[x3::no_case[x3::lit("-half")] >> word_end]) >> !any_unit >>
                       -(of_rel_year | kw("of") >> (year4 | kw("the year"))) >>
                       !kw("of") |  // not "the second half of the game"
                   (kw("first two quarters")[put(&Expr::half, 1)] | kw("last two quarters")[put(&Expr::half, 2)]) >>
                       kw("of") >> year4) |
                  // H1 2024 / 1H 2024 / 2H23 / H2 '23: a half with its year (alone, "H1" is no date)
                  x3::lexeme[(x3::no_case[x3::lit('h')] >> half_digit | half_digit >> x3::no_case[x3::lit('h')]) >>
                             -x3::lit('\'') >> two_digit_year >> word_end] |
                  x3::lexeme[(x3::no_case[x3::lit('h')] >> half_digit | half_digit >> x3::no_case[x3::lit('h')]) >>
                             word_end] >> (year4 | year_apostrophe);
// the first half of the 1990s / the last (second, latter, back) half of the '80s: the decade or century
// with mod START / END (TimeBank: "the last half of the '80s" is 198 END)
auto const half_of = &(kw("the") >> (kw("first") | kw("second") | kw("last") | kw("latter") | kw("back")) >>
                       kw("half of")) >>  // guard: no action runs unless it all matches
                     kw("the") >> (kw("first")[put(&Expr::mod, Mod::Start)] |
                                   (kw("second") | kw("last") | kw("latter") | kw("back"))[put(&Expr::mod, Mod::End)]) >>
                     kw("half of");
// the 1990s / 1990s / the '90s / the nineties / the early 1980s
auto const decade =
    (half_of | -mod_prefix) >> the >> -mod_prefix >>
    (x3::lexeme[uint_4[([](auto& ctx) {
         int y = x3::_attr(ctx);
         if (y % 10 != 0 || y < 1000 || y > 2190) x3::_pass(ctx) = false;
         else if (y % 100 == 0 && y < 2000) out(ctx).century = y / 100;  // "the 1800s": the 19th century
         else out(ctx).decade = y / 10;
     })] >> -x3::lit('\'') >> 's' >> word_end] |
     x3::lexeme[(x3::lit('\'') | "\xE2\x80\x99") >> uint_2[([](auto& ctx) {
                    int y = x3::_attr(ctx);
                    if (y % 10 != 0) x3::_pass(ctx) = false;
                    else {
                        out(ctx).decade = y / 10;
                        out(ctx).decade_of_century = true;
                    }
                })] >> 's' >> word_end] |
     x3::lexeme[x3::no_case[lex::decade_words()] >> word_end][([](auto& ctx) {
         out(ctx).decade = x3::_attr(ctx);
         out(ctx).decade_of_century = true;
     })]);
// the 20th century / the nineteenth century / the early 20th century
auto const century = (half_of | -mod_prefix) >> the >> -mod_prefix >>
                     ordinal[([](auto& ctx) {
                         int c = x3::_attr(ctx);
                         if (c < 1 || c > 22) x3::_pass(ctx) = false;
                         else out(ctx).century = c - 1;
                     })] >>
                     (kw("century") | x3::lexeme[x3::no_case[x3::lit("-century")] >> word_end]);
// the week of March 6 / the week of Oct. 23, 1989: the ISO week holding that day
// the weekend of June 8: the weekend of that day's ISO week
auto const week_of_date = (kw("the week of")[put(&Expr::unit, Unit::Week)] |
                           kw("the weekend of")[put(&Expr::unit, Unit::Weekend)]) >>
                          month >> day_number >>
                          -x3::lexeme['-' >> x3::omit[uint_1_2] >> not_more_digits >> word_end] >>  // "June 8-9"
                          -(comma >> year4);
// the first Monday in October / the third Tuesday of March 2024 / the last Friday of May: that weekday of
// the month, counted from its start or end; the first week of March / the last week of June: the ISO
// week that holds most of the month's first (last) seven days
auto const nth_weekday = the >> nth_of_month >>
                         (weekday | kw("week")[put(&Expr::unit, Unit::Week)]) >> (kw("of") | kw("in")) >> month >>
                         -(comma >> year4);
// Friday / Friday evening / Friday night / Friday's / early Friday / late Tuesday (the start / end of
// the day: mod START / END; before a part of the day, "early Friday morning", the adverb stays out, as
// in TimeBank)
auto const weekday_only = (kw("early")[put(&Expr::mod, Mod::Start)] | kw("late")[put(&Expr::mod, Mod::End)]) >>
                              weekday >> -(x3::lexeme[x3::lit("'s") >> word_end]) >> !part_of_day |
                          weekday >> -(x3::lexeme[x3::lit("'s") >> word_end]) >> -part_of_day;

}  // namespace

void match_calendar(It first, It last, Match& best) {
    static const Family family{Calendar, {
        named_rule(iso_date, "iso-date"),
        named_rule(compact_date, "compact-date"),
        named_rule(slash_date, "slash-date"),
        named_rule(slash_date_dmy, "slash-date-day-first"),
        named_rule(dotted_date_dmy, "dotted-date-day-first"),
        named_rule(apostrophe_year, "apostrophe-year"),
        named_rule(iso_slash_date, "slash-date-year-first"),
        named_rule(dashed_day_month_year, "dashed-day-month-year"),
        named_rule(dashed_month_year, "dashed-month-year"),
        named_rule(slash_month_year, "slash-month-year"),
        named_rule(ordinal_of_rel_month, "ordinal-of-relative-month"),
        named_rule(weekday_the_day, "weekday-the-day"),
        named_rule(month_the_day, "month-the-day"),
        named_rule(month_day_year, "month-day-year"),
        named_rule(day_month_year, "day-month-year"),
        named_rule(ordinal_of_month, "ordinal-of-month"),
        named_rule(day_of_month, "day-of-month"),
        named_rule(month_year, "month-year"),
        named_rule(month_only, "month"),
        named_rule(year_only, "year"),
        named_rule(spoken_year, "spoken-year"),
        named_rule(ordinal_day, "ordinal-day"),
        named_rule(season_year, "season"),
        named_rule(quarter, "quarter"),
        named_rule(half, "half-year"),
        named_rule(decade, "decade"),
        named_rule(century, "century"),
        named_rule(weekday_only, "weekday"),
        named_rule(week_of_date, "week-of-date"),
        named_rule(nth_weekday, "nth-weekday-of-month"),
    }};
    family.run(first, last, best);
}

}  // namespace dateline::grammar
