// The resolver. See resolver.hpp. Calendar arithmetic: Howard Hinnant's date (no hand-written
// month lengths, leap years or weekday math).
#include "resolver.hpp"

#include <charconv>
#include <cmath>

#include <date/date.h>
#include <date/iso_week.h>
#include <fmt/format.h>

#include "../../grammars/en/lexicon.hpp"

namespace dateline::resolve {
namespace {

using namespace date;
using grammar::Expr;
using grammar::Mod;
using grammar::PartOfDay;
using grammar::Rel;
using grammar::Season;
using grammar::Shape;
using grammar::Unit;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_seconds;

// A month-day without a year ("March 3") is the occurrence nearest the anchor, unless the tense
// says otherwise and the nearest one lies more than this many days on the other side (a season:
// tense cues are noisy near the DCT, e.g. "said ... will be completed by Dec. 15").
constexpr int kTenseOverridesNearest = 90;

// Which way a bare weekday/month/day goes from the anchor.
enum class Direction { OnOrBefore, OnOrAfter, After, Same, Nearest };

Direction direction_for(const Context& c, bool weekday) {
    switch (c.strategy) {
        case Strategy::Past: return Direction::OnOrBefore;
        case Strategy::Future: return Direction::OnOrAfter;
        default: break;
    }
    switch (c.tense) {
        case Tense::Past: return Direction::OnOrBefore;
        case Tense::Future: return Direction::OnOrAfter;
        case Tense::Present: return weekday ? Direction::Nearest : Direction::Same;
        case Tense::Unknown: return weekday ? Direction::OnOrBefore : Direction::Same;
    }
    return Direction::Same;
}

const char* direction_text(Direction d) {
    switch (d) {
        case Direction::OnOrBefore: return "latest on or before";
        case Direction::OnOrAfter: return "first on or after";
        case Direction::After: return "first after";
        case Direction::Same: return "in the year of";
        case Direction::Nearest: return "nearest to";
    }
    return "";
}

// The first `wd` strictly after `d`, the latest strictly before it.
date::sys_days first_after(date::sys_days d, date::weekday wd) { return d + date::days{1} + (wd - date::weekday{d + date::days{1}}); }
date::sys_days latest_before(date::sys_days d, date::weekday wd) { return d - date::days{1} - (date::weekday{d - date::days{1}} - wd); }

// Zero-padded decimal digits written into a fixed buffer (what fmt's {:04} / {:02} print for values
// in range): the values below are formatted for every timex, a fmt::format temporary each costs more
// than the resolution itself.
char* put_digits(char* p, unsigned v, int width) {
    for (int k = width - 1; k >= 0; --k) {
        p[k] = char('0' + v % 10);
        v /= 10;
    }
    return p + width;
}
bool plain_year(int y) { return y >= 0 && y <= 9999; }

// Explanations and values built by appending (what fmt's "{}" prints for strings and ints): one
// string, no format string parsed at run time.
void put(std::string& s, std::string_view v) { s.append(v); }
void put(std::string& s, int v) {
    char buf[12];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    s.append(buf, res.ptr);
}
// fmt's "{}" of a double: an integral value below 1e15 is its digits (fmt's shortest
// representation has no exponent and no fraction for it); any other value goes through fmt.
void put(std::string& s, double v) {
    if (v >= 0 && v < 1e15 && v == std::floor(v) && !std::signbit(v)) {
        char buf[24];
        auto res = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
        s.append(buf, res.ptr);
    } else {
        s += fmt::format("{}", v);
    }
}
// fmt's "{:0N}" of an integer (N = width): the sign, then zeros up to `width` bytes in all.
void put_padded(std::string& s, long long v, int width) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    const char* digits = buf;
    if (v < 0) {
        s.push_back('-');
        ++digits;
        --width;
    }
    for (auto len = res.ptr - digits; len < width; ++len) s.push_back('0');
    s.append(digits, std::size_t(res.ptr - digits));
}
std::size_t part_size(std::string_view v) { return v.size(); }
std::size_t part_size(int) { return 11; }  // "-2147483648"
std::size_t part_size(double) { return 24; }
template <class... A>
std::string cat(const A&... parts) {
    std::string s;
    s.reserve((part_size(parts) + ...));  // one allocation, not one per doubling
    (put(s, parts), ...);
    return s;
}
// fmt's "{:04}" of a year.
std::string year_value(int y) {
    // Before year 1 ("10,000 years ago"): the TIDES/TIMEX3 era form, "BC" and the year counted back
    // (astronomical year 0 is 1 BC), not a negative number.
    if (y <= 0) return fmt::format("BC{:04}", 1 - static_cast<long long>(y));
    if (!plain_year(y)) return fmt::format("{:04}", y);
    char buf[4];
    put_digits(buf, unsigned(y), 4);
    return std::string(buf, 4);
}

std::string day_value(year_month_day d) {
    if (!plain_year(int(d.year())) || unsigned(d.month()) > 99 || unsigned(d.day()) > 99)
        return fmt::format("{:04}-{:02}-{:02}", int(d.year()), unsigned(d.month()), unsigned(d.day()));
    char buf[10];
    char* p = put_digits(buf, unsigned(int(d.year())), 4);
    *p++ = '-';
    p = put_digits(p, unsigned(d.month()), 2);
    *p++ = '-';
    p = put_digits(p, unsigned(d.day()), 2);
    return std::string(buf, p);
}
std::string month_value(year y, month m) {
    if (!plain_year(int(y)) || unsigned(m) > 99) return fmt::format("{:04}-{:02}", int(y), unsigned(m));
    char buf[7];
    char* p = put_digits(buf, unsigned(int(y)), 4);
    *p++ = '-';
    p = put_digits(p, unsigned(m), 2);
    return std::string(buf, p);
}
std::string week_value(sys_days d) {
    iso_week::year_weeknum_weekday w{d};
    if (!plain_year(int(w.year())) || unsigned(w.weeknum()) > 99)
        return fmt::format("{:04}-W{:02}", int(w.year()), unsigned(w.weeknum()));
    char buf[8];
    char* p = put_digits(buf, unsigned(int(w.year())), 4);
    *p++ = '-';
    *p++ = 'W';
    p = put_digits(p, unsigned(w.weeknum()), 2);
    return std::string(buf, p);
}

Interval span(sys_days b, sys_days e) { return Interval{sys_seconds{b}, sys_seconds{e}}; }
Interval day_span(sys_days d) { return span(d, d + days{1}); }
Interval month_span(year y, month m) {
    auto b = sys_days{y / m / 1};
    return span(b, sys_days{(y / m / 1) + months{1}});
}
Interval year_span(year y) { return span(sys_days{y / 1 / 1}, sys_days{(y + years{1}) / 1 / 1}); }
sys_days monday_of(sys_days d) {
    iso_week::year_weeknum_weekday w{d};
    return sys_days{iso_week::year_weeknum_weekday{w.year(), w.weeknum(), iso_week::mon}};
}

const char* part_code(PartOfDay p) {
    switch (p) {
        case PartOfDay::Morning: return "MO";
        case PartOfDay::Afternoon: return "AF";
        case PartOfDay::Evening: return "EV";
        case PartOfDay::Night: return "NI";
        case PartOfDay::Day: return "DT";
        case PartOfDay::None: break;
    }
    return "";
}
// Wall-clock span of a part of day.
std::pair<hours, hours> part_hours(PartOfDay p) {
    switch (p) {
        case PartOfDay::Morning: return {hours{6}, hours{12}};
        case PartOfDay::Afternoon: return {hours{12}, hours{18}};
        case PartOfDay::Evening: return {hours{18}, hours{22}};
        case PartOfDay::Night: return {hours{20}, hours{30}};
        default: return {hours{0}, hours{24}};
    }
}

const char* season_code(Season s) {
    switch (s) {
        case Season::Spring: return "SP";
        case Season::Summer: return "SU";
        case Season::Fall: return "FA";
        case Season::Winter: return "WI";
        case Season::None: break;
    }
    return "";
}
// Meteorological seasons; winter Y runs from December Y to February Y+1.
Interval season_span(year y, Season s) {
    switch (s) {
        case Season::Spring: return span(sys_days{y / March / 1}, sys_days{y / June / 1});
        case Season::Summer: return span(sys_days{y / June / 1}, sys_days{y / September / 1});
        case Season::Fall: return span(sys_days{y / September / 1}, sys_days{y / December / 1});
        default: return span(sys_days{y / December / 1}, sys_days{(y + years{1}) / March / 1});
    }
}

std::string mod_value(Mod m) {
    switch (m) {
        case Mod::Start: return "START";
        case Mod::Mid: return "MID";
        case Mod::End: return "END";
        case Mod::Approx: return "APPROX";
        case Mod::MoreThan: return "MORE_THAN";
        case Mod::LessThan: return "LESS_THAN";
        case Mod::EqualOrMore: return "EQUAL_OR_MORE";
        case Mod::EqualOrLess: return "EQUAL_OR_LESS";
        case Mod::None: break;
    }
    return "";
}

// Narrows an interval to its start / middle / end third for EARLY/MID/LATE.
Interval apply_mod(Interval iv, Mod m) {
    auto len = iv.end - iv.begin;
    switch (m) {
        case Mod::Start: return {iv.begin, iv.begin + len / 3};
        case Mod::Mid: return {iv.begin + len / 3, iv.end - len / 3};
        case Mod::End: return {iv.end - len / 3, iv.end};
        default: return iv;
    }
}

// Picks the year of a (month, day) occurrence relative to the anchor day.
year pick_year(year_month_day anchor, month m, unsigned d, Direction dir) {
    auto y = anchor.year();
    auto md_now = anchor.month() / anchor.day();
    auto md = m / date::day{d};
    switch (dir) {
        case Direction::OnOrBefore: return md <= md_now ? y : y - years{1};
        case Direction::OnOrAfter: return md >= md_now ? y : y + years{1};
        case Direction::After: return md > md_now ? y : y + years{1};
        case Direction::Same: return y;
        case Direction::Nearest: {
            auto a = sys_days{anchor};
            auto dist = [&](year yy) {
                auto c = sys_days{yy / m / date::day{std::min(d, 28u)}};
                return std::abs((c - a).count());
            };
            year best = y;
            for (year cand : {y - years{1}, y + years{1}})
                if (dist(cand) < dist(best)) best = cand;
            return best;
        }
    }
    return y;
}

// A holiday's day in a given year.
std::optional<year_month_day> holiday_day(int index, year y) {
    const auto& h = grammar::lex::holiday(index);
    sys_days d;
    switch (h.kind) {
        case grammar::lex::Holiday::Fixed: d = sys_days{y / month(h.month) / date::day(h.day)}; break;
        case grammar::lex::Holiday::NthWeekday:
            d = sys_days{y / month(h.month) / weekday{unsigned(h.weekday % 7)}[unsigned(h.nth)]};
            break;
        case grammar::lex::Holiday::LastWeekday:
            d = sys_days{y / month(h.month) / weekday{unsigned(h.weekday % 7)}[last]};
            break;
        case grammar::lex::Holiday::Easter: {
            // Anonymous Gregorian algorithm (Meeus/Jones/Butcher) for the day of Easter Sunday.
            int Y = int(y), a = Y % 19, b = Y / 100, c = Y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25,
                g = (b - f + 1) / 3, hh = (19 * a + b - dd - g + 15) % 30, i = c / 4, k = c % 4,
                l = (32 + 2 * e + 2 * i - hh - k) % 7, m = (a + 11 * hh + 22 * l) / 451,
                mo = (hh + l - 7 * m + 114) / 31, da = ((hh + l - 7 * m + 114) % 31) + 1;
            d = sys_days{y / month(unsigned(mo)) / date::day(unsigned(da))};
            break;
        }
    }
    d += days{h.offset};
    return year_month_day{d};
}

struct Builder {
    const Expr& e;
    std::string_view text;
    const Context& c;
    Resolution r;

