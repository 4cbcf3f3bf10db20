// The resolver: a pure function from what the text says (grammar::Expr) and the context
// (DCT, reference time, tense, strategy) to a TIMEX3 value, an interval, granularity,
// known/implied fields and a one-line explanation. All calendar arithmetic goes through date.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "../../grammars/en/ast.hpp"
#include "dateline/options.hpp"
#include "dateline/timex.hpp"

namespace dateline::resolve {

// A time the narrative has mentioned: the anchor of anaphoric expressions ("the next day").
struct Reference {
    date::sys_days day{};        // first day of the mentioned period
    Granularity granularity = Granularity::Day;
    std::string value;           // its TIMEX3 value
    std::optional<std::chrono::seconds> time_of_day;  // when the time names a clock time ("2 p.m. Tuesday")
    date::sys_days end{};        // the day after the mentioned period (none before it: unknown)
    bool unknown = false;        // the narrative is at a time the text does not date ("On the first day of
                                 // the trial, ..."): anaphora after it cannot be resolved (granularity Unknown)
};
// The DCT as the reference time before any time is mentioned (its day, and its clock time if known).
Reference dct_reference(const Dct& dct);

struct Context {
    std::optional<Dct> dct;
    std::optional<Reference> reference;  // last mentioned time; the DCT when none
    std::optional<Reference> quarter;    // last quarter mentioned ("the third quarter"): the period a
                                         // financial report is about
    Tense tense = Tense::Unknown;
    Strategy strategy = Strategy::News;
    bool fronted = false;  // the expression opens its sentence as an adjunct ("In January, the company
                           // lost ..."), or follows "last" + a past form ("last met Biden in March"):
                           // the tense is surely that of the clause it belongs to
    bool longer_period = false;  // the last time mentioned before, in the same sentence, is a period of
                                 // half a year or more ("For the nine months, net rose from ... a year
                                 // earlier"): a year-ago comparison is about it, not the quarter
};

struct Resolution {
    TimexType type = TimexType::Date;
    std::string value;
    std::string mod;
    std::string quant;
    std::string freq;
    std::optional<Interval> interval;
    Granularity granularity = Granularity::Unknown;
    std::uint32_t known = 0;
    std::uint32_t implied = 0;
    bool temporal_function = false;
    std::string anchor;  // "dct", "reference" or ""
    bool comparison = false;  // a period named only to compare with ("a year earlier" in a quarterly
                              // report): it does not become the narrative's reference time
    bool event_day = false;   // a day counted within an undated event ("the second day of the talks"): it
                              // becomes the narrative's reference time, an unknown one
    std::string explanation;
};

// Returns nothing when the expression names an impossible date ("February 30").
std::optional<Resolution> resolve(const grammar::Expr& e, std::string_view text, const Context& ctx);

// The reference a resolved DATE/TIME leaves for later anaphora, if it is concrete enough.
std::optional<Reference> reference_of(const Resolution& r);

// The day, ISO week, month, quarter, half, (meteorological) season, decade or year that holds day d
// (by g; any other granularity: the year), as a TIMEX3 value and its interval: "2024-02-09",
// "2024-W06", "2024-02", "2024-Q1", "2024-H1", "2023-WI", "202", "2024".
struct Period {
    Interval interval;
    std::string value;
};
Period period_containing(date::sys_days d, Granularity g);

}  // namespace dateline::resolve
