// Dateline public API: options that steer recognition and resolution.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

#include "dateline/timex.hpp"

namespace dateline {

// How relative expressions are anchored.
//  News:      deictic expressions ("Friday", "last week") anchor at the DCT, the tense of the
//             governing verb decides past/future; anaphoric ones ("the next day") at the
//             last mentioned time.
//  Narrative: everything relative anchors at the last mentioned time (the reference time).
//  Past:      like News, but bare weekdays/months always resolve to the past.
//  Future:    like News, but bare weekdays/months always resolve to the future.
enum class Strategy : std::uint8_t { News, Narrative, Past, Future };
std::string_view to_string(Strategy s) noexcept;
std::optional<Strategy> parse_strategy(std::string_view s) noexcept;

// The document creation time: a day, with an optional time of day (seconds since midnight).
struct Dct {
    date::year_month_day day{};
    std::optional<int> seconds;  // time of day, if known
    friend bool operator==(const Dct&, const Dct&) = default;
};
// Parses "2024-01-19", "2024-01-19T09:30", "20240119". Rejects impossible dates ("2024-02-30").
std::optional<Dct> parse_dct(std::string_view s) noexcept;
std::string to_string(const Dct& d);

struct Options {
    std::optional<Dct> dct;             // explicit DCT; when empty it is detected from the text
    bool detect_dct = true;             // look for a dateline / "Published:" header when no DCT is given
    Strategy strategy = Strategy::News;
    // Forces the tense used to resolve every expression (past: bare weekdays/months go back, future:
    // forward), for callers that know it and for the corpus tests; empty = detect it from the
    // sentence around each expression.
    std::optional<Tense> tense;
};

}  // namespace dateline
