// Dateline public API: resolved temporal expressions (TIMEX3).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

enum class TimexType : std::uint8_t { Date, Time, Duration, Set };
std::string_view to_string(TimexType t) noexcept;  // "DATE", "TIME", "DURATION", "SET"

// How fine the resolved value is. Ordered from coarse to fine.
enum class Granularity : std::uint8_t {
    Unknown, Millennium, Century, Decade, Year, Half, Season, Quarter, Month, Week, Day, PartOfDay,
    Hour, Minute, Second
};
std::string_view to_string(Granularity g) noexcept;  // "year", "month", "day", ...

// Calendar fields, used as a bit set for "stated in the text" vs "implied by the reference time".
enum Field : std::uint32_t {
    FieldNone = 0,
    FieldCentury = 1u << 0, FieldDecade = 1u << 1, FieldYear = 1u << 2, FieldHalf = 1u << 3,
    FieldSeason = 1u << 4, FieldQuarter = 1u << 5, FieldMonth = 1u << 6, FieldWeek = 1u << 7,
    FieldDay = 1u << 8, FieldWeekday = 1u << 9, FieldPartOfDay = 1u << 10, FieldHour = 1u << 11,
    FieldMinute = 1u << 12, FieldSecond = 1u << 13, FieldZone = 1u << 14,
};
std::string fields_to_string(std::uint32_t fields);  // "year,month,day"

enum class Tense : std::uint8_t { Unknown, Past, Present, Future };
std::string_view to_string(Tense t) noexcept;

// A half-open interval [begin, end) of UTC-less ("floating") wall-clock time,
// unless the expression named a zone, in which case it is UTC.
struct Interval {
    std::chrono::sys_seconds begin{};
    std::chrono::sys_seconds end{};
    friend bool operator==(const Interval&, const Interval&) = default;
};
std::string to_iso(std::chrono::sys_seconds t);  // "2024-01-19T00:00:00"

struct Timex {
    std::string tid;                 // "t1", "t2", ...
    std::size_t begin = 0;           // byte offsets into the input text, [begin, end)
    std::size_t end = 0;
    std::string text;                // the text of the span
    TimexType type = TimexType::Date;
    std::string value;               // TIMEX3 value: "2024-01-12", "P3W", "PRESENT_REF", "XXXX-12-27"
    std::string mod;                 // TIMEX3 mod: "", "EARLY", "MID", "LATE", "START", "END", "APPROX", ...
    std::string quant;               // SET: "EVERY", "EACH" or ""
    std::string freq;                // SET: "1X", "2X", "2W" (every other week) or ""
    std::optional<Interval> interval;  // resolved span, when the value is concrete
    Granularity granularity = Granularity::Unknown;
    std::uint32_t known = 0;         // Field bits stated in the text
    std::uint32_t implied = 0;       // Field bits taken from the anchor (DCT or reference time)
    bool temporal_function = false;  // value depends on an anchor (TimeML temporalFunction)
    std::string anchor;              // "dct", "reference" or "" (TimeML anchorTimeID is derived from it)
    Tense tense = Tense::Unknown;    // tense used to resolve it
    std::string explanation;         // one line: how the value was obtained
};

}  // namespace dateline
