// String forms of the public value types, and DCT parsing.
#include <charconv>

#include <fmt/format.h>

#include "dateline/annotate.hpp"
#include "dateline/options.hpp"
#include "dateline/timex.hpp"

namespace dateline {

std::string_view to_string(TimexType t) noexcept {
    switch (t) {
        case TimexType::Date: return "DATE";
        case TimexType::Time: return "TIME";
        case TimexType::Duration: return "DURATION";
        case TimexType::Set: return "SET";
    }
    return "DATE";
}

std::string_view to_string(Granularity g) noexcept {
    static constexpr std::string_view names[] = {"unknown", "millennium", "century", "decade", "year",
                                                 "half",    "season",     "quarter", "month",  "week",
                                                 "day",     "part-of-day", "hour",   "minute", "second"};
    return names[static_cast<std::size_t>(g)];
}

std::string fields_to_string(std::uint32_t f) {
    static constexpr std::pair<Field, const char*> names[] = {
        {FieldCentury, "century"}, {FieldDecade, "decade"},   {FieldYear, "year"},     {FieldHalf, "half"},
        {FieldSeason, "season"},   {FieldQuarter, "quarter"}, {FieldMonth, "month"},   {FieldWeek, "week"},
        {FieldDay, "day"},         {FieldWeekday, "weekday"}, {FieldPartOfDay, "part-of-day"},
        {FieldHour, "hour"},       {FieldMinute, "minute"},   {FieldSecond, "second"}, {FieldZone, "zone"}};
    std::string s;
    for (auto& [bit, name] : names)
        if (f & bit) {
            if (!s.empty()) s += ',';
            s += name;
        }
    return s;
}

std::string_view to_string(Tense t) noexcept {
    switch (t) {
        case Tense::Past: return "past";
        case Tense::Present: return "present";
        case Tense::Future: return "future";
        case Tense::Unknown: break;
    }
    return "unknown";
}

std::string_view to_string(Strategy s) noexcept {
    switch (s) {
        case Strategy::News: return "news";
        case Strategy::Narrative: return "narrative";
        case Strategy::Past: return "past";
        case Strategy::Future: return "future";
    }
    return "news";
}

std::optional<Strategy> parse_strategy(std::string_view s) noexcept {
    if (s == "news") return Strategy::News;
    if (s == "narrative") return Strategy::Narrative;
    if (s == "past") return Strategy::Past;
    if (s == "future") return Strategy::Future;
    return std::nullopt;
}

std::string_view to_string(DctSource s) noexcept {
    switch (s) {
        case DctSource::Given: return "given";
        case DctSource::Header: return "header";
        case DctSource::Dateline: return "dateline";
        case DctSource::None: break;
    }
    return "none";
}

std::string to_iso(std::chrono::sys_seconds t) {
    auto d = std::chrono::floor<date::days>(t);
    date::year_month_day ymd{d};
    date::hh_mm_ss<std::chrono::seconds> tod{t - d};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", int(ymd.year()), unsigned(ymd.month()),
                       unsigned(ymd.day()), tod.hours().count(), tod.minutes().count(), tod.seconds().count());
}

namespace {
bool read_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
}
}  // namespace

std::optional<Dct> parse_dct(std::string_view s) noexcept {
    int y = 0, m = 0, d = 0;
    std::string_view rest;
    if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
        if (!read_int(s.substr(0, 4), y) || !read_int(s.substr(5, 2), m) || !read_int(s.substr(8, 2), d))
            return std::nullopt;
        rest = s.substr(10);
    } else if (s.size() >= 8 && read_int(s.substr(0, 8), y)) {
        y = 0;
        if (!read_int(s.substr(0, 4), y) || !read_int(s.substr(4, 2), m) || !read_int(s.substr(6, 2), d))
            return std::nullopt;
        rest = s.substr(8);
    } else {
        return std::nullopt;
    }
    date::year_month_day ymd{date::year{y} / date::month(unsigned(m)) / date::day(unsigned(d))};
    if (!ymd.ok() || y < 1000 || y > 2999) return std::nullopt;
    Dct dct{ymd, std::nullopt};
    if (!rest.empty()) {
        // THH:MM[:SS]
        if (rest[0] != 'T' && rest[0] != ' ') return std::nullopt;
        rest.remove_prefix(1);
        int hh = 0, mm = 0, ss = 0;
        if (rest.size() < 5 || rest[2] != ':' || !read_int(rest.substr(0, 2), hh) || !read_int(rest.substr(3, 2), mm))
            return std::nullopt;
        rest.remove_prefix(5);
        if (!rest.empty()) {
            if (rest.size() != 3 || rest[0] != ':' || !read_int(rest.substr(1, 2), ss)) return std::nullopt;
        }
        if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
        dct.seconds = hh * 3600 + mm * 60 + ss;
    }
    return dct;
}

std::string to_string(const Dct& d) {
    int y = int(d.day.year());
    unsigned m = unsigned(d.day.month()), dd = unsigned(d.day.day());
    std::string s;
    if (y >= 0 && y <= 9999 && m <= 99 && dd <= 99) {  // fmt's {:04}-{:02}-{:02} without a format string
        char buf[10] = {char('0' + y / 1000), char('0' + y / 100 % 10), char('0' + y / 10 % 10), char('0' + y % 10), '-',
                        char('0' + m / 10), char('0' + m % 10), '-', char('0' + dd / 10), char('0' + dd % 10)};
        s.assign(buf, sizeof buf);
    } else {
        s = fmt::format("{:04}-{:02}-{:02}", y, m, dd);
    }
    if (d.seconds) s += fmt::format("T{:02}:{:02}", *d.seconds / 3600, (*d.seconds / 60) % 60);
    return s;
}

}  // namespace dateline