    // The anchor for this expression: DCT, or the reference time for anaphora / narratives.
    std::optional<year_month_day> anchor_day(bool anaphoric) {
        // The narrative strategy anchors what the text leaves open ("on Friday", "in June", "December
        // 27") at the last time mentioned; words relative to the time of writing ("today", "this
        // year", "last Friday", "three weeks ago") keep the DCT in every strategy.
        const bool speech_relative = !anaphoric && (e.shape == Shape::Deictic || e.shape == Shape::Offset ||
                                                    e.rel == Rel::This || e.rel == Rel::Last || e.rel == Rel::Next ||
                                                    e.rel == Rel::Past || e.rel == Rel::Coming);
        bool use_ref = anaphoric || (c.strategy == Strategy::Narrative && !speech_relative);
        if (use_ref && c.reference && c.reference->unknown) {
            // The story is at an undated time ("the first day of the trial"): "two days later" counts
            // from a day nobody can name; what only the narrative leaves open falls back to the DCT.
            if (anaphoric) return std::nullopt;
            use_ref = false;
        }
        if (use_ref && c.reference) {
            r.anchor = "reference";
            return year_month_day{c.reference->day};
        }
        if (c.dct) {
            r.anchor = "dct";
            return c.dct->day;
        }
        if (c.reference) {
            r.anchor = "reference";
            return year_month_day{c.reference->day};
        }
        return std::nullopt;
    }
    std::string anchor_name() const {
        if (r.anchor == "reference") return "reference time " + (c.reference ? c.reference->value : std::string());
        return "DCT " + (c.dct ? day_value(c.dct->day) : std::string());
    }

    void finish_mod() {
        if (e.mod != Mod::None) {
            r.mod = mod_value(e.mod);
            if (r.interval && (e.mod == Mod::Start || e.mod == Mod::Mid || e.mod == Mod::End))
                r.interval = apply_mod(*r.interval, e.mod);
        }
    }

