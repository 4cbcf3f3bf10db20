// Times family: clock times with a.m./p.m. and zones, noon, midnight, o'clock. A time next to a
// date ("January 19, 2024 – 9:21 p.m.", "10 a.m. Thursday") is merged by the recognizer's
// date+time refiner. Corpus: times.corpus.
#include "common.hpp"

namespace dateline::grammar {
namespace {

auto const check_hour = [](auto& ctx) {
    int h = x3::_attr(ctx);
    if (h > 24) x3::_pass(ctx) = false;
    else out(ctx).hour = h;
};
auto const check_minute = [](auto& ctx) {
    int m = x3::_attr(ctx);
    if (m > 59) x3::_pass(ctx) = false;
    else out(ctx).minute = m;
};
auto const check_second = [](auto& ctx) {
    int s = x3::_attr(ctx);
    if (s > 60) x3::_pass(ctx) = false;
    else out(ctx).second = s;
};

auto const am = x3::lexeme[x3::no_case[x3::lit("a.m.") | "a.m" | "am" | "a. m."] >> word_end][put(&Expr::ampm, 1)];
auto const pm = x3::lexeme[x3::no_case[x3::lit("p.m.") | "p.m" | "pm" | "p. m."] >> word_end][put(&Expr::ampm, 2)];
auto const ampm = am | pm;
auto const named_zone = x3::lexeme[x3::no_case[lex::zone_names()] >> word_end][([](auto& ctx) {
    out(ctx).zone_minutes = x3::_attr(ctx);
    out(ctx).has_zone = true;
})];
// US web bylines and live updates: "3:45 p.m. ET", "9 a.m. PT" (Eastern / Pacific time, standard or
// daylight as the date has it: no fixed offset). Upper case only, and only after a clock time.
auto const us_zone = x3::lexeme[(x3::lit("ET") | x3::lit("PT")) >> word_end];
auto const zone = named_zone | us_zone;
// "in the morning" / "in the afternoon", "in the evening", "at night" after an hour: a.m. / p.m.
auto const part_ampm = kw("in the morning")[put(&Expr::ampm, 1)] |
                       (kw("in the afternoon") | kw("in the evening") | kw("at night"))[put(&Expr::ampm, 2)];
// 9:21 p.m. / 08:30 EST / 14:05:09 / 4:30 in the afternoon
// The digits of a time end at a word end, or right before a glued a.m./p.m. ("3pm", "9:30pm").
auto const glued_ampm = &x3::no_case[x3::lit("am") | "pm" | "a.m" | "p.m"];
auto const clock = x3::lexeme[uint_1_2[check_hour] >> ':' >> uint_2[check_minute] >>
                              -(':' >> uint_2[check_second]) >> not_more_digits >> (word_end | glued_ampm)] >>
                   -ampm >> -zone >> -part_ampm;
// half past six / quarter past nine / quarter to eight (transcripts): the hour as a word or digits,
// 1-12, with a.m./p.m. or a part of the day when said; not before a unit ("quarter to six months").
// ("five to ten" is a range of numbers far more often than 9:55: only half and quarter.)
auto const set_spoken_hour = [](auto& ctx) {
    int h = x3::_attr(ctx);
    Expr& x = out(ctx);
    if (h < 1 || h > 12) {
        x3::_pass(ctx) = false;
        return;
    }
    if (x.second == -2) {  // "quarter to eight": 7:45
        h = h == 1 ? 12 : h - 1;
        x.minute = 60 - x.minute;
    }
    x.second = -1;
    x.hour = h;
};
auto const spoken_hour = x3::lexeme[uint_1_2 >> not_more_digits >> word_end][set_spoken_hour] |
                         cardinal_word[set_spoken_hour];
auto const past_to =
    (kw("half")[put(&Expr::minute, 30)] | -kw("a") >> kw("quarter")[put(&Expr::minute, 15)]) >>
    (kw("past")[put(&Expr::second, -1)] | kw("to")[put(&Expr::second, -2)]) >> spoken_hour >>
    !any_unit >> -(ampm | part_ampm);
// 10.30am / 7.45 p.m. / 14.22 BST (British): a dot between hour and minute only with a.m./p.m. or a
// named zone, which tells it from a decimal number
auto const dotted_clock = x3::lexeme[uint_1_2[check_hour] >> '.' >> uint_2[check_minute] >> not_more_digits >>
                                     (word_end | glued_ampm)] >>
                          (ampm >> -zone | named_zone);
// 0600 GMT / 1430 UTC (wire style): four digits only with a zone, which tells them from a year or
// an amount
auto const military_clock = x3::lexeme[x3::uint_parser<int, 10, 2, 2>()[check_hour] >>
                                       x3::uint_parser<int, 10, 2, 2>()[check_minute] >> not_more_digits >>
                                       word_end] >>
                            zone;
// 10 a.m. / 9 pm EST / 3pm
auto const hour_ampm =
    x3::lexeme[uint_1_2[check_hour] >> not_more_digits >> (word_end | glued_ampm)] >> ampm >> -zone;
// noon / midnight / midday / noon EST
auto const named_time = ((kw("noon") | kw("midday"))[put(&Expr::hour, 12, &Expr::minute, 0)] |
                         kw("midnight")[put(&Expr::hour, 24, &Expr::minute, 0)]) >>
                        -zone;
// ten o'clock / 10 o'clock in the morning
auto const oclock_hour = x3::lexeme[uint_1_2[check_hour] >> word_end] |
                         cardinal_word[([](auto& ctx) {
                             int h = x3::_attr(ctx);
                             if (h > 12) x3::_pass(ctx) = false;
                             else out(ctx).hour = h;
                         })];
auto const oclock = oclock_hour >> (kw("o'clock") | kw("o\xE2\x80\x99" "clock")) >>
                    -(kw("in the morning")[put(&Expr::ampm, 1)] |
                      (kw("in the afternoon") | kw("in the evening") | kw("at night"))[put(&Expr::ampm, 2)]);

// 4 in the morning / 11 at night: an hour with its part of the day
auto const hour_part = x3::lexeme[uint_1_2[check_hour] >> not_more_digits >> word_end] >>
                       (kw("in the morning")[put(&Expr::ampm, 1)] |
                        (kw("in the afternoon") | kw("in the evening") | kw("at night"))[put(&Expr::ampm, 2)]);
// mid-afternoon / midmorning / mid-afternoon yesterday: the middle of a part of the day, on the
// narrative's day (or the day said after it)
auto const mid_part =
    x3::lexeme[x3::no_case[(x3::lit("mid-") | x3::lit("mid ") | x3::lit("mid")) >>
                           (x3::lit("afternoon")[put(&Expr::part, PartOfDay::Afternoon)] |
                            x3::lit("morning")[put(&Expr::part, PartOfDay::Morning)])] >>
               word_end] >>
    -(kw("yesterday")[put(&Expr::shape, Shape::Deictic, &Expr::day_offset, -1)] |
      kw("today")[put(&Expr::shape, Shape::Deictic)]);

}  // namespace

void match_times(It first, It last, Match& best) {
    static const Family family{Times, {
        named_rule(hour_part, "hour-part-of-day"),
        named_rule(mid_part, "mid-part-of-day"),
        named_rule(clock, "clock-time"),
        named_rule(past_to, "half-past-hour"),
        named_rule(dotted_clock, "dotted-clock-time"),
        named_rule(military_clock, "four-digit-time-zone"),
        named_rule(hour_ampm, "hour-am-pm"),
        named_rule(named_time, "noon-midnight"),
        named_rule(oclock, "o-clock"),
    }};
    family.run(first, last, best);
}

}  // namespace dateline::grammar
