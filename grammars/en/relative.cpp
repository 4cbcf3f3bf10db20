// Relative family: this/last/next + unit or name, deictic days, offsets (ago/later/earlier),
// and anaphoric expressions (the next day, that week). Corpus: relative.corpus.
#include "common.hpp"

namespace dateline::grammar {
namespace {

// "this coming Sunday" is the first Sunday after the anchor, "this past Sunday" the latest one before
// it (the resolver reads Coming/Past on a weekday so; on other periods as next/last).
auto const rel_word = kw("this past")[put(&Expr::rel, Rel::Past)] | kw("last")[put(&Expr::rel, Rel::Last)] |
                      kw("this coming")[put(&Expr::rel, Rel::Coming)] | kw("next")[put(&Expr::rel, Rel::Next)] |
                      (kw("this") | kw("the current") | kw("current"))[put(&Expr::rel, Rel::This)];
// Units a this/last/next can take without a number.
auto const period_unit =
    x3::lexeme[x3::no_case[lex::unit_singular()] >> word_end][([](auto& ctx) {
        Unit u = x3::_attr(ctx);
        if (u == Unit::Second || u == Unit::Minute || u == Unit::Hour || u == Unit::Day || u == Unit::Night ||
            u == Unit::Millennium || u == lex::kFortnight)
            x3::_pass(ctx) = false;
        else
            out(ctx).unit = u;
    })];
// "earlier this year" is the START of this year, "later this month" its END (TimeBank).
auto const earlier_later = -(kw("earlier")[put(&Expr::mod, Mod::Start)] | kw("later")[put(&Expr::mod, Mod::End)]);

// this week / last month / next year / the end of this year / earlier this year. No article before
// last/next: "the next year" is anaphoric (the year after the reference time), see `anaphoric`.
auto const rel_unit = -mod_prefix >> earlier_later >> rel_word >> period_unit;
// this election year / last fiscal year / this calendar year
auto const qualifier = x3::lexeme[+x3::alpha >> word_end];
auto const rel_named_period = -mod_prefix >> kw("this")[put(&Expr::rel, Rel::This)] >> qualifier >>
                              x3::lexeme[x3::no_case[x3::lit("year")] >> word_end]
                                        [put(&Expr::unit, Unit::Year, &Expr::named_period, true)];
// last Friday / next Tuesday / last November / this summer / last Friday night
// last Oct. 23 / next March 3: a month-day with last/next is the latest before / first after the anchor
auto const rel_named = -mod_prefix >> rel_word >>
                       (weekday >> -part_of_day | month >> -(day_number >> !x3::lit('-')) | season);
// today / yesterday morning / tomorrow / tonight / today's
auto const deictic_day = (kw("today") | kw("tonight")[put(&Expr::tonight, true)] |
                          kw("yesterday")[put(&Expr::day_offset, -1)] |
                          kw("tomorrow")[put(&Expr::day_offset, 1)]);
// "Earlier yesterday", "Later today": the extent takes the adverb (TimeBank), the value stays the day's.
auto const earlier_later_word = kw("earlier") | kw("later");
auto const deictic = x3::eps[put(&Expr::shape, Shape::Deictic)] >> -(mod_prefix | earlier_later_word) >> deictic_day >>
                     possessive >> -part_of_day;
// overnight: a night next to the reference day (the recognizer keeps only the adverb, not "an
// overnight success")
auto const overnight = x3::eps[put(&Expr::shape, Shape::Deictic, &Expr::tonight, true, &Expr::overnight, true,
                                   &Expr::anaphoric, true)] >>
                       kw("overnight");
// this morning / this afternoon / this evening / last night
auto const deictic_part =
    x3::eps[put(&Expr::shape, Shape::Deictic)] >>
    (kw("this") >> part_of_day |
     kw("last")[put(&Expr::day_offset, -1)] >> x3::lexeme[x3::no_case[x3::lit("night")] >> word_end]
                                                  [put(&Expr::part, PartOfDay::Night)]);
// the day before yesterday / the day after tomorrow
auto const deictic_far = x3::eps[put(&Expr::shape, Shape::Deictic)] >> (the >> kw("day before yesterday")[put(&Expr::day_offset, -2)] |
                          the >> kw("day after tomorrow")[put(&Expr::day_offset, 2)]);
// three weeks ago / a day later / two years earlier / 10 years from now / almost four years ago
auto const offset_dir =
    (kw("ago") | kw("back"))[put(&Expr::rel, Rel::Ago)] |
    (kw("from now") | kw("from today") | kw("hence"))[put(&Expr::rel, Rel::After)] |
    // ("two years later than planned", "three days earlier than expected": a difference, the duration)
    (kw("later") >> !kw("than") | kw("after that") | kw("afterward") | kw("afterwards"))
        [put(&Expr::rel, Rel::After, &Expr::anaphoric, true)] |
    (kw("earlier") >> !kw("than") | kw("before that") | kw("previously") |
     // "two days before." is an offset; "ten days before the murder" is a duration the event anchors
     (kw("before") | kw("prior")) >> !(x3::lexeme[+x3::alnum]))
        [put(&Expr::rel, Rel::Before, &Expr::anaphoric, true)];
auto const offset =
    x3::eps[put(&Expr::shape, Shape::Offset)] >> approx_before_quantity >> quantity[set_quantity()] >> any_unit >>
    -kw("or so")[put(&Expr::mod, Mod::Approx)] >> offset_dir;  // "a week or so ago"
// Hours later / Days later / Weeks earlier / years ago: an offset of an unsaid number of units, as
// "a few days later" ("hours later" than planned is no offset).
auto const vague_unit = x3::lexeme[x3::no_case[lex::unit_plural()[([](auto& ctx) {
                            const Unit u = x3::_attr(ctx);
                            if (u == lex::kFortnight) x3::_pass(ctx) = false;  // (rare; "fortnights later" unsaid)
                            else out(ctx).unit = u;
                        })]] >> word_end];
auto const vague_offset = x3::eps[put(&Expr::shape, Shape::Offset, &Expr::vague_quantity, true)] >> vague_unit >>
                          offset_dir;
// a year ago today / two months ago today: the same day that far back
auto const months_years = (kw("year") | kw("years"))[put(&Expr::unit, Unit::Year)] |
                          (kw("month") | kw("months"))[put(&Expr::unit, Unit::Month)];
auto const ago_today = x3::eps[put(&Expr::shape, Shape::Offset, &Expr::same_day, true)] >> quantity[set_quantity()] >>
                       months_years >> kw("ago today")[put(&Expr::rel, Rel::Ago)];
// this time last year / the same time next year / this day a year ago / the same day a year earlier:
// the same day a year away (a year from the reference time after "earlier"/"later")
auto const this_time_year =
    x3::eps[put(&Expr::shape, Shape::Offset, &Expr::same_day, true, &Expr::unit, Unit::Year, &Expr::quantity, 1.0)] >>
    (kw("this time") | kw("the same time") | kw("this day") | kw("the same day") | kw("this date")) >>
    (kw("last year")[put(&Expr::rel, Rel::Ago)] | kw("a year ago")[put(&Expr::rel, Rel::Ago)] |
     kw("next year")[put(&Expr::rel, Rel::After)] |
     kw("a year earlier")[put(&Expr::rel, Rel::Before, &Expr::anaphoric, true)] |
     kw("a year later")[put(&Expr::rel, Rel::After, &Expr::anaphoric, true)]);
// the next day / the following week / the previous year / the next morning / the day before
auto const anaphoric_dir = (kw("next") | kw("following") | kw("subsequent"))[put(&Expr::rel, Rel::Following)] |
                           (kw("previous") | kw("prior") | kw("preceding"))[put(&Expr::rel, Rel::Previous)];
auto const day_unit = x3::lexeme[x3::no_case[lex::unit_singular()] >> word_end][([](auto& ctx) {
    if (x3::_attr(ctx) == lex::kFortnight) x3::_pass(ctx) = false;  // "the next fortnight": a duration
    else out(ctx).unit = x3::_attr(ctx);
})];
auto const anaphoric_unit = day_unit | part_of_day[put(&Expr::unit, Unit::Day)];
auto const anaphoric =
    x3::eps[put(&Expr::anaphoric, true)] >> (kw("the") >> anaphoric_dir >> anaphoric_unit |
     kw("the") >> day_unit >>
         (kw("before")[put(&Expr::rel, Rel::Previous)] | kw("after")[put(&Expr::rel, Rel::Following)]) >>
         !(x3::lexeme[+x3::alnum]));
// the previous Friday / the following Monday: the weekday before / after the reference time
auto const anaphoric_weekday = x3::eps[put(&Expr::anaphoric, true)] >> kw("the") >> anaphoric_dir >> weekday;
// the following spring / the next summer / the previous winter: the season after / before the
// reference time's
auto const anaphoric_season =
    x3::eps[put(&Expr::anaphoric, true)] >> kw("the") >>
    ((kw("next") | kw("following") | kw("subsequent"))[put(&Expr::rel, Rel::Next)] |
     (kw("previous") | kw("prior") | kw("preceding"))[put(&Expr::rel, Rel::Last)]) >>
    season;
// "He was arrested that May" (after "March 2021"): the month in the year of the reference time
auto const that_month = x3::eps[put(&Expr::anaphoric, true, &Expr::rel, Rel::This)] >> kw("that") >> month >>
                        !day_number;
// "She was promoted in 1955. That summer, she married": the season in the year of the reference time
auto const that_season = x3::eps[put(&Expr::anaphoric, true, &Expr::rel, Rel::This)] >> kw("that") >> season;
// the week after next / the month after next / the year after next: two periods after the anchor's
auto const after_next = x3::eps[put(&Expr::rel, Rel::Next, &Expr::quantity, 2.0)] >> kw("the") >> period_unit >>
                        kw("after next");
// that week / that year / the same day / that morning / that same day / that very night
auto const same = x3::eps[put(&Expr::rel, Rel::Same, &Expr::anaphoric, true)] >> earlier_later >>
                  (kw("that same") | kw("that very") | kw("that") | kw("the same") | kw("the very same")) >>
                  (day_unit | part_of_day[put(&Expr::unit, Unit::Day)]);
// For the year, ... / later in the day. / the week's most active stock: a bare "the" + unit closed by
// punctuation or a possessive is the period of the narrative's reference time ("the day he died" and
// "the year-ago quarter" are not).
auto const bare_period_unit = x3::lexeme[x3::no_case[x3::lit("year")[put(&Expr::unit, Unit::Year)] |
                                                     x3::lit("month")[put(&Expr::unit, Unit::Month)] |
                                                     x3::lit("week")[put(&Expr::unit, Unit::Week)] |
                                                     x3::lit("day")[put(&Expr::unit, Unit::Day)]] >>
                                         word_end];
auto const the_unit_alone = x3::eps[put(&Expr::rel, Rel::Same, &Expr::anaphoric, true)] >> kw("the") >>
                            bare_period_unit >>
                            &(x3::lit(',') | x3::lit('.') | x3::lit(';') | x3::lit(':') | x3::lit(')') |
                              (x3::lit("'s") | x3::lit("\xE2\x80\x99s")) >> word_end);
// earlier in the year / later in the month / earlier in the week: the start or end of the period the
// narrative is at, as "earlier this year" is of the DCT's ("earlier in the day" tags "the day" alone,
// see the_unit_alone).
auto const earlier_in_the = x3::eps[put(&Expr::rel, Rel::Same, &Expr::anaphoric, true)] >>
                            (kw("earlier")[put(&Expr::mod, Mod::Start)] | kw("later")[put(&Expr::mod, Mod::End)]) >>
                            kw("in the") >>
                            x3::lexeme[x3::no_case[x3::lit("year")[put(&Expr::unit, Unit::Year)] |
                                                   x3::lit("month")[put(&Expr::unit, Unit::Month)] |
                                                   x3::lit("week")[put(&Expr::unit, Unit::Week)]] >>
                                       word_end];
// the latest quarter / the quarter / the most recent quarter / the latest period: the reporting period
// of financial news; resolved to the quarter the narrative is about (see the resolver).
auto const period_word = kw("quarter") | kw("period");
auto const latest_period =
    x3::eps[put(&Expr::rel, Rel::Latest, &Expr::anaphoric, true, &Expr::unit, Unit::Quarter)] >> kw("the") >>
    ((kw("latest") | kw("most recent") | kw("current") | kw("same")) >> period_word | kw("quarter") |
     year4 >> period_word);  // "the 1988 quarter", "the 1989 period": the reported quarter of that year
// the year-ago quarter / the year-earlier period / year-ago / the comparable year-earlier quarter
auto const year_ago_word = x3::lexeme[x3::no_case[x3::lit("year-ago") | "year-earlier"] >> word_end];
auto const year_ago =
    x3::eps[put(&Expr::shape, Shape::Offset, &Expr::rel, Rel::Before, &Expr::anaphoric, true, &Expr::unit,
                Unit::Year)] >>
    (-kw("the") >> -kw("comparable") >> year_ago_word >>
         (period_word[put(&Expr::period, Unit::Quarter)] | !(x3::omit[quantity] | ordinal)) |
     -kw("the") >> year_ago_word >> ordinal[([](auto& ctx) {
         int q = x3::_attr(ctx);
         if (q < 1 || q > 4) x3::_pass(ctx) = false;
         else out(ctx).quarter = q;
     })] >> kw("quarter")[put(&Expr::period, Unit::Quarter)] |
     // the quarter a year ago / the same period a year earlier / the corresponding period last year /
     // last year's quarter: the reported period one year back, said the long way
     // ("period" is the reported quarter only in a report that named a quarter; see the resolver)
     kw("the") >> -(kw("same") | kw("comparable") | kw("corresponding")) >>
         (kw("quarter")[put(&Expr::period, Unit::Quarter)] | kw("period")) >>
         (kw("a year ago") | kw("a year earlier") | kw("last year") | kw("of last year") | kw("the year before")) |
     (kw("last year's") | kw("last year\xE2\x80\x99s")) >>
         (kw("quarter")[put(&Expr::period, Unit::Quarter)] | kw("period")));
// year-end / year end / year's end / the end of the year: the end of the anchor's year
auto const year_end = x3::eps[put(&Expr::rel, Rel::This, &Expr::unit, Unit::Year, &Expr::mod, Mod::End)] >>
                      (x3::lexeme[x3::no_case[x3::lit("year-end") | "year end" | "year's end" |
                                              "year\xE2\x80\x99s end"] >> word_end] |
                       (kw("the end of") | kw("the close of")) >> kw("the year"));
// the end of the month / the beginning of the week / the middle of the month: a part of the anchor's
// month or week, as "the end of the year" is of its year
auto const period_edge =
    x3::eps[put(&Expr::rel, Rel::This)] >>
    ((kw("the end of") | kw("the close of"))[put(&Expr::mod, Mod::End)] |
     (kw("the beginning of") | kw("the start of"))[put(&Expr::mod, Mod::Start)] |
     kw("the middle of")[put(&Expr::mod, Mod::Mid)]) >>
    kw("the") >>
    (kw("month")[put(&Expr::unit, Unit::Month)] | kw("week")[put(&Expr::unit, Unit::Week)] |
     kw("year")[put(&Expr::unit, Unit::Year)] | kw("decade")[put(&Expr::unit, Unit::Decade)] |
     kw("century")[put(&Expr::unit, Unit::Century)]) >>
    !x3::lit('-');
// mid-century / midcentury (forecasts: "rise 4 degrees by mid-century"): the middle of the anchor's
// century. Not the design style before a noun ("mid-century modern", "a mid-century house"): only
// before punctuation, the end, or a word that opens a clause or phrase.
auto const mid_century =
    x3::eps[put(&Expr::rel, Rel::This, &Expr::unit, Unit::Century, &Expr::mod, Mod::Mid)] >>
    x3::lexeme[x3::no_case[x3::lit("mid-century") | "midcentury" | "mid century"] >> word_end] >>
    &(x3::eoi | (x3::punct - x3::lit('-')) | kw("if") | kw("and") | kw("or") | kw("as") | kw("when") |
      kw("unless") | kw("the") | kw("at") | kw("in") | kw("to") | kw("with") | kw("because") | kw("but") |
      kw("while") | kw("according") | kw("compared"));
// the end of the day / by the close of the day / the end of the day Friday / the end of the day today: the
// last part of a day, the one named after it or else the day the narrative is at (the DCT in news).
// (The idiom "At the end of the day, ..." is no time: see the recognizer.)
auto const day_edge =
    x3::eps[put(&Expr::mod, Mod::End)] >> (kw("the end of") | kw("the close of")) >> kw("the day") >>
    (kw("today")[put(&Expr::shape, Shape::Deictic)] |
     kw("tomorrow")[put(&Expr::shape, Shape::Deictic, &Expr::day_offset, 1)] |
     kw("yesterday")[put(&Expr::shape, Shape::Deictic, &Expr::day_offset, -1)] |
     weekday |
     x3::eps[put(&Expr::rel, Rel::Same, &Expr::anaphoric, true, &Expr::unit, Unit::Day)] >> !x3::lit('-'));
// "today is the eighth day of Desert Shield", "It's the second day of an offensive": the N-th day of
// an event, said of the present; the recognizer keeps it only after "is" / "'s" (the day of the DCT).
// Elsewhere ("On the first day of the trial, ...") it is a day of an event the text does not date (the
// recognizer marks it Expr::event_day). Not a day of a calendar period ("the first day of March", "the
// last day of the month", "the first day of spring" are calendar dates, or nothing) nor of a routine.
auto const calendar_period_word = kw("week") | kw("month") | kw("year") | kw("quarter") | kw("decade") |
                                  kw("century") | kw("season") | kw("semester") | kw("term") | kw("weekend");
auto const nth_day_of_event =
    x3::eps[put(&Expr::shape, Shape::Deictic)] >> -kw("the") >>
    (x3::omit[ordinal] | kw("opening") | kw("final") | kw("closing")) >> kw("day") >>
    &(kw("of") >> !(x3::omit[month] | x3::omit[year4] | x3::omit[season] |
                    -(kw("the") | kw("this") | kw("that") | kw("next") | kw("last") | kw("each") | kw("every") |
                      kw("its") | kw("their") | kw("his") | kw("her") | kw("our") | kw("a")) >>
                        -(kw("new") | kw("fiscal") | kw("calendar") | kw("school") | kw("academic") |
                          kw("financial")) >>
                        calendar_period_word |
                    // a day of a routine, no one event: "the first day of school", "of work"
                    kw("school") | kw("work") | kw("class") | kw("classes") | kw("kindergarten") |
                    kw("college") | kw("life")));
// the full year / the fiscal year / the current fiscal year: the anchor's (fiscal) year
auto const the_year_qualified = x3::eps[put(&Expr::rel, Rel::This, &Expr::unit, Unit::Year)] >> kw("the") >>
                                (kw("full year") | -kw("current") >> kw("fiscal year"));
// the year ended Sept. 30 / the fiscal year ending March 31 / the year to March: the twelve months up to
// the date that follows (TimeML annotates the span as a duration, the date separately)
auto const the_year_ended = x3::eps[put(&Expr::shape, Shape::Duration, &Expr::unit, Unit::Year, &Expr::quantity, 1.0)] >>
                            kw("the") >> -kw("fiscal") >> kw("year") >>
                            &(kw("ended") | kw("ending") | (kw("to") | kw("through")) >> month);
// the weekend / over the weekend: the latest weekend (the next one in the future tense)
auto const the_weekend = x3::eps[put(&Expr::rel, Rel::Latest, &Expr::unit, Unit::Weekend)] >> kw("the") >>
                         kw("weekend");
// a week from Friday / three days from Tuesday / two weeks from tomorrow / a year from next month / a
// month from next Monday: the time said after "from", resolved as it would be alone, then shifted
// forward (Expr::shift_unit). "from now" / "from today" are offsets (above); "two weeks from Monday to
// Friday" is a span, not a shifted day.
auto const shift_quantity = quantity[([](auto& ctx) {
    const double q = x3::_attr(ctx);
    if (q <= 0) x3::_pass(ctx) = false;  // "a few days from Friday": no day can be named
    else out(ctx).shift_quantity = q;
})];
auto const set_shift_unit = [](auto& ctx) {
    const Unit u = x3::_attr(ctx);
    if (u == lex::kFortnight) {
        out(ctx).shift_unit = Unit::Week;
        out(ctx).shift_quantity *= 2;
    } else if (u == Unit::Day || u == Unit::Week || u == Unit::Month || u == Unit::Year) {
        out(ctx).shift_unit = u;
    } else {
        x3::_pass(ctx) = false;
    }
};
auto const shift_unit =
    x3::lexeme[x3::no_case[lex::unit_plural()[set_shift_unit] | lex::unit_singular()[set_shift_unit]] >> word_end];
auto const shift_anchor =
    kw("tomorrow")[put(&Expr::shape, Shape::Deictic, &Expr::day_offset, 1)] |
    kw("yesterday")[put(&Expr::shape, Shape::Deictic, &Expr::day_offset, -1)] |
    (kw("last")[put(&Expr::rel, Rel::Last)] | kw("next")[put(&Expr::rel, Rel::Next)] |
     kw("this")[put(&Expr::rel, Rel::This)]) >>
        (weekday >> -part_of_day | period_unit) |
    weekday >> -part_of_day;
auto const shifted_from = kw("from") >> shift_anchor >>
                          !(kw("to") | kw("through") | kw("until") | kw("till") | x3::lit('-'));
// a week ago Friday / two weeks ago yesterday / a month ago today: the day said after "ago", that far back
auto const negate_shift = [](auto& ctx) { out(ctx).shift_quantity = -out(ctx).shift_quantity; };
auto const ago_day =
    kw("ago")[negate_shift] >>
    (kw("today")[put(&Expr::shape, Shape::Deictic)] |
     kw("yesterday")[put(&Expr::shape, Shape::Deictic, &Expr::day_offset, -1)] | weekday >> -part_of_day) >>
    !(x3::lit("'s") | x3::lit("\xE2\x80\x99s"));
// (one rule for both: the quantity and unit are read once at each candidate, most of which are neither)
auto const shifted = shift_quantity >> shift_unit >> (shifted_from | ago_day);
// the day after Thanksgiving / the week before Christmas / day before last Tuesday / the day after March 3:
// the day (or the week) next to a named day
auto const holiday_name = x3::lexeme[x3::no_case[lex::holiday_names()[set(&Expr::holiday)]] >> word_end];
auto const next_to_day =
    -kw("the") >>
    (kw("day")[put(&Expr::shift_unit, Unit::Day)] |
     kw("week")[put(&Expr::shift_unit, Unit::Week, &Expr::period, Unit::Week)]) >>
    (kw("before")[put(&Expr::shift_quantity, -1.0)] | kw("after")[put(&Expr::shift_quantity, 1.0)]) >>
    ((kw("last")[put(&Expr::rel, Rel::Last)] | kw("next")[put(&Expr::rel, Rel::Next)] |
      kw("this")[put(&Expr::rel, Rel::This)]) >> weekday |
     holiday_name | weekday | month >> day_number >> -(comma >> year4)) >>
    !(x3::lit('-') | kw("of"));
// the week before last / the month before last / the weekend before last: two periods before the anchor's
auto const before_last = x3::eps[put(&Expr::rel, Rel::Last, &Expr::quantity, 2.0)] >> kw("the") >> period_unit >>
                         kw("before last");
// the Friday before last: the latest Friday before the anchor, a week further back
auto const weekday_before_last =
    x3::eps[put(&Expr::rel, Rel::Past, &Expr::shift_unit, Unit::Week, &Expr::shift_quantity, -1.0)] >> kw("the") >>
    weekday >> kw("before last");
// two Fridays ago / three Mondays ago: the latest such weekday before the anchor, then one week back per
// one more ("two Fridays ago" in a Friday story is the Friday two weeks before)
auto const weekday_plural =
    x3::lexeme[x3::no_case[lex::weekday_names()][set(&Expr::weekday)] >> x3::no_case[x3::lit('s')] >> word_end];
auto const weekdays_ago =
    x3::eps[put(&Expr::rel, Rel::Past, &Expr::shift_unit, Unit::Week)] >> quantity[([](auto& ctx) {
        const double q = x3::_attr(ctx);
        if (q < 1 || q > 1000 || q != static_cast<int>(q)) x3::_pass(ctx) = false;
        else out(ctx).shift_quantity = 1 - q;
    })] >>
    weekday_plural >> kw("ago");
// Monday week / Friday week (British): the coming such weekday, then a week on
auto const weekday_week = x3::eps[put(&Expr::rel, Rel::Coming, &Expr::shift_unit, Unit::Week, &Expr::shift_quantity, 1.0)] >>
                          weekday >> kw("week") >> !(x3::lit('-') | kw("of") | x3::lit("'s") | x3::omit[quantity]);
// the past weekend: the latest weekend, as "this past weekend"
auto const the_past_weekend = x3::eps[put(&Expr::rel, Rel::Past, &Expr::unit, Unit::Weekend)] >> kw("the") >>
                              kw("past") >> kw("weekend");
// July last year / Monday next week / March this year / early October this year
auto const named_rel_year = -mod_prefix >> (month | weekday) >> (kw("last")[put(&Expr::rel, Rel::Last)] |
                                                  kw("next")[put(&Expr::rel, Rel::Next)] |
                                                  kw("this")[put(&Expr::rel, Rel::This)]) >>
                            period_unit;

}  // namespace

void match_relative(It first, It last, Match& best) {
    static const Family family{Relative, {
        named_rule(rel_unit, "this-last-next-unit"),
        named_rule(rel_named_period, "this-named-year"),
        named_rule(rel_named, "this-last-next-name"),
        named_rule(deictic, "deictic-day"),
        named_rule(deictic_part, "deictic-part-of-day"),
        named_rule(deictic_far, "deictic-two-days"),
        named_rule(overnight, "overnight"),
        named_rule(offset, "offset"),
        named_rule(vague_offset, "vague-offset"),
        named_rule(ago_today, "ago-today"),
        named_rule(shifted, "shifted-from"),
        named_rule(weekdays_ago, "weekdays-ago"),
        named_rule(next_to_day, "day-next-to-day"),
        named_rule(before_last, "before-last"),
        named_rule(weekday_before_last, "weekday-before-last"),
        named_rule(weekday_week, "weekday-week"),
        named_rule(the_past_weekend, "the-past-weekend"),
        named_rule(this_time_year, "this-time-last-year"),
        named_rule(anaphoric, "anaphoric"),
        named_rule(anaphoric_weekday, "anaphoric-weekday"),
        named_rule(anaphoric_season, "anaphoric-season"),
        named_rule(that_month, "that-month"),
        named_rule(that_season, "that-season"),
        named_rule(after_next, "after-next"),
        named_rule(same, "same-period"),
        named_rule(the_unit_alone, "the-unit-alone"),
        named_rule(earlier_in_the, "earlier-in-the-period"),
        named_rule(named_rel_year, "name-relative-period"),
        named_rule(latest_period, "latest-period"),
        named_rule(the_weekend, "the-weekend"),
        named_rule(year_end, "year-end"),
        named_rule(period_edge, "period-edge"),
        named_rule(mid_century, "mid-century"),
        named_rule(day_edge, "day-edge"),
        named_rule(nth_day_of_event, "nth-day-of-event"),
        named_rule(the_year_ended, "the-year-ended"),
        named_rule(the_year_qualified, "the-full-year"),
        named_rule(year_ago, "year-ago-period"),
    }};
    family.run(first, last, best);
}

}  // namespace dateline::grammar
