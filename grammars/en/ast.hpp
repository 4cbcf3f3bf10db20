// The typed form of what a temporal expression *says*, produced by the X3 grammar.
// It is never a resolved date: resolution (src/resolve) is a separate, pure function.
#pragma once
#include <cstdint>

namespace dateline::grammar {

enum class Shape : std::uint8_t {
    Calendar,  // calendar fields, any subset: "January 19, 2024", "December", "Friday", "1998",
               // "the 1990s", "last November", "this week", "next Tuesday", "Q3", "summer"
    Deictic,   // today / yesterday / tomorrow / tonight / "the day before yesterday" (day_offset)
    Offset,    // N units ago / later / earlier / from now / hence
    Duration,  // N units, "the past N units", "two and a half years"
    Set,       // every Monday, weekly, each year, twice a week
    Fuzzy,     // now, currently, recently, the future, the past
};

enum class Unit : std::uint8_t { None, Second, Minute, Hour, Day, Night, Weekend, Week, Month, Quarter,
                                 Half, Year, Decade, Century, Millennium };

// The relation the text states to an anchor.
enum class Rel : std::uint8_t {
    None,
    This,       // this week, this November, this election year
    Last,       // last week, last Friday, last November
    Next,       // next week, next Tuesday
    Ago,        // three weeks ago
    After,      // three weeks later / from now / after
    Before,     // two years earlier / before
    Previous,   // the previous day, the day before (anaphoric)
    Following,  // the next day, the following week (anaphoric)
    Same,       // that week, the same day (anaphoric)
    Past,       // the past five years (duration looking back)
    Coming,     // the coming days, the next five years (duration looking forward)
    Latest,     // the latest quarter, the quarter: the period the narrative is reporting on
};

enum class Mod : std::uint8_t { None, Start, Mid, End, Approx, MoreThan, LessThan, EqualOrMore, EqualOrLess };
enum class Fuzzy : std::uint8_t { None, Present, Past, Future };
enum class PartOfDay : std::uint8_t { None, Morning, Afternoon, Evening, Night, Day };
enum class Season : std::uint8_t { None, Spring, Summer, Fall, Winter };

struct Expr {
    Shape shape = Shape::Calendar;
    // Calendar fields as said in the text; 0 / -1 mean "not said".
    int year = 0;          // 1998; with two_digit_year the text said '98
    bool two_digit_year = false;
    bool fiscal = false;   // fiscal 2023
    int month = 0;         // 1..12
    int day = 0;           // 1..31
    int weekday = 0;       // ISO 1 (Monday) .. 7 (Sunday)
    int week = 0;          // ISO week number ("week 3")
    int hour = -1, minute = -1, second = -1;
    int ampm = 0;          // 1 a.m., 2 p.m.
    int zone_minutes = 0;  // offset of a named zone (EST = -300)
    bool has_zone = false;
    int decade = -1;       // 199 for "the 1990s"; with decade_of_century the text said "the '90s"
    bool decade_of_century = false;
    int century = -1;      // 19 for "the 20th century"
    Season season = Season::None;
    int quarter = 0;       // 1..4
    int half = 0;          // 1..2
    PartOfDay part = PartOfDay::None;
    int holiday = 0;       // index into the holiday table
    int day_offset = 0;    // Deictic: -1 yesterday, 0 today, +1 tomorrow
    bool tonight = false;
    bool overnight = false;  // Deictic: the night before the reference day in a past clause, its own
                             // night otherwise ("The quake struck overnight")
    // Relative and quantity parts.
    Rel rel = Rel::None;
    Unit unit = Unit::None;
    double quantity = 1;   // "three weeks" -> 3
    bool vague_quantity = false;  // "several weeks", "a few days" -> P<X>W
    int times = 0;         // Set: "twice a week" -> 2
    bool anaphoric = false;       // anchors at the reference time, not the DCT
    Mod mod = Mod::None;
    Fuzzy fuzzy = Fuzzy::None;
    bool ordinal_day_only = false;  // "the 27th"
    bool last_day_of_month = false; // "the last day of February": day = the month's last (year_month_day_last)
    bool named_period = false;      // "this election year", "this fiscal year": unit said with a qualifier
    Unit period = Unit::None;       // Offset: the period it lands in, when said ("the year-ago quarter")
    bool same_day = false;          // Offset: the same day N months/years away ("a year ago today",
                                    // "this time last year"), not the whole month/year
    // A reporting period followed by the day it ends ("the quarter ended Sept. 30", "the quarter ending
    // March 31"; set by the recognizer, which sees both): that day's month, day and year (0: not said).
    int ends_month = 0, ends_day = 0, ends_year = 0;
    bool period_end = false;  // this day ends the period said before it ("ended Sept. 30")
    bool ended = false;       // ... and the text says the period "ended": the day lies behind the anchor
    bool range_end = false;   // the second month of "between March and May", "from November to February": the
                              // first such month on or after the first (set by the recognizer; anaphoric)
    bool since = false;       // after "since": the start of a state that lasts until now, never after the
                              // anchor ("Since January, the group has ...", written in December; set by the recognizer)
    int list_year = 0;        // a bare month listed right after a year: "in 2024, in August, November and ..."
                              // (set by the recognizer): that year
    int range_until = 0;      // the first month of such a range: the month that ends it (a range told in the
                              // past ends by the anchor's month: "lasted from November to February")
    bool aside = false;       // a quarter said with an indefinite article ("After a flat second quarter,
                              // Kimberly-Clark ..."; set by the recognizer): it characterizes a period
                              // in passing, the report does not move to it
    bool timestamp = false;   // a clock time that opens a line and heads what follows ("3:30 p.m. ET: The FBI
                              // says ..."; set by the recognizer): a live update's time, on the DCT's day
    int nth = 0;  // "the third Tuesday of March": 3 (with weekday and month); -1 for "the last Friday of May"
    // "a week from Friday", "three days from Tuesday", "a year from next month": the time said after
    // "from" (the other fields), shifted forward by shift_quantity shift_units (Unit::None: no shift).
    Unit shift_unit = Unit::None;
    double shift_quantity = 0;
    // "the first day of the trial", "the second day of talks": a day counted within an event whose date
    // the text does not give; its value is unknown, and so is the time the narrative is at after it.
    bool event_day = false;
};

}  // namespace dateline::grammar