    std::optional<Resolution> run();
    std::optional<Resolution> calendar();
    std::optional<Resolution> deictic();
    std::optional<Resolution> offset();
    std::optional<Resolution> duration();
    std::optional<Resolution> set();
    std::optional<Resolution> fuzzy();
    std::optional<Resolution> unit_period();
    std::optional<year_month> reported_quarter();
    void set_quarter(year_month first_month);
    std::optional<Resolution> coarse_reference_offset(double amount);
    // Fills r with the day (and its time of day, if any); false for an impossible time ("15 p.m.").
    bool with_time(year_month_day d);
    std::optional<Resolution> underspecified();
};

std::optional<Resolution> Builder::run() {
    switch (e.shape) {
        case Shape::Calendar: return calendar();
        case Shape::Deictic: return deictic();
        case Shape::Offset: return offset();
        case Shape::Duration: return duration();
        case Shape::Set: return set();
        case Shape::Fuzzy: return fuzzy();
    }
    return std::nullopt;
}

// Adds a clock time or part of day to a resolved day.
bool Builder::with_time(year_month_day d) {
    if (e.hour >= 0) {
        int h = e.hour;
        if (e.ampm == 2 && h < 12) h += 12;
        if (e.ampm == 1 && h == 12) h = 0;
        if (e.ampm != 0 && (e.hour == 0 || e.hour > 12)) return false;  // "15 p.m."
        int m = std::max(e.minute, 0);
        r.type = TimexType::Time;
        r.known |= FieldHour | (e.minute >= 0 ? FieldMinute : FieldNone) | (e.second >= 0 ? FieldSecond : FieldNone);
        // "{}T{:02}:{:02}" and ":{:02}" for the seconds
        r.value = day_value(d);
        r.value += 'T';
        put_padded(r.value, h, 2);
        r.value += ':';
        put_padded(r.value, m, 2);
        if (e.second >= 0) {
            r.value += ':';
            put_padded(r.value, e.second, 2);
        }
        auto b = sys_seconds{sys_days{d}} + hours{h} + minutes{m} + seconds{std::max(e.second, 0)};
        if (e.has_zone) {
            b -= minutes{e.zone_minutes};
            r.known |= FieldZone;
        }
        auto len = e.second >= 0 ? seconds{1} : seconds{60};
        r.interval = Interval{b, b + len};
        r.granularity = e.second >= 0 ? Granularity::Second : Granularity::Minute;
        return true;
    }
    if (e.part != PartOfDay::None) {
        // TimeML (TimeBank) types a part of a named day ("Friday night", "June 3 evening") as a DATE;
        // "this morning", "last night" are TIMEs.
        r.type = e.weekday > 0 || e.day > 0 ? TimexType::Date : TimexType::Time;
        r.known |= FieldPartOfDay;
        r.value = day_value(d);
        r.value += 'T';
        r.value += part_code(e.part);
        auto [from, to] = part_hours(e.part);
        r.interval = Interval{sys_seconds{sys_days{d}} + from, sys_seconds{sys_days{d}} + to};
        r.granularity = Granularity::PartOfDay;
        return true;
    }
    r.value = day_value(d);
    r.interval = day_span(sys_days{d});
    r.granularity = Granularity::Day;
    return true;
}

std::optional<Resolution> Builder::underspecified() {
    // No anchor at all: TimeML underspecified value, never a made-up date.
    r.temporal_function = true;
    r.anchor.clear();
    // What the text said is still known ("December 27": month and day); nothing is implied.
    r.implied = FieldNone;
    if (e.year > 0 && !e.two_digit_year) r.known |= FieldYear;
    if (e.month > 0) r.known |= FieldMonth;
    if (e.day > 0) r.known |= FieldDay;
    if (e.weekday > 0) r.known |= FieldWeekday;
    if (e.season != Season::None) r.known |= FieldSeason;
    if (e.quarter > 0) r.known |= FieldQuarter;
    if (e.hour >= 0) r.known |= FieldHour | (e.minute >= 0 ? FieldMinute : FieldNone);
    if (e.part != PartOfDay::None) r.known |= FieldPartOfDay;
    std::string y = e.year > 0 && !e.two_digit_year ? fmt::format("{:04}", e.year) : "XXXX";
    if (e.month > 0 && e.day > 0) {
        r.value = fmt::format("{}-{:02}-{:02}", y, e.month, e.day);
        r.granularity = Granularity::Day;
    } else if (e.month > 0) {
        r.value = fmt::format("{}-{:02}", y, e.month);
        r.granularity = Granularity::Month;
    } else if (e.weekday > 0) {
        r.value = fmt::format("XXXX-WXX-{}", e.weekday);
        r.granularity = Granularity::Day;
    } else if (e.season != Season::None) {
        r.value = fmt::format("{}-{}", y, season_code(e.season));
        r.granularity = Granularity::Season;
    } else if (e.quarter > 0) {
        r.value = fmt::format("{}-Q{}", y, e.quarter);
        r.granularity = Granularity::Quarter;
    } else if (e.unit == Unit::Week || e.unit == Unit::Weekend) {
        r.value = "XXXX-WXX";
        r.granularity = Granularity::Week;
    } else if (e.unit == Unit::Month) {
        r.value = "XXXX-XX";
        r.granularity = Granularity::Month;
    } else if (e.unit == Unit::Year) {
        r.value = "XXXX";
        r.granularity = Granularity::Year;
    } else {
        r.value = "XXXX-XX-XX";
        r.granularity = Granularity::Day;
    }
    if (e.hour >= 0) {
        int h = e.hour + (e.ampm == 2 && e.hour < 12 ? 12 : 0);
        if (e.ampm == 1 && e.hour == 12) h = 0;
        r.type = TimexType::Time;
        r.value += fmt::format("T{:02}:{:02}", h, std::max(e.minute, 0));
        r.granularity = Granularity::Minute;
    } else if (e.part != PartOfDay::None) {
        r.type = TimexType::Time;
        r.value += fmt::format("T{}", part_code(e.part));
        r.granularity = Granularity::PartOfDay;
    }
    r.explanation = fmt::format("{}: no DCT or reference time, left underspecified -> {}", text, r.value);
    finish_mod();
    return std::move(r);
}

std::optional<Resolution> Builder::calendar() {
    // "this coming" / "this past": on a weekday the first one after / the latest one before the
    // anchor; on any other period the same as next / last.
    if ((e.rel == Rel::Coming || e.rel == Rel::Past) && !(e.weekday > 0 && e.month == 0)) {
        Expr same = e;
        same.rel = e.rel == Rel::Coming ? Rel::Next : Rel::Last;
        Builder b{same, text, c, {}};
        return b.calendar();
    }
    // Units with this/last/next and no calendar name: "last week", "this year", "that week".
    if (e.unit != Unit::None && e.month == 0 && e.weekday == 0 && e.season == Season::None && e.quarter == 0 &&
        e.half == 0 && e.day == 0 && e.holiday == 0)  // ("Thanksgiving weekend": see Holidays)
        return unit_period();

    // Explicit, anchor-free values first.
    if (e.century >= 0) {
        r.known = FieldCentury;
        r.value = fmt::format("{:02}", e.century);
        r.granularity = Granularity::Century;
        r.interval = span(sys_days{year(e.century * 100) / 1 / 1}, sys_days{year(e.century * 100 + 100) / 1 / 1});
        r.explanation = fmt::format("{}: century {}01-{} -> {}", text, e.century, e.century * 100 + 100, r.value);
        finish_mod();
        return std::move(r);
    }
    int yr = e.year;
    bool year_known = e.year > 0;
    if (e.two_digit_year || (e.decade >= 0 && e.decade_of_century)) {
        auto a = anchor_day(false);
        int base = a ? int(a->year()) : 2000;
        if (e.two_digit_year) {
            // The century that puts the year closest to, and not more than 10 years after, the anchor.
            int y = (base / 100) * 100 + e.year;
            if (y > base + 10) y -= 100;
            yr = y;
        }
        if (e.decade >= 0 && e.decade_of_century) {
            int d = (base / 100) * 10 + e.decade;
            if (d * 10 > base) d -= 10;
            r.known = FieldDecade;
            r.implied = FieldCentury;
            r.value = fmt::format("{:03}", d);
            r.granularity = Granularity::Decade;
            r.interval = span(sys_days{year(d * 10) / 1 / 1}, sys_days{year(d * 10 + 10) / 1 / 1});
            r.explanation = fmt::format("{}: decade {}0s, century from {} -> {}", text, d, base, r.value);
            finish_mod();
            return std::move(r);
        }
    }
    if (e.decade >= 0) {
        r.known = FieldDecade;
        r.value = fmt::format("{:03}", e.decade);
        r.granularity = Granularity::Decade;
        r.interval = span(sys_days{year(e.decade * 10) / 1 / 1}, sys_days{year(e.decade * 10 + 10) / 1 / 1});
        r.explanation = fmt::format("{}: the decade {}0-{}9 -> {}", text, e.decade, e.decade, r.value);
        finish_mod();
        return std::move(r);
    }

    auto a = anchor_day(e.anaphoric);  // "the following spring": the reference time's
    bool relative = e.rel != Rel::None;
    if (year_known) {
        r.known |= FieldYear;
    } else if (!a) {
        return underspecified();
    }
    auto dir = direction_for(c, e.weekday > 0 && e.month == 0);
    // News strategy: an explicit future tense picks the next month / month-day after the anchor,
    // whatever the distance; other tenses keep the nearest occurrence (see kTenseOverridesNearest).
    const bool future_says_next =
        c.tense == Tense::Future && (dir == Direction::OnOrAfter || dir == Direction::After);

    // "the third Tuesday of March": the day is counted in the month (year_month_weekday[_last]); the
    // year as for a month-day: the nearest occurrence, unless the tense puts it on the other side
    // and the nearest is far (see kTenseOverridesNearest), or an explicit future says the next.
    const bool nth_week = e.unit == Unit::Week && e.weekday == 0;
    if (e.nth != 0 && (e.weekday > 0 || nth_week) && e.month > 0) {
        auto day_in = [&](year yy) -> std::optional<sys_days> {
            if (nth_week) {
                // "the first week of March": the ISO week holding March 4 (most of days 1-7 are in it,
                // as ISO week 1 holds January 4); "the last week of June": the one holding June 27.
                if (e.nth < 0) return sys_days{yy / month(e.month) / last} - days{3};
                year_month_day d{yy / month(e.month) / date::day(unsigned(7 * (e.nth - 1) + 4))};
                if (!d.ok() || e.nth > 4) return std::nullopt;
                return sys_days{d};
            }
            auto wd = weekday{unsigned(e.weekday % 7)};
            if (e.nth < 0) return sys_days{yy / month(e.month) / wd[last]};
            year_month_weekday ymw{yy / month(e.month) / wd[unsigned(e.nth)]};
            if (!ymw.ok()) return std::nullopt;
            return sys_days{ymw};
        };
        year y = year_known ? year(yr) : a->year();
        if (!year_known) {
            r.implied |= FieldYear | FieldDay;
            r.temporal_function = true;
            auto ad = sys_days{*a};
            std::optional<sys_days> best, before, after;
            for (int dy : {-1, 0, 1}) {
                auto d = day_in(a->year() + years{dy});
                if (!d) continue;
                if (!best || std::abs((*d - ad).count()) < std::abs((*best - ad).count())) best = d;
                if (*d <= ad) before = d;
                if (*d >= ad && !after) after = d;
            }
            std::optional<sys_days> pick = best;
            if (future_says_next && after) pick = after;
            else if (best && dir == Direction::OnOrBefore && *best - ad > days{kTenseOverridesNearest} && before)
                pick = before;
            else if (best && (dir == Direction::OnOrAfter || dir == Direction::After) &&
                     ad - *best > days{kTenseOverridesNearest} && after)
                pick = after;
            if (!pick) return std::nullopt;
            y = year_month_day{*pick}.year();
        }
        r.known |= FieldMonth | (nth_week ? FieldNone : FieldWeekday);
        auto d = day_in(y);
        if (!d) return std::nullopt;  // "the fifth Monday of February 2023"
        if (nth_week) {
            auto mon = monday_of(*d);
            r.value = week_value(mon);
            r.interval = span(mon, mon + weeks{1});
            r.granularity = Granularity::Week;
            r.implied |= FieldWeek;
            r.explanation = cat(text, ": week ", e.nth, " of month ", e.month, " (the ISO week of ", day_value(year_month_day{*d}),
                                ") -> ", r.value);
            finish_mod();
            return std::move(r);
        }
        if (!with_time(year_month_day{*d})) return std::nullopt;
        r.explanation = cat(text, ": weekday ", e.weekday, " number ", e.nth, " of month ", e.month, " -> ", r.value);
        finish_mod();
        return std::move(r);
    }

    // Holidays.
    if (e.holiday > 0) {
        r.known |= FieldMonth | FieldDay;
        year y = year_known ? year(yr) : a->year();
        auto ymd = holiday_day(e.holiday, y);
        if (!year_known) {
            r.implied |= FieldYear;
            r.temporal_function = true;
            auto anchor = sys_days{*a};
            // (a holiday's week has begun on its Monday: "as Easter week began" on that Monday is this one)
            auto occ = [&](year yy) {
                const sys_days d{*holiday_day(e.holiday, yy)};
                return e.unit == Unit::Week ? monday_of(d) : d;
            };
            Direction d2 = e.rel == Rel::Last ? Direction::OnOrBefore
                           : e.rel == Rel::Next ? Direction::After
                           : e.rel == Rel::This ? Direction::Same
                                                : (dir == Direction::Same ? Direction::Nearest : dir);
            switch (d2) {
                case Direction::OnOrBefore:
                    if (occ(y) > anchor || (e.rel == Rel::Last && occ(y) == anchor)) y -= years{1};
                    break;
                case Direction::OnOrAfter:
                    if (occ(y) < anchor) y += years{1};
                    break;
                case Direction::After:
                    if (occ(y) <= anchor) y += years{1};
                    break;
                case Direction::Nearest: {
                    auto dist = [&](year yy) { return std::abs((occ(yy) - anchor).count()); };
                    if (dist(y - years{1}) < dist(y)) y -= years{1};
                    else if (dist(y + years{1}) < dist(y)) y += years{1};
                    break;
                }
                case Direction::Same: break;
            }
            ymd = holiday_day(e.holiday, y);
        }
        if (e.unit == Unit::Weekend || e.unit == Unit::Week) {
            // "Christmas week", "Easter week": the ISO week holding the day. "Thanksgiving weekend",
            // "Memorial Day weekend": the Saturday-Sunday nearest the day (a Monday holiday closes the
            // weekend before it; a Thursday one opens the weekend after).
            const sys_days hd{*ymd};
            const int from_sat[] = {-1, -2, -3, 3, 2, 1, 0};  // by weekday, Sunday first: days to that Saturday
            const bool weekend = e.unit == Unit::Weekend;
            const sys_days first = weekend ? hd + days{from_sat[weekday{hd}.c_encoding()]} : monday_of(hd);
            r.known &= ~FieldDay;
            r.value = weekend ? week_value(first) + "-WE" : week_value(first);
            r.interval = span(first, first + days{weekend ? 2 : 7});
            r.granularity = Granularity::Week;
            r.explanation = fmt::format("{}: the {} {} {} -> {}", text, weekend ? "weekend nearest" : "week of",
                                        grammar::lex::holiday(e.holiday).name, day_value(*ymd), r.value);
            finish_mod();
            return std::move(r);
        }
        bool res = with_time(*ymd);
        r.explanation = fmt::format("{}: {} {} -> {}", text, grammar::lex::holiday(e.holiday).name,
                                    year_known ? "of the year said" : fmt::format("{} {}", "relative to", anchor_name()),
                                    r.value);
        finish_mod();
        return res ? std::optional<Resolution>(std::move(r)) : std::nullopt;
    }

    // Full or partial day: month + day (+ year), weekday, day of month.
    if (e.month > 0 && (e.day > 0 || e.last_day_of_month)) {
        // "the last day of February": the day is the month's last, found with year_month_day_last
        // once the year is known; the anchor year's last day stands in while the year is picked.
        auto last_of = [&](year yy) { return year_month_day_last{yy / month(e.month) / last}.day(); };
        unsigned dd = e.last_day_of_month ? unsigned(last_of(a ? a->year() : year(yr))) : unsigned(e.day);
        r.known |= FieldMonth | FieldDay | (e.weekday ? FieldWeekday : FieldNone);
        year y = year_known ? year(yr) : year(0);
        if (!year_known) {
            r.implied |= FieldYear;
            r.temporal_function = true;
            Direction d2 = Direction::Nearest;
            if (e.weekday > 0) {
                // "Friday, January 19": the year in which that day is that weekday, nearest the anchor.
                d2 = Direction::Nearest;
                for (int dy : {0, -1, 1, -2, 2}) {
                    auto cand = a->year() + years{dy};
                    year_month_day ymd{cand / month(e.month) / date::day(e.day)};
                    if (ymd.ok() && weekday{sys_days{ymd}}.iso_encoding() == unsigned(e.weekday)) {
                        y = cand;
                        d2 = Direction::Same;
                        break;
                    }
                }
            }
            if (e.rel == Rel::Last || e.rel == Rel::Next) {
                // "last Oct. 23", "next March 3": the latest before / first after the anchor.
                d2 = e.rel == Rel::Last ? Direction::OnOrBefore : Direction::After;
                y = pick_year(*a, month(e.month), dd, d2);
                if (d2 == Direction::OnOrBefore && sys_days{y / month(e.month) / date::day(dd)} == sys_days{*a})
                    y -= years{1};
            } else if (d2 != Direction::Same || y == year(0)) {
                y = pick_year(*a, month(e.month), dd, d2);
                // The nearest occurrence, unless the tense puts the day on the other side of the
                // anchor and the nearest one is far from it: "the vote was held on March 3" with a
                // January DCT is last year's March 3, "talks will resume on December 27" next year's.
                year_month_day near{y / month(e.month) / date::day(dd)};
                auto gap = near.ok() ? sys_days{near} - sys_days{*a} : days{0};
                if (future_says_next) {
                    // An explicit future tense always means the next occurrence ("talks will
                    // resume on December 27" written in January is next December).
                    d2 = dir;
                    y = pick_year(*a, month(e.month), dd, d2);
                } else if (near.ok() && e.period_end && (e.ended || c.tense == Tense::Past) && gap > days{0}) {
                    // "the quarter ended March 31", "profit rose in the quarter ending March 31": the
                    // period is over, so its last day is behind the anchor however near the next one is.
                    d2 = Direction::OnOrBefore;
                    y = pick_year(*a, month(e.month), dd, d2);
                } else if (near.ok() && dir == Direction::OnOrBefore && gap > days{kTenseOverridesNearest}) {
                    d2 = dir;
                    y = pick_year(*a, month(e.month), dd, d2);
                } else if (near.ok() && (dir == Direction::OnOrAfter || dir == Direction::After) &&
                           gap < -days{kTenseOverridesNearest}) {
                    d2 = dir;
                    y = pick_year(*a, month(e.month), dd, d2);
                }
            }
            r.explanation = cat(text, ": ", e.month, "/", e.last_day_of_month ? std::string("last") : std::to_string(e.day),
                                ", year implied: ", direction_text(d2), " ", anchor_name(), " -> ");
        } else {
            r.explanation = cat(text, ": explicit date -> ");
        }
        year_month_day ymd{y / month(e.month) / (e.last_day_of_month ? last_of(y) : date::day(dd))};
        if (!ymd.ok()) return std::nullopt;
        if (e.unit == Unit::Week || e.unit == Unit::Weekend) {
            // "the week of March 6": the ISO week holding the day; "the weekend of June 8": its weekend.
            auto mon = monday_of(sys_days{ymd});
            r.value = week_value(mon);
            r.interval = span(mon, mon + weeks{1});
            if (e.unit == Unit::Weekend) {
                r.value += "-WE";
                r.interval = span(mon + days{5}, mon + weeks{1});
            }
            r.granularity = Granularity::Week;
            r.explanation += "the week of " + day_value(ymd) + " -> " + r.value;
            finish_mod();
            return r;
        }
        auto res = with_time(ymd);
        if (!res) return std::nullopt;
        r.explanation += r.value;
        finish_mod();
        return std::move(r);
    }
    if (e.weekday > 0 && e.day > 0 && e.month == 0) {
        // "Tuesday the 14th": the 14th that is a Tuesday nearest the anchor (on its side by tense).
        r.known |= FieldWeekday | FieldDay;
        r.implied |= FieldYear | FieldMonth;
        r.temporal_function = true;
        const auto anchor = sys_days{*a};
        const auto wd = weekday{unsigned(e.weekday % 7)};
        std::optional<sys_days> best;
        for (int k = -14; k <= 14; ++k) {
            const year_month_day cand = (a->year() / a->month() + months{k}) / date::day(unsigned(e.day));
            if (!cand.ok() || weekday{sys_days{cand}} != wd) continue;
            const sys_days d{cand};
            // (only an explicit tense picks the side: the date is said in full but for month and year)
            if (c.tense == Tense::Past && d > anchor) continue;
            if (c.tense == Tense::Future && d < anchor) continue;
            if (!best || std::abs((d - anchor).count()) < std::abs((*best - anchor).count())) best = d;
        }
        if (!best) return std::nullopt;
        if (!with_time(year_month_day{*best})) return std::nullopt;
        r.explanation = cat(text, ": the nearest day ", e.day, " on that weekday to ", anchor_name(), " (",
                            to_string(c.tense), " tense) -> ", r.value);
        finish_mod();
        return std::move(r);
    }
    if (e.weekday > 0 && e.month == 0) {
        r.known |= FieldWeekday;
        r.implied |= FieldYear | FieldMonth | FieldDay;
        r.temporal_function = true;
        auto anchor = sys_days{*a};
        auto wd = weekday{unsigned(e.weekday % 7)};
        sys_days d;
        std::string how;
        if (e.rel == Rel::Previous || e.rel == Rel::Following || e.rel == Rel::Coming || e.rel == Rel::Past) {
            // "the previous Friday": the weekday before (after) the reference time; "this coming /
            // past Friday": before (after) the anchor.
            auto from = anchor;
            if (e.rel == Rel::Previous || e.rel == Rel::Following) {
                auto ref = anchor_day(true);
                from = sys_days{ref ? *ref : *a};
            }
            const bool ahead = e.rel == Rel::Following || e.rel == Rel::Coming;
            d = ahead ? first_after(from, wd) : latest_before(from, wd);
            how = ahead ? "first after" : "latest before";
        } else if (e.rel == Rel::Last || e.rel == Rel::Next || e.rel == Rel::This) {
            auto mon = monday_of(anchor);
            if (e.rel == Rel::Last) mon -= weeks{1};
            if (e.rel == Rel::Next) mon += weeks{1};
            d = mon + days{e.weekday - 1};
            how = e.rel == Rel::Last ? "of the week before" : e.rel == Rel::Next ? "of the week after" : "of the week of";
        } else {
            switch (dir) {
                case Direction::OnOrBefore: d = anchor - (weekday{anchor} - wd); break;
                case Direction::OnOrAfter: d = anchor + (wd - weekday{anchor}); break;
                case Direction::After: d = first_after(anchor, wd); break;
                case Direction::Nearest: {
                    // The occurrence within three days either side: "Friday's purchases", "Tuesday is".
                    auto after = anchor + (wd - weekday{anchor});
                    auto before = anchor - (weekday{anchor} - wd);
                    d = (after - anchor) < (anchor - before) ? after : before;
                    break;
                }
                default: d = anchor - (weekday{anchor} - wd); break;
            }
            how = direction_text(dir);
        }
        static const char* names[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        auto res = with_time(year_month_day{d});
        if (!res) return std::nullopt;
        r.explanation = cat(text, ": ", names[e.weekday], " ", how, " ", anchor_name(), " (", to_string(c.tense),
                            " tense) -> ", r.value);
        finish_mod();
        return std::move(r);
    }
    if (e.day > 0 && e.month == 0) {
        // "the 27th": day of the anchor's month, or the month before/after by tense.
        r.known |= FieldDay;
        r.implied |= FieldYear | FieldMonth;
        r.temporal_function = true;
        year_month ym = a->year() / a->month();
        if (e.unit == Unit::Month && (e.rel == Rel::This || e.rel == Rel::Next || e.rel == Rel::Last)) {
            // "the 15th of next month"
            ym += months{e.rel == Rel::Next ? 1 : e.rel == Rel::Last ? -1 : 0};
        } else {
            if (dir == Direction::OnOrBefore && unsigned(a->day()) < unsigned(e.day)) ym -= months{1};
            if ((dir == Direction::OnOrAfter || dir == Direction::After) && unsigned(a->day()) > unsigned(e.day))
                ym += months{1};
        }
        year_month_day ymd{ym / date::day(e.day)};
        if (!ymd.ok()) return std::nullopt;
        with_time(ymd);
        r.explanation = cat(text, ": day ", e.day, " in the month ", direction_text(dir), " ", anchor_name(), " -> ",
                            r.value);
        finish_mod();
        return std::move(r);
    }

    // Month (+ year).
    if (e.month > 0) {
        r.known |= FieldMonth;
        r.granularity = Granularity::Month;
        year y = year(yr);
        if (!year_known) {
            r.implied |= FieldYear;
            r.temporal_function = true;
            auto m = month(e.month);
            auto am = a->month();
            std::string how;
            if (e.unit == Unit::Year && e.rel != Rel::None) {
                // "March last year", "November next year": the month in the year before/after the anchor's.
                y = a->year() + years{e.rel == Rel::Last ? -1 : e.rel == Rel::Next ? 1 : 0};
                how = e.rel == Rel::Last ? "in the year before that of" : e.rel == Rel::Next ? "in the year after that of"
                                                                         : "in the year of";
            } else if (e.list_year > 0) {
                // "in 2024, in August, November and ...": the year the list opened with.
                y = year(e.list_year);
                how = cat("the year its list opened with (", e.list_year, "), not that of");
            } else if (e.range_end) {
                // "between March and May": the first May on or after the range's first month.
                y = m >= am ? a->year() : a->year() + years{1};
                how = "the first on or after the month of";
            } else if (e.rel == Rel::Last) {
                y = m < am ? a->year() : a->year() - years{1};
                how = "the latest before the month of";
            } else if (e.rel == Rel::Next) {
                y = m > am ? a->year() : a->year() + years{1};
                how = "the first after the month of";
            } else if (e.rel == Rel::This) {
                y = a->year();
                how = "in the year of";
            } else {
                // The occurrence nearest the anchor ("in January" written in October is next
                // January), unless the tense puts it on the other side and it lies more than
                // kTenseOverridesNearest days away.
                auto a_days = sys_days{*a};
                auto mid = [&](year yy) { return sys_days{yy / m / 15}; };
                y = a->year();
                for (year cand : {a->year() - years{1}, a->year() + years{1}})
                    if (std::abs((mid(cand) - a_days).count()) < std::abs((mid(y) - a_days).count())) y = cand;
                how = "nearest to";
                auto gap = (mid(y) - a_days).count();
                if (future_says_next) {
                    // "the talks will resume in December": an explicit future tense always means
                    // the next such month (the anchor's own month counts).
                    y = m >= am ? a->year() : a->year() + years{1};
                    how = direction_text(dir);
                } else if (c.tense == Tense::Present && c.strategy == Strategy::News) {
                    // "elections are in November": a present-tense statement about the anchor's year.
                    y = a->year();
                    how = direction_text(Direction::Same);
                } else if (dir == Direction::OnOrBefore && (gap > kTenseOverridesNearest + 15 || (c.fronted && gap > 0))) {
                    // (a fronted "In January, the company brought in ..." is the January before, however near
                    // the next one)
                    y -= years{1};
                    how = direction_text(dir);
                } else if ((dir == Direction::OnOrAfter || dir == Direction::After) &&
                           gap < -(kTenseOverridesNearest + 15)) {
                    y += years{1};
                    how = direction_text(dir);
                }
                // "Since January, the group has ...", written in December: the start of a state that
                // lasts until now is not ahead of the anchor, however near the next one.
                if (e.since && y / m > a->year() / am) {
                    y -= years{1};
                    how = "after \"since\", the latest on or before the month of";
                }
                // A range told in the past has ended: "the drought lasted from November to February",
                // written in January, is the November before last (the range's end, the first February
                // on or after it, may not lie after the anchor's month).
                if (c.tense == Tense::Past && e.range_until > 0) {
                    const month until = month(unsigned(e.range_until));
                    const year_month end = (until >= m ? y : y + years{1}) / until;
                    if (end > a->year() / am) {
                        y -= years{1};
                        how = "a range told in the past, ending by the month of";
                    }
                }
            }
            r.value = month_value(y, m);
            r.explanation = cat(text, ": month ", e.month, ", year implied: ", how, " ", anchor_name(), " (",
                                to_string(c.tense), " tense) -> ", r.value);
        } else {
            r.value = month_value(y, month(e.month));
            r.explanation = cat(text, ": explicit month -> ", r.value);
        }
        r.interval = month_span(y, month(e.month));
        finish_mod();
        return std::move(r);
    }

    // Seasons, quarters, halves: the period in the anchor's year, moved by rel or tense.
    if (e.season != Season::None || e.quarter > 0 || e.half > 0) {
        year y = year_known ? year(yr) : a->year();
        auto make = [&](year yy) {
            if (e.season != Season::None) return season_span(yy, e.season);
            if (e.quarter > 0) {
                auto b = yy / month(unsigned(3 * e.quarter - 2)) / 1;
                return span(sys_days{b}, sys_days{b + months{3}});
            }
            auto b = yy / month(unsigned(6 * e.half - 5)) / 1;
            return span(sys_days{b}, sys_days{b + months{6}});
        };
        if (!year_known) {
            r.implied |= FieldYear;
            r.temporal_function = true;
            auto at = sys_seconds{sys_days{*a}};
            // A winter that started last December still contains January.
            if (e.season == Season::Winter && a->month() <= February) y -= years{1};
            auto iv = make(y);
            bool contains = iv.begin <= at && at < iv.end;
            const bool ref_is_year = e.anaphoric && r.anchor == "reference" && c.reference &&
                                     c.reference->granularity != Granularity::Unknown &&
                                     c.reference->granularity <= Granularity::Year;
            if (e.unit == Unit::Year && e.rel != Rel::None) {
                // "this year's third quarter", "last year's first half", "summer next year"
                y = a->year() + years{e.rel == Rel::Last ? -1 : e.rel == Rel::Next ? 1 : 0};
            } else if (ref_is_year && (e.rel == Rel::Last || e.rel == Rel::Next)) {
                // "In 2019 ... the following spring": after a time known only as a year, the season
                // of the year after (before) it.
                y = a->year() + years{e.rel == Rel::Last ? -1 : 1};
            } else if (e.rel == Rel::Last) {
                if (iv.begin > at || contains) y -= years{1};
            } else if (e.rel == Rel::Next) {
                if (iv.begin <= at) y += years{1};
            } else if (e.rel == Rel::None) {
                // Past tense: a period that has not begun yet is last year's ("the third quarter" said
                // in January). Future tense moves only seasons: a quarter or half that has just ended
                // is still reported on with forward-looking cues ("expects to report a third-quarter
                // loss"), so a bare quarter or half otherwise stays in the anchor's year.
                if (dir == Direction::OnOrBefore && iv.begin > at) y -= years{1};
                // A quarter's figures ("fourth-quarter results": the adjective) said ahead before this
                // year's quarter has begun, while last year's ended in the quarter before the anchor: the
                // quarter just ended, still being reported on ("expects fourth-quarter profit to fall"
                // in January, "its estimate of fourth-quarter growth" in March). (A plan "in the fourth
                // quarter" is this year's.)
                bool adjective = text.size() > 8 && text[text.size() - 8] == '-';
                for (std::size_t i = 0; adjective && i < 7; ++i)
                    adjective = (text[text.size() - 7 + i] | 0x20) == "quarter"[i];
                if (e.quarter > 0 && adjective && dir != Direction::OnOrBefore && iv.begin > at) {
                    auto prev = make(y - years{1});
                    if (prev.end <= at && at < prev.end + days{92}) y -= years{1};
                }
                if (e.season != Season::None && (dir == Direction::OnOrAfter || dir == Direction::After) &&
                    iv.end <= at)
                    y += years{1};
            }
        } else {
            r.known |= FieldYear;
        }
        r.interval = make(y);
        if (e.season != Season::None) {
            r.known |= FieldSeason;
            r.value = fmt::format("{:04}-{}", int(y), season_code(e.season));
            r.granularity = Granularity::Season;
        } else if (e.quarter > 0) {
            r.known |= FieldQuarter;
            r.value = fmt::format("{:04}-Q{}", int(y), e.quarter);
            r.granularity = Granularity::Quarter;
        } else {
            r.known |= FieldHalf;
            r.value = fmt::format("{:04}-H{}", int(y), e.half);
            r.granularity = Granularity::Half;
        }
        r.explanation = year_known ? cat(text, ": explicit -> ", r.value)
                                   : cat(text, ": year implied from ", anchor_name(), " (", to_string(c.tense),
                                         " tense) -> ", r.value);
        finish_mod();
        return std::move(r);
    }

    // Year alone (possibly fiscal).
    if (year_known) {
        r.value = year_value(yr);
        r.granularity = Granularity::Year;
        r.interval = year_span(year(yr));
        r.explanation = cat(text, ": explicit ", e.fiscal ? "fiscal " : "", "year -> ", r.value);
        if (e.fiscal) r.explanation += " (fiscal years are reported as their calendar year)";
        finish_mod();
        return std::move(r);
    }
    (void)relative;
    if (e.hour >= 0 || e.part != PartOfDay::None) {
        // A bare time: on the day the narrative is at ("was shot on Oct. 23 ... at 10 p.m."), when
        // the last mentioned time is a day or finer; else the anchor's day.
        r.implied |= FieldYear | FieldMonth | FieldDay;
        r.temporal_function = true;
        year_month_day day = *a;
        // (Not a day ahead of the DCT in a past clause: "... would publish its report on May 8. The
        // pound fell to $1.2890 at 12:15 GMT" is the DCT's day.)
        const bool ahead_in_past = c.reference && c.dct && c.tense == Tense::Past && c.strategy == Strategy::News &&
                                   c.reference->day > sys_days{c.dct->day};
        if (c.reference && c.reference->granularity >= Granularity::Day && !ahead_in_past &&
            !(e.timestamp && c.dct)) {
            day = year_month_day{c.reference->day};
            r.anchor = "reference";
        }
        auto res = with_time(day);
        if (!res) return std::nullopt;
        r.explanation = cat(text, ": time of day on the day of ", anchor_name(), " -> ", r.value);
        return std::move(r);
    }
    return std::nullopt;
}

// The quarter a report is about: the quarter last mentioned, else the last whole quarter before the DCT.
// Only a quarter that has ended by the DCT is reported on: "a fourth-quarter charge" in a report dated
// in November is a forecast, not the period "the latest quarter" means.
std::optional<year_month> Builder::reported_quarter() {
    for (const auto* ref : {&c.reference, &c.quarter}) {
        if (*ref && (*ref)->granularity == Granularity::Quarter) {
            year_month_day d{(*ref)->day};
            auto first = d.year() / month((unsigned(d.month()) - 1) / 3 * 3 + 1);
            if (c.dct && sys_days{(first + months{3}) / 1} > sys_days{c.dct->day}) continue;
            r.anchor = "reference";
            return first;
        }
    }
    if (!c.dct) return std::nullopt;
    r.anchor = "dct";
    auto d = c.dct->day;
    return d.year() / month((unsigned(d.month()) - 1) / 3 * 3 + 1) - months{3};
}

void Builder::set_quarter(year_month first_month) {
    r.value.clear();  // "{:04}-Q{}"
    put_padded(r.value, int(first_month.year()), 4);
    r.value += "-Q";
    put(r.value, int((unsigned(first_month.month()) - 1) / 3 + 1));
    r.interval = span(sys_days{first_month / 1}, sys_days{(first_month + months{3}) / 1});
    r.granularity = Granularity::Quarter;
}

// "In the summer of 1962 she flew to Paris. A week later, ...", "in March ... two weeks later": an
// offset in units finer than the reference time, which names a whole month, season, quarter, half or
// year, is known only as finely as the reference: the period of the reference's kind that holds its
// middle moved by the offset (the same period for a short offset), not a day counted from its first.
std::optional<Resolution> Builder::coarse_reference_offset(double amount) {
    if (r.anchor != "reference" || !c.reference || c.reference->end <= c.reference->day) return std::nullopt;
    const Granularity g = c.reference->granularity;
    if (g != Granularity::Month && g != Granularity::Season && g != Granularity::Quarter && g != Granularity::Half &&
        g != Granularity::Year && g != Granularity::Decade)
        return std::nullopt;
    double unit_days = 0;
    Granularity ug = Granularity::Unknown;
    switch (e.unit) {
        case Unit::Second: unit_days = 1.0 / 86400, ug = Granularity::Second; break;
        case Unit::Minute: unit_days = 1.0 / 1440, ug = Granularity::Minute; break;
        case Unit::Hour: unit_days = 1.0 / 24, ug = Granularity::Hour; break;
        case Unit::Day:
        case Unit::Night: unit_days = 1, ug = Granularity::Day; break;
        case Unit::Week:
        case Unit::Weekend: unit_days = 7, ug = Granularity::Week; break;
        case Unit::Month: unit_days = 30.4375, ug = Granularity::Month; break;
        case Unit::Quarter: unit_days = 91.3125, ug = Granularity::Quarter; break;
        case Unit::Half: unit_days = 182.625, ug = Granularity::Half; break;
        case Unit::Year: unit_days = 365.25, ug = Granularity::Year; break;
        case Unit::Decade: unit_days = 3652.5, ug = Granularity::Decade; break;
        default: return std::nullopt;
    }
    // not finer (a decade after a decade counts whole decades), or absurd
    if ((ug <= g && !(g == Granularity::Decade && ug == Granularity::Decade)) || std::abs(amount * unit_days) > 1e6)
        return std::nullopt;
    const sys_days first = c.reference->day, end = c.reference->end;
    const sys_days target = first + (end - first) / 2 + days{static_cast<int>(std::lround(amount * unit_days))};
    std::string how = "the ";
    if (target >= first && target < end) {
        r.value = c.reference->value;
        r.interval = span(first, end);
        how += "same period as";
    } else {
        auto p = period_containing(target, g);
        r.value = std::move(p.value);
        r.interval = p.interval;
        how += "period around the middle of";
    }
    r.type = TimexType::Date;
    r.granularity = g;
    r.implied = FieldYear | FieldMonth | FieldDay;
    if (e.mod != Mod::None) r.mod = mod_value(e.mod);
    r.explanation = cat(text, ": ", e.quantity, " unit(s) ", amount < 0 ? "before" : "after", " ", how, " ",
                        anchor_name(), ", known only to the ", to_string(g), " -> ", r.value);
    return std::move(r);
}

// this/last/next/that + unit.
std::optional<Resolution> Builder::unit_period() {
    if (e.rel == Rel::Latest && e.unit == Unit::Weekend) {
        // "over the weekend": the latest weekend (Saturday-Sunday) not after the anchor, or the
        // next one when the verb is in the future tense.
        auto a = anchor_day(false);
        if (!a) return underspecified();
        r.temporal_function = true;
        r.implied = FieldYear | FieldWeek;
        auto ad = sys_days{*a};
        auto sat = ad - (weekday{ad} - Saturday);  // latest Saturday on or before the anchor
        bool inside = ad == sat || ad == sat + days{1};
        if (!inside && c.tense == Tense::Future) sat += weeks{1};
        r.value = week_value(sat) + "-WE";
        r.interval = span(sat, sat + days{2});
        r.granularity = Granularity::Week;
        r.explanation = fmt::format("{}: the {} weekend from {} ({} tense) -> {}", text,
                                    c.tense == Tense::Future ? "next" : "latest", anchor_name(), to_string(c.tense),
                                    r.value);
        return std::move(r);
    }
    if (e.rel == Rel::Latest && e.year > 0 && c.longer_period) {
        // "For the first nine months, net was ..., compared with a loss in the 1988 period": the same
        // longer period of that year, not its quarter.
        r.known |= FieldYear;
        r.value = fmt::format("{:04}", e.year);
        r.interval = span(sys_days{year(e.year) / January / 1}, sys_days{year(e.year + 1) / January / 1});
        r.granularity = Granularity::Year;
        r.explanation = fmt::format("{}: the period of the sentence's longer span in {} -> {}", text, e.year, r.value);
        return std::move(r);
    }
    if (e.rel == Rel::Latest && e.unit == Unit::Quarter && e.ends_month > 0) {
        // "the quarter ended Sept. 30", "the quarter ending March 31": the three months up to that day,
        // named by the calendar quarter that holds most of them (a fiscal quarter ended July 31 is
        // mostly the second calendar quarter). The year of the day is picked as for the day itself.
        auto a = anchor_day(false);
        int yy = e.ends_year;
        Direction dir = e.ended || c.tense == Tense::Past ? Direction::OnOrBefore
                        : c.tense == Tense::Future         ? Direction::OnOrAfter
                                                           : Direction::Nearest;
        if (yy == 0) {
            if (!a) return underspecified();
            yy = int(pick_year(*a, month(e.ends_month), unsigned(e.ends_day), dir));
            r.implied = FieldYear | FieldQuarter;
            r.temporal_function = true;
            r.anchor = "dct";
        } else {
            r.known |= FieldYear;
            r.implied = FieldQuarter;
        }
        year_month_day end{year(yy) / month(e.ends_month) / date::day(e.ends_day)};
        if (!end.ok()) return std::nullopt;
        year_month_day mid{sys_days{end} - days{45}};
        set_quarter(mid.year() / month((unsigned(mid.month()) - 1) / 3 * 3 + 1));
        r.explanation = fmt::format("{}: the quarter ending {:04}-{:02}-{:02} -> {}", text, yy, e.ends_month,
                                    e.ends_day, r.value);
        return std::move(r);
    }
    if (e.rel == Rel::Latest) {
        // "the latest quarter", "the quarter": financial news reports on one quarter at a time.
        const std::string anchor_before = r.anchor;
        auto q = reported_quarter();
        if (e.year > 0 && (!q || r.anchor == "dct")) {
            // "Sales rose from the same period of 2011" where no quarter was reported on: which part of
            // 2011 is not said (the DCT's last quarter is a guess only for the DCT's own report), the year is.
            r.anchor = anchor_before;
            r.known |= FieldYear;
            r.value = fmt::format("{:04}", e.year);
            r.interval = span(sys_days{year(e.year) / January / 1}, sys_days{year(e.year + 1) / January / 1});
            r.granularity = Granularity::Year;
            r.explanation = fmt::format("{}: no quarter reported on, the year said -> {}", text, r.value);
            return std::move(r);
        }
        if (!q) return underspecified();
        r.temporal_function = true;
        r.implied = FieldYear | FieldQuarter;
        if (e.year > 0) {
            *q = year(e.year) / q->month();
            r.implied = FieldQuarter;
            r.known |= FieldYear;
        }
        set_quarter(*q);
        r.explanation = fmt::format("{}: the quarter reported on ({}) -> {}",
                                    text, r.anchor == "reference" ? "the quarter last mentioned"
                                                                  : "the last whole quarter before the DCT",
                                    r.value);
        return std::move(r);
    }
    bool anaphoric = e.anaphoric || e.rel == Rel::Same || e.rel == Rel::Previous || e.rel == Rel::Following;
    auto a = anchor_day(anaphoric);
    if (!a) return underspecified();
    r.temporal_function = true;
    int step = (e.rel == Rel::Last || e.rel == Rel::Previous) ? -1 : (e.rel == Rel::Next || e.rel == Rel::Following) ? 1 : 0;
    // "the week after next": two periods on
    if (step != 0 && e.shape == Shape::Calendar && e.quantity >= 2 && e.quantity <= 9 && e.quantity == std::floor(e.quantity))
        step *= int(e.quantity);
    auto ad = sys_days{*a};
    // "trades made that day" after "in 1987", "the week" after "1989", "the next day" after "She
    // retired in 1995": the same (next, previous) day, week or month as a reference time known only as
    // a coarser period is not known; say what is ("1987-XX-XX", "1989-WXX"), never the period's first
    // day or a week made up from it.
    if (r.anchor == "reference" && c.reference && c.reference->granularity == Granularity::Decade &&
        e.unit != Unit::Decade && e.unit != Unit::Century && e.unit != Unit::Millennium && e.unit != Unit::None) {
        // "the next year" after "the 1990s": a year of that decade, which one unknown.
        r.value = c.reference->value;
        r.interval = span(c.reference->day, c.reference->end);
        r.granularity = Granularity::Decade;
        r.implied = FieldDecade;
        r.explanation = cat(text, ": a period of ", anchor_name(), ", which is known only as a decade -> ", r.value);
        finish_mod();
        return std::move(r);
    }
    if (r.anchor == "reference" && c.reference && c.reference->granularity != Granularity::Unknown &&
        c.reference->granularity >= Granularity::Year) {
        const Granularity rg = c.reference->granularity;
        const int y = int(a->year());
        const bool month_known = rg == Granularity::Month;
        bool unknown = false;
        switch (e.unit) {
            case Unit::Day:
            case Unit::Night:
                if (rg >= Granularity::Day) break;
                r.value = month_known ? fmt::format("{:04}-{:02}-XX", y, unsigned(a->month()))
                                      : fmt::format("{:04}-XX-XX", y);
                r.implied = month_known ? (FieldYear | FieldMonth) : FieldYear;
                r.granularity = Granularity::Day;
                unknown = true;
                break;
            case Unit::Week:
                if (rg >= Granularity::Week) break;
                r.value = fmt::format("{:04}-WXX", y);
                r.implied = FieldYear;
                r.granularity = Granularity::Week;
                unknown = true;
                break;
            case Unit::Month:
                if (rg >= Granularity::Month) break;
                r.value = fmt::format("{:04}-XX", y);
                r.implied = FieldYear;
                r.granularity = Granularity::Month;
                unknown = true;
                break;
            default: break;
        }
        if (unknown) {
            r.interval.reset();
            r.explanation = cat(text, ": a ", to_string(r.granularity), " of ", anchor_name(),
                                ", which is known only as a ", to_string(rg), " -> ", r.value);
            finish_mod();
            return std::move(r);
        }
    }
    switch (e.unit) {
        case Unit::Day:
        case Unit::Night: {
            auto d = ad + days{step};
            r.implied = FieldYear | FieldMonth | FieldDay;
            auto res = with_time(year_month_day{d});
            if (!res) return std::nullopt;
            if (e.unit == Unit::Night && e.part == PartOfDay::None) {
                r.type = TimexType::Time;
                r.value += "TNI";
                r.granularity = Granularity::PartOfDay;
            }
            break;
        }
        case Unit::Week:
        case Unit::Weekend: {
            auto mon = monday_of(ad) + weeks{step};
            r.implied = FieldYear | FieldWeek;
            r.granularity = Granularity::Week;
            if (e.unit == Unit::Weekend) {
                r.value = week_value(mon) + "-WE";
                r.interval = span(mon + days{5}, mon + days{7});
            } else {
                r.value = week_value(mon);
                r.interval = span(mon, mon + days{7});
            }
            break;
        }
        case Unit::Month: {
            auto ym = a->year() / a->month() + months{step};
            r.implied = FieldYear | FieldMonth;
            r.value = month_value(ym.year(), ym.month());
            r.interval = month_span(ym.year(), ym.month());
            r.granularity = Granularity::Month;
            break;
        }
        case Unit::Quarter: {
            unsigned q0 = (unsigned(a->month()) - 1) / 3;  // 0..3
            auto ym = a->year() / month(q0 * 3 + 1) + months{3 * step};
            r.implied = FieldYear | FieldQuarter;
            r.value.clear();  // "{:04}-Q{}"
            put_padded(r.value, int(ym.year()), 4);
            r.value += "-Q";
            put(r.value, int((unsigned(ym.month()) - 1) / 3 + 1));
            r.interval = span(sys_days{ym / 1}, sys_days{(ym + months{3}) / 1});
            r.granularity = Granularity::Quarter;
            break;
        }
        case Unit::Half: {
            unsigned h0 = (unsigned(a->month()) - 1) / 6;
            auto ym = a->year() / month(h0 * 6 + 1) + months{6 * step};
            r.implied = FieldYear | FieldHalf;
            r.value.clear();  // "{:04}-H{}"
            put_padded(r.value, int(ym.year()), 4);
            r.value += "-H";
            put(r.value, int((unsigned(ym.month()) - 1) / 6 + 1));
            r.interval = span(sys_days{ym / 1}, sys_days{(ym + months{6}) / 1});
            r.granularity = Granularity::Half;
            break;
        }
        case Unit::Year: {
            auto y = a->year() + years{step};
            r.implied = FieldYear;
            r.value = year_value(int(y));
            r.interval = year_span(y);
            r.granularity = Granularity::Year;
            break;
        }
        case Unit::Decade: {
            int d = int(a->year()) / 10 + step;
            r.implied = FieldDecade;
            r.value.clear();
            put_padded(r.value, d, 3);
            r.interval = span(sys_days{year(d * 10) / 1 / 1}, sys_days{year(d * 10 + 10) / 1 / 1});
            r.granularity = Granularity::Decade;
            break;
        }
        case Unit::Century: {
            int cc = int(a->year()) / 100 + step;
            r.implied = FieldCentury;
            r.value.clear();
            put_padded(r.value, cc, 2);
            r.interval = span(sys_days{year(cc * 100) / 1 / 1}, sys_days{year(cc * 100 + 100) / 1 / 1});
            r.granularity = Granularity::Century;
            break;
        }
        default: return std::nullopt;
    }
    static const char* rel_words[] = {"", "this", "last", "next", "", "", "", "previous", "following", "same"};
    auto ri = static_cast<std::size_t>(e.rel);
    std::string_view unit_word =
        e.unit == Unit::Day ? std::string_view("day") : std::string_view(to_string(r.granularity));
    if (step > 1 || step < -1)  // "the week after next"
        r.explanation = cat(text, ": ", step < 0 ? -step : step, " ", unit_word, "s ",
                            std::string_view(step < 0 ? "before" : "after"), " that of ", anchor_name(), " -> ", r.value);
    else
        r.explanation = cat(text, ": the ", std::string_view(ri < 10 ? rel_words[ri] : ""), " ", unit_word,
                            " relative to ", anchor_name(), " -> ", r.value);
    finish_mod();
    return std::move(r);
}

std::optional<Resolution> Builder::deictic() {
    if (e.event_day) {
        // "the first day of the trial", "the second day of talks": a day of an event the text does not
        // date here. TimeML tags it a DATE; its value is unknown, and the narrative is at it afterwards.
        r.temporal_function = true;
        r.value = "XXXX-XX-XX";
        r.granularity = Granularity::Day;
        r.event_day = true;
        r.explanation = cat(text, ": a day counted within an event the text does not date -> ", r.value);
        return std::move(r);
    }
    // "overnight" is the night next to the narrative's day; after a time known only as a month or
    // coarser ("this year ... was increased overnight") that day is the DCT's, not the period's first.
    const bool coarse_reference = e.overnight && c.reference && c.reference->granularity < Granularity::Day;
    auto a = anchor_day(e.anaphoric && !coarse_reference);
    if (!a) return underspecified();
    r.temporal_function = true;
    r.implied = FieldYear | FieldMonth | FieldDay;
    // "struck overnight": the night that ended on the reference day; "will work overnight": its own
    const int offset = e.overnight && c.tense == Tense::Past ? -1 : e.day_offset;
    auto d = year_month_day{sys_days{*a} + days{offset}};
    auto res = with_time(d);
    if (!res) return std::nullopt;
    if (e.tonight && e.part == PartOfDay::None) {
        r.type = TimexType::Time;
        r.value += "TNI";
        auto [from, to] = part_hours(PartOfDay::Night);
        r.interval = Interval{sys_seconds{sys_days{d}} + from, sys_seconds{sys_days{d}} + to};
        r.granularity = Granularity::PartOfDay;
    }
    r.explanation = e.overnight ? cat(text, ": the night ", offset < 0 ? "before " : "of ", anchor_name(), " (",
                                      to_string(c.tense), " tense) -> ", r.value)
                                : cat(text, ": ", e.day_offset, " day(s) from ", anchor_name(), " -> ", r.value);
    finish_mod();
    return std::move(r);
}

// Duration value of q units, converting fractions to a smaller unit when they come out whole.
std::string duration_value(double q, Unit u, bool vague) {
    struct U {
        const char* code;
        bool time;
        double to_smaller;  // how many smaller units make one
        Unit smaller;
    };
    auto info = [](Unit u) -> U {
        switch (u) {
            case Unit::Second: return {"S", true, 0, Unit::None};
            case Unit::Minute: return {"M", true, 60, Unit::Second};
            case Unit::Hour: return {"H", true, 60, Unit::Minute};
            case Unit::Day:
            case Unit::Night: return {"D", false, 24, Unit::Hour};
            case Unit::Weekend: return {"WE", false, 2, Unit::Day};
            case Unit::Week: return {"W", false, 7, Unit::Day};
            case Unit::Month: return {"M", false, 0, Unit::None};
            case Unit::Quarter: return {"M", false, 0, Unit::None};
            case Unit::Half: return {"M", false, 0, Unit::None};
            case Unit::Year: return {"Y", false, 12, Unit::Month};
            case Unit::Decade: return {"Y", false, 0, Unit::None};
            case Unit::Century: return {"Y", false, 0, Unit::None};
            case Unit::Millennium: return {"Y", false, 0, Unit::None};
            case Unit::None: break;
        }
        return {"", false, 0, Unit::None};
    };
    // Units TimeML writes in a larger base.
    if (u == Unit::Quarter) q *= 3;
    if (u == Unit::Half) q *= 6;
    if (u == Unit::Decade) q *= 10;
    if (u == Unit::Century) q *= 100;
    if (u == Unit::Millennium) q *= 1000;
    if (u == Unit::Weekend) return vague ? "PXWE" : cat("P", q, "WE");
    auto i = info(u);
    if (vague) return cat("P", i.time ? "T" : "", "X", i.code);
    if (q != std::floor(q) && u == Unit::Week) return duration_value(q * 7, Unit::Day, false);
    if (q != std::floor(q) && i.to_smaller > 0) {
        // A fraction goes to the next smaller unit, combined as the TimeBank gold writes it:
        // "a minute and a half" -> PT1M30S, "two and a half years" -> P2Y6M, "half an hour" -> PT30M.
        double whole = std::floor(q), rest = (q - whole) * i.to_smaller;
        if (rest == std::floor(rest)) {
            if (whole == 0) return duration_value(rest, i.smaller, false);
            auto s = info(i.smaller);
            std::string date_part, time_part;
            put(i.time ? time_part : date_part, whole);
            (i.time ? time_part : date_part) += i.code;
            put(s.time ? time_part : date_part, rest);
            (s.time ? time_part : date_part) += s.code;
            return "P" + date_part + (time_part.empty() ? "" : "T" + time_part);
        }
    }
    return cat("P", i.time ? "T" : "", q, i.code);
}

std::optional<Resolution> Builder::duration() {
    r.type = TimexType::Duration;
    r.value = duration_value(e.quantity, e.unit, e.vague_quantity);
    r.granularity = Granularity::Unknown;
    if (e.mod != Mod::None) r.mod = mod_value(e.mod);
    if (e.rel == Rel::Past || e.rel == Rel::Coming) {
        // "the past five years": the span that ends (or starts) at the anchor.
        auto a = anchor_day(false);
        r.temporal_function = true;
        if (a && !e.vague_quantity && e.quantity == std::floor(e.quantity)) {
            auto ad = sys_days{*a};
            int n = int(e.quantity);
            sys_days other = ad;
            switch (e.unit) {
                case Unit::Day: other = ad + days{e.rel == Rel::Past ? -n : n}; break;
                case Unit::Week: other = ad + weeks{e.rel == Rel::Past ? -n : n}; break;
                case Unit::Month: other = sys_days{year_month_day{*a} + months{e.rel == Rel::Past ? -n : n}}; break;
                case Unit::Year: other = sys_days{year_month_day{*a} + years{e.rel == Rel::Past ? -n : n}}; break;
                case Unit::Decade:
                    other = sys_days{year_month_day{*a} + years{e.rel == Rel::Past ? -10 * n : 10 * n}};
                    break;
                default: break;
            }
            if (other != ad) r.interval = e.rel == Rel::Past ? span(other, ad) : span(ad + days{1}, other + days{1});
        }
        r.explanation = cat(text, ": duration ", r.value, " ", std::string_view(e.rel == Rel::Past ? "ending at" : "starting at"),
                            " ", anchor_name());
    } else {
        r.explanation = cat(text, ": duration ", r.value);
    }
    return std::move(r);
}

std::optional<Resolution> Builder::offset() {
    bool anaphoric = e.anaphoric;
    bool whole_years = !e.vague_quantity && e.unit == Unit::Year && e.quantity == std::floor(e.quantity);
    // A report on a quarter compares it with the same quarter a year before ("a year earlier", "a year
    // ago", "the year-ago results"). Counting forward ("Two years later, he returned") or several years
    // back ("who joined the company three years ago", "In 2019 ... Three years earlier, ...") is from
    // the narrative's time, not from the quarter (unless the text says so: "the quarter two years ago").
    const bool comparison = (e.rel == Rel::Ago || e.rel == Rel::Before) && e.quantity == 1;
    if (whole_years && (e.period == Unit::Quarter || (c.quarter && !c.longer_period && comparison))) {
        // "a year earlier", "a year ago", "the year-ago quarter" in a report on a quarter: the same
        // quarter N years before.
        auto q = reported_quarter();
        if (q) {
            int sign = (e.rel == Rel::Ago || e.rel == Rel::Before) ? -1 : 1;
            if (e.quarter > 0) *q = q->year() / month(unsigned(3 * e.quarter - 2));
            r.temporal_function = true;
            r.implied = FieldYear | FieldQuarter;
            set_quarter(*q + years{sign * static_cast<int>(e.quantity)});
            r.comparison = true;
            if (e.mod != Mod::None) r.mod = mod_value(e.mod);
            r.explanation = cat(text, ": ", e.quantity, " year(s) ", sign < 0 ? "before" : "after",
                                " the quarter reported on -> ", r.value);
            return std::move(r);
        }
    }
    auto a = anchor_day(anaphoric);
    if (!a) return underspecified();
    r.temporal_function = true;
    if (e.vague_quantity && (e.unit == Unit::Hour || e.unit == Unit::Minute || e.unit == Unit::Second) &&
        r.anchor == "reference" && c.reference && c.reference->granularity >= Granularity::Day) {
        // "Hours later", "a few minutes earlier": the day of the time the story is at.
        r.value = day_value(*a);
        r.interval = day_span(sys_days{*a});
        r.granularity = Granularity::Day;
        r.implied = FieldYear | FieldMonth | FieldDay;
        r.explanation = cat(text, ": some hours or minutes from ", anchor_name(), ": its day -> ", r.value);
        return std::move(r);
    }
    if (e.vague_quantity) {
        r.value = e.rel == Rel::Ago || e.rel == Rel::Before ? "PAST_REF" : "FUTURE_REF";
        r.explanation = cat(text, ": an unspecified amount of time from ", anchor_name(), " -> ", r.value);
        return std::move(r);
    }
    int sign = (e.rel == Rel::Ago || e.rel == Rel::Before) ? -1 : 1;
    double q = e.quantity;
    auto ad = sys_days{*a};
    if (auto coarse = coarse_reference_offset(sign * q)) return coarse;
    if (e.same_day && (e.unit == Unit::Month || e.unit == Unit::Year) && q == std::floor(q) && q <= 1000) {
        // "a year ago today", "this time last year": the same day (the month's last on a day it lacks)
        int n = sign * static_cast<int>(q) * (e.unit == Unit::Year ? 12 : 1);
        auto ym = a->year() / a->month() + months{n};
        year_month_day d = ym / a->day();
        if (!d.ok()) d = year_month_day{ym / last};
        r.value = day_value(d);
        r.interval = day_span(sys_days{d});
        r.granularity = Granularity::Day;
        r.implied = FieldYear | FieldMonth | FieldDay;
        r.explanation = fmt::format("{}: the same day {} {}(s) {} {} -> {}", text, q,
                                    e.unit == Unit::Year ? "year" : "month", sign < 0 ? "before" : "after",
                                    anchor_name(), r.value);
        return std::move(r);
    }
    auto whole = [](double x) { return x == std::floor(x); };
    switch (e.unit) {
        case Unit::Second:
        case Unit::Minute:
        case Unit::Hour: {
            // Relative to the clock time of the DCT ("two hours ago") or of the reference time ("at 2 p.m.
            // ... Two hours later"). Without one, only the day is known: the anchor's day, or the day
            // the offset reaches in whole days ("48 hours later"), at day granularity.
            std::optional<seconds> clock;
            if (r.anchor == "reference") clock = c.reference ? c.reference->time_of_day : std::nullopt;
            else if (c.dct && c.dct->seconds) clock = seconds{*c.dct->seconds};
            double mult = e.unit == Unit::Hour ? 3600 : e.unit == Unit::Minute ? 60 : 1;
            const double off = sign * q * mult;
            if (!clock) {
                if (std::abs(off) > 1e9) return std::nullopt;
                auto d = ad + days{static_cast<int>(off / 86400)};  // whole days, toward zero
                r.value = day_value(year_month_day{d});
                r.interval = day_span(d);
                r.granularity = Granularity::Day;
                if (e.mod != Mod::None) r.mod = mod_value(e.mod);
                r.implied = FieldYear | FieldMonth | FieldDay;
                r.explanation = cat(text, ": ", q, " unit(s) ", sign < 0 ? "before" : "after", " ", anchor_name(),
                                    ", whose time of day is unknown: its day -> ", r.value);
                return std::move(r);
            }
            auto base = sys_seconds{ad} + *clock;
            auto t = base + seconds{static_cast<long long>(off)};
            auto dp = std::chrono::floor<days>(t);
            auto tod = hh_mm_ss<seconds>{t - dp};
            r.type = TimexType::Time;
            r.value = day_value(year_month_day{dp});  // "{}T{:02}:{:02}"
            r.value += 'T';
            put_padded(r.value, tod.hours().count(), 2);
            r.value += ':';
            put_padded(r.value, tod.minutes().count(), 2);
            r.interval = Interval{t, t + seconds{60}};
            r.granularity = e.unit == Unit::Hour ? Granularity::Hour : Granularity::Minute;
            if (e.unit == Unit::Hour) r.value.resize(r.value.size() - 3);
            break;
        }
        case Unit::Day:
        case Unit::Night:
        case Unit::Week:
        case Unit::Weekend: {
            double nd = q * (e.unit == Unit::Week || e.unit == Unit::Weekend ? 7 : 1);
            if (!whole(nd) || nd > 1e7) return std::nullopt;  // (beyond the calendar: "a billion days")
            auto d = ad + days{sign * static_cast<int>(nd)};
            r.value = day_value(year_month_day{d});
            r.interval = day_span(d);
            r.granularity = Granularity::Day;
            break;
        }
        case Unit::Month:
        case Unit::Quarter:
        case Unit::Half: {
            double nm = q * (e.unit == Unit::Quarter ? 3 : e.unit == Unit::Half ? 6 : 1);
            if (!whole(nm) || nm > 3e5) return std::nullopt;
            auto ym = a->year() / a->month() + months{sign * static_cast<int>(nm)};
            r.value = month_value(ym.year(), ym.month());
            r.interval = month_span(ym.year(), ym.month());
            r.granularity = Granularity::Month;
            break;
        }
        case Unit::Year:
        case Unit::Decade:
        case Unit::Century:
        case Unit::Millennium: {
            double ny = q * (e.unit == Unit::Decade ? 10 : e.unit == Unit::Century ? 100 : e.unit == Unit::Millennium ? 1000 : 1);
            if (!whole(ny)) {
                double nm = ny * 12;
                if (!whole(nm) || nm > 3e5) return std::nullopt;
                auto ym = a->year() / a->month() + months{sign * static_cast<int>(nm)};
                r.value = month_value(ym.year(), ym.month());
                r.interval = month_span(ym.year(), ym.month());
                r.granularity = Granularity::Month;
                break;
            }
            // Beyond the calendar's years ("three million years ago"): the year counted back, with no
            // interval (no calendar holds it).
            if (ny > 30000) {
                if (ny > 1e15) return std::nullopt;
                const long long yy = static_cast<long long>(int(a->year())) + sign * static_cast<long long>(ny);
                r.value = yy <= 0 ? fmt::format("BC{:04}", 1 - yy) : fmt::format("{:04}", yy);
                r.granularity = Granularity::Year;
                break;
            }
            auto y = a->year() + years{sign * static_cast<int>(ny)};
            r.value = year_value(int(y));
            r.interval = year_span(y);
            r.granularity = Granularity::Year;
            break;
        }
        case Unit::None: return std::nullopt;
    }
    if (e.mod != Mod::None) r.mod = mod_value(e.mod);
    r.implied = FieldYear | FieldMonth | FieldDay;
    r.explanation = cat(text, ": ", q, " unit(s) ", sign < 0 ? "before" : "after", " ", anchor_name(), " -> ",
                        r.value);
    return std::move(r);
}

std::optional<Resolution> Builder::set() {
    r.type = TimexType::Set;
    r.quant = "";
    r.freq = e.times > 0 ? cat(e.times, "X") : "";
    if (e.nth != 0 && e.weekday > 0 && e.unit == Unit::Month) {
        // "the first Tuesday of every month": one day a month (TIMEX3 has no value for which day)
        static const char* names[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        r.value = "P1M";
        r.freq = "1X";
        r.quant = "EVERY";
        r.known = FieldWeekday;
        static const char* nths[] = {"last", "first", "second", "third", "fourth", "fifth"};
        r.explanation = cat(text, ": recurring P1M, 1X (the ", nths[e.nth < 0 ? 0 : e.nth], " ", names[e.weekday],
                            " of each month)");
        return std::move(r);
    }
    if (e.weekday > 0) {
        r.value = cat("XXXX-WXX-", e.weekday);
        r.known = FieldWeekday;
        // "every other Thursday": the weekday once in each period of two weeks (TimeBank writes the
        // period of a weekday set as freq, "each Thursday" freq="1W")
        if (e.quantity >= 2 && e.quantity == std::floor(e.quantity)) r.freq = fmt::format("{}W", int(e.quantity));
        if (e.part != PartOfDay::None) {  // "Tuesday nights"
            r.value += 'T';
            r.value += part_code(e.part);
            r.known |= FieldPartOfDay;
        }
    } else if (e.month > 0) {
        r.value = "XXXX-";  // "XXXX-{:02}"
        put_padded(r.value, e.month, 2);
        r.known = FieldMonth;
    } else if (e.season != Season::None) {
        r.value = cat("XXXX-", season_code(e.season));
        r.known = FieldSeason;
    } else if (e.part != PartOfDay::None) {
        r.value = cat("XXXX-XX-XXT", part_code(e.part));
        r.known = FieldPartOfDay;
    } else if (e.unit != Unit::None) {
        r.value = duration_value(e.quantity, e.unit, e.vague_quantity);  // "every few weeks": PXW
        if (r.freq.empty()) r.freq = "1X";
    } else {
        return std::nullopt;
    }
    auto lower = std::string(text.substr(0, 5));
    for (auto& ch : lower) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (lower.rfind("every", 0) == 0) r.quant = "EVERY";
    if (lower.rfind("each", 0) == 0) r.quant = "EACH";
    r.explanation = cat(text, ": recurring ", r.value, r.freq.empty() ? "" : ", ", r.freq);
    return std::move(r);
}

std::optional<Resolution> Builder::fuzzy() {
    r.temporal_function = true;
    switch (e.fuzzy) {
        case grammar::Fuzzy::Present: r.value = "PRESENT_REF"; break;
        case grammar::Fuzzy::Past: r.value = "PAST_REF"; break;
        case grammar::Fuzzy::Future: r.value = "FUTURE_REF"; break;
        case grammar::Fuzzy::None: return std::nullopt;
    }
    if (c.dct) {
        r.anchor = "dct";
        if (e.fuzzy == grammar::Fuzzy::Present) {
            r.interval = day_span(sys_days{c.dct->day});
            r.granularity = Granularity::Day;
        }
    }
    r.explanation = cat(text, ": fuzzy reference to ",
                        std::string_view(e.fuzzy == grammar::Fuzzy::Present ? "the present"
                                         : e.fuzzy == grammar::Fuzzy::Past  ? "the past"
                                                                            : "the future"),
                        " -> ", r.value);
    return std::move(r);
}

}  // namespace

namespace {
// "a week from Friday", "a year from next month": the time after "from" as it resolves alone, moved
// forward by the amount said, at its own granularity (a day stays a day, a month a month).
std::optional<Resolution> shifted(const grammar::Expr& e, std::string_view text, const Context& ctx) {
    grammar::Expr base = e;
    base.shift_unit = Unit::None;
    base.shift_quantity = 0;
    Builder b{base, text, ctx, {}};
    auto r = b.run();
    if (!r) return r;
    const double q = e.shift_quantity;
    const bool by_days = e.shift_unit == Unit::Day || e.shift_unit == Unit::Week;
    const double n = q * (e.shift_unit == Unit::Week ? 7 : e.shift_unit == Unit::Year ? 12 : 1);
    const bool days_fit_granularity = r->granularity == Granularity::Day || r->granularity == Granularity::PartOfDay;
    const bool months_fit_granularity = r->granularity == Granularity::Day || r->granularity == Granularity::Month ||
                                        r->granularity == Granularity::Year;
    if (!r->interval || n != std::floor(n) || std::abs(n) > 100000 || r->type != TimexType::Date ||
        (by_days ? !days_fit_granularity : !months_fit_granularity)) {
        // The base is not a concrete day (month, year) or the amount is no whole number of them: the
        // shifted time cannot be named ("half a week from Friday", "a day from next month").
        r->explanation = r->interval ? cat(text, ": ", q, " unit(s) from ", r->value, ", which cannot be shifted by them -> XXXX-XX-XX")
                                     : cat(text, ": ", q, " unit(s) from a time that is not known -> XXXX-XX-XX");
        r->value = "XXXX-XX-XX";
        r->interval.reset();
        r->granularity = Granularity::Day;
        return r;
    }
    const sys_days from = std::chrono::floor<days>(r->interval->begin);
    const year_month_day ymd{from};
    const std::string base_value = r->value;
    if (by_days && e.period == Unit::Week) {
        // "the week before Christmas": the ISO week of the day a week away
        const sys_days to = from + days{static_cast<int>(n)};
        r->value = week_value(to);
        r->interval = span(monday_of(to), monday_of(to) + weeks{1});
        r->granularity = Granularity::Week;
        r->type = TimexType::Date;
    } else if (by_days) {
        // (a part of the day stays: "a week from Saturday night")
        const std::string part = r->granularity == Granularity::PartOfDay && r->value.size() > 10 ? r->value.substr(10) : "";
        const days shift{static_cast<int>(n)};
        r->value = day_value(year_month_day{from + shift}) + part;
        r->interval = part.empty() ? day_span(from + shift) : Interval{r->interval->begin + shift, r->interval->end + shift};
        if (part.empty()) r->granularity = Granularity::Day;
    } else if (r->granularity == Granularity::Day) {
        // "a month from Friday": the same day of the month (its last day when the month is shorter)
        const year_month ym = ymd.year() / ymd.month() + months{static_cast<int>(n)};
        year_month_day d = ym / ymd.day();
        if (!d.ok()) d = year_month_day{ym / last};
        r->value = day_value(d);
        r->interval = day_span(sys_days{d});
    } else if (r->granularity == Granularity::Month) {
        const year_month ym = ymd.year() / ymd.month() + months{static_cast<int>(n)};
        r->value = month_value(ym.year(), ym.month());
        r->interval = month_span(ym.year(), ym.month());
    } else {  // a year: whole years only
        if (static_cast<int>(n) % 12 != 0) {
            r->value = "XXXX";
            r->interval.reset();
            return r;
        }
        const year y = ymd.year() + years{static_cast<int>(n) / 12};
        r->value = year_value(int(y));
        r->interval = year_span(y);
    }
    r->known = FieldNone;
    r->implied = FieldYear | FieldMonth | FieldDay;
    r->temporal_function = true;
    r->explanation = cat(text, ": ", base_value, " as said alone, shifted by ", q, " ",
                         e.shift_unit == Unit::Day ? "day" : e.shift_unit == Unit::Week ? "week"
                                                    : e.shift_unit == Unit::Month ? "month" : "year",
                         "(s) -> ", r->value);
    return r;
}
}  // namespace

std::optional<Resolution> resolve(const grammar::Expr& e, std::string_view text, const Context& ctx) {
    if (e.shift_unit != Unit::None) return shifted(e, text, ctx);
    Builder b{e, text, ctx, {}};
    auto r = b.run();
    if (r && e.aside) r->comparison = true;  // (named in passing: no reference time, no quarter reported on)
    return r;
}

Period period_containing(sys_days d, Granularity g) {
    const year_month_day ymd{d};
    switch (g) {
        case Granularity::Day: return {day_span(d), day_value(ymd)};
        case Granularity::Week: return {span(monday_of(d), monday_of(d) + weeks{1}), week_value(d)};
        case Granularity::Month: return {month_span(ymd.year(), ymd.month()), month_value(ymd.year(), ymd.month())};
        case Granularity::Quarter: {
            const year_month first = ymd.year() / month((unsigned(ymd.month()) - 1) / 3 * 3 + 1);
            return {span(sys_days{first / 1}, sys_days{(first + months{3}) / 1}),
                    fmt::format("{:04}-Q{}", int(ymd.year()), (unsigned(ymd.month()) - 1) / 3 + 1)};
        }
        case Granularity::Half: {
            const unsigned h = (unsigned(ymd.month()) - 1) / 6 + 1;
            const year_month first = ymd.year() / month(6 * h - 5);
            return {span(sys_days{first / 1}, sys_days{(first + months{6}) / 1}),
                    fmt::format("{:04}-H{}", int(ymd.year()), h)};
        }
        case Granularity::Season: {  // meteorological; winter Y holds January-February of Y+1
            const unsigned m = unsigned(ymd.month());
            const Season s = m >= 3 && m <= 5 ? Season::Spring : m >= 6 && m <= 8 ? Season::Summer
                             : m >= 9 && m <= 11                  ? Season::Fall
                                                                  : Season::Winter;
            const year y = m <= 2 ? ymd.year() - years{1} : ymd.year();
            return {season_span(y, s), fmt::format("{:04}-{}", int(y), season_code(s))};
        }
        case Granularity::Decade: {
            const int dec = int(ymd.year()) / 10;
            return {span(sys_days{year(dec * 10) / 1 / 1}, sys_days{year(dec * 10 + 10) / 1 / 1}),
                    fmt::format("{:03}", dec)};
        }
        default: return {year_span(ymd.year()), year_value(int(ymd.year()))};
    }
}

Reference dct_reference(const Dct& dct) {
    const sys_days day{dct.day};
    return Reference{day, Granularity::Day, to_string(dct),
                     dct.seconds ? std::optional{std::chrono::seconds{*dct.seconds}} : std::nullopt, day + days{1}};
}

std::optional<Reference> reference_of(const Resolution& r) {
    if (r.event_day) {
        Reference ref;
        ref.granularity = Granularity::Unknown;
        ref.value = r.value;
        ref.unknown = true;
        return ref;
    }
    if ((r.type != TimexType::Date && r.type != TimexType::Time) || !r.interval) return std::nullopt;
    if (r.granularity < Granularity::Decade) return std::nullopt;
    if (r.value.find("REF") != std::string::npos) return std::nullopt;
    if (r.comparison) return std::nullopt;
    auto day = std::chrono::floor<date::days>(r.interval->begin);
    // "midnight" (T24:00) ends its day: "earlier in the day" after "a midnight deadline" Thursday is
    // still Thursday, though the instant is Friday 00:00.
    if (r.value.find("T24") != std::string::npos) day -= date::days{1};
    Reference ref{day, r.granularity, r.value, std::nullopt, std::chrono::ceil<date::days>(r.interval->end)};
    // A clock time ("at 2 p.m. Tuesday", not "Tuesday morning"): "two hours later" counts from it.
    if (r.granularity >= Granularity::Hour && r.value.find('T') != std::string::npos &&
        r.value.find("T24") == std::string::npos)
        ref.time_of_day = r.interval->begin - std::chrono::sys_seconds{day};
    return ref;
}

}  // namespace dateline::resolve
