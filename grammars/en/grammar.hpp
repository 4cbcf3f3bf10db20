// The English temporal grammar: families of X3 rules, each in its own translation unit.
// A family tries its rules at one position and keeps the longest match (Duckling-style rule list).
#pragma once
#include "ast.hpp"
#include "first_set.hpp"

namespace dateline::grammar {

using It = const char*;

struct Match {
    It end = nullptr;        // one past the last byte matched; nullptr when nothing matched
    Expr expr;
    const char* rule = "";   // the name of the rule that matched, for explanations
};

// Each family: try every rule at [first, last) and replace `best` by any longer match.
enum FamilyId : unsigned char { Calendar, Relative, Times, Durations, Sets, Fuzzy, Holidays };
void match_calendar(It first, It last, Match& best);   // calendar.cpp: dates, months, years, seasons, quarters, decades
void match_relative(It first, It last, Match& best);   // relative.cpp: this/last/next, deictic days, offsets, anaphora
void match_times(It first, It last, Match& best);      // times.cpp: clock times, noon, midnight
void match_durations(It first, It last, Match& best);  // durations.cpp: N units, the past N units
void match_sets(It first, It last, Match& best);       // sets.cpp: every Monday, weekly, twice a week
void match_fuzzy(It first, It last, Match& best);      // fuzzy.cpp: now, recently, the future
void match_holidays(It first, It last, Match& best);   // holidays.cpp: Christmas, Thanksgiving

// All families, in this order (on equal length the earlier family's match stays); returns true
// when anything matched.
inline bool match_at(It first, It last, Match& best) {
    // Rules whose first tokens cannot start here are skipped; when none can, no family runs.
    if (first::begin_candidate(first, last)) {
        first::end_candidate();
        return best.end != nullptr;
    }
    // Once every family has registered its rules, a family none of whose rules may start here is
    // not called at all.
    const first::Candidate& cand = first::current;
    const bool filter = cand.first == first && cand.complete;
    auto family = [&](FamilyId id, void (*match)(It, It, Match&)) {
        if (!filter || cand.allowed.intersects(first::family_rules[id])) match(first, last, best);
    };
    family(Calendar, match_calendar);
    family(Relative, match_relative);
    family(Times, match_times);
    family(Durations, match_durations);
    family(Sets, match_sets);
    family(Fuzzy, match_fuzzy);
    family(Holidays, match_holidays);
    first::end_candidate();
    if (!first::sealed.load(std::memory_order_relaxed))
        first::sealed.store(true, std::memory_order_release);  // every family has registered its rules
    return best.end != nullptr;
}

}  // namespace dateline::grammar
