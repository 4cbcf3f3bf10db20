// Anchoring: each event gets its time and its relation to it.
//  1. a timex in its clause: a premodifier of an event noun ("the December 27 meeting"), the object of a
//     preposition after an event noun ("a meeting in Washington on Friday"), else an adverbial of the
//     clause's verb ("Last Friday, ... drowned"); the preposition gives the relation (since -> AFTER,
//     before/until/by -> BEFORE, throughout -> INCLUDES, else ON). A clause whose only verb is a copula
//     gets a state event ("is of particular interest ... this election year"). A duration after "in"
//     said of what will be ("will report in three weeks") places the event that far after the DCT,
//     at the duration's unit (the day, ISO week, month or year); "within" puts it BEFORE that day. The
//     TIMEX3 stays the DURATION.
//  2. "since/after/before that <event noun>": the time of the earlier, dated mention of that event.
//  3. the narrative reference time (strategy narrative): the last concrete time mentioned before it.
//  4. the DCT, placed by tense: past -> BEFORE, future -> AFTER, present -> ON.
// Only rule 1 makes an entry "dated"; the others are listed with --all-events.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <unordered_map>

#include <date/date.h>
#include <fmt/format.h>

#include "events/analysis.hpp"
#include "resolve/resolver.hpp"

namespace dateline::events {
namespace {

// The concatenation of string pieces, in one allocation (the rules and explanations of every entry).
template <class... A>
std::string cat(const A&... parts) {
    std::string_view views[] = {std::string_view(parts)...};
    std::size_t n = 0;
    for (auto v : views) n += v.size();
    std::string s;
    s.reserve(n);
    for (auto v : views) s.append(v);
    return s;
}

bool concrete(const Timex& t) {
    return (t.type == TimexType::Date || t.type == TimexType::Time) && t.interval && !t.value.empty() &&
           std::isdigit(static_cast<unsigned char>(t.value[0]));
}

// The day n days, weeks, months or years ('D', 'W', 'M', 'Y'; n < 0: before) from `from`; a month or
// year away on a day the month lacks: its last day. None outside TIMEX3's four-digit years.
std::optional<date::sys_days> shifted_day(date::sys_days from, int n, char unit) {
    using namespace date;
    const year_month_day ymd{from};
    auto add = [&](year_month_day x) { return x.ok() ? sys_days{x} : sys_days{x.year() / x.month() / last}; };
    sys_days day = from;
    switch (unit) {
        case 'D': day += days{n}; break;
        case 'W': day += weeks{n}; break;
        case 'M': day = add(ymd + months{n}); break;
        case 'Y': day = add(ymd + years{n}); break;
        default: return std::nullopt;
    }
    const year y = year_month_day{day}.year();
    if (y >= year{9999} || y < year{1}) return std::nullopt;
    return day;
}

// A whole, counted number of units: "P3W" -> {3, 'W'} (TimeML's DURATION value "P<n><unit>" for days,
// weeks, months, years), from a counted duration ("three weeks", "10 days"), not a determined period
// ("the year ending June 30", "the next three weeks") or a modified one ("about a week").
std::optional<std::pair<int, char>> counted_units(const Timex& t) {
    if (t.type != TimexType::Duration || !t.mod.empty()) return std::nullopt;
    std::string_view first = std::string_view(t.text).substr(0, t.text.find(' '));
    for (std::string_view det : {"the", "The", "this", "This", "that", "That", "these", "those", "its", "their"})
        if (first == det) return std::nullopt;
    std::string_view v = t.value;
    if (v.size() < 3 || v.size() > 5 || v[0] != 'P') return std::nullopt;
    int n = 0;
    for (char c : v.substr(1, v.size() - 2)) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        n = n * 10 + (c - '0');
    }
    char unit = v.back();
    if (n <= 0 || (unit != 'D' && unit != 'W' && unit != 'M' && unit != 'Y')) return std::nullopt;
    return std::pair{n, unit};
}

// "in three weeks" in a future clause: the time that far after the DCT, at the duration's unit
// ("P3W" from 2024-01-19 -> the ISO week 2024-W06; "P2D" -> the day, "P3M" -> the month, "P2Y" -> the
// year); with `by_day` ("within three weeks": a deadline) the day itself (2024-02-09). Only a whole
// number of days, weeks, months or years (TimeML's DURATION value "P<n><unit>").
struct Ahead {
    Interval interval;
    std::string value;
    Granularity granularity = Granularity::Unknown;
};
// The granularity of a counted_units() unit: 'D' day, 'W' week, 'M' month, 'Y' year.
Granularity granularity_of_unit(char unit) {
    return unit == 'D' ? Granularity::Day : unit == 'W' ? Granularity::Week : unit == 'M' ? Granularity::Month
                                                                                         : Granularity::Year;
}

std::optional<Ahead> ahead_of_dct(const Timex& t, const Dct& dct, bool by_day) {
    if (t.tense != Tense::Future) return std::nullopt;
    auto units = counted_units(t);
    if (!units) return std::nullopt;
    auto [n, unit] = *units;
    auto day = shifted_day(date::sys_days{dct.day}, n, unit);
    if (!day) return std::nullopt;
    const Granularity g = by_day ? Granularity::Day : granularity_of_unit(unit);
    resolve::Period p = resolve::period_containing(*day, g);
    return Ahead{p.interval, std::move(p.value), g};
}

struct Ref {
    std::size_t analysis = 0;
    std::size_t event = 0;  // local index in the analysis
};

// "three weeks after Nov. 5", "two days after the vote on Monday", "a week before the Dec. 12
// deadline": a counted duration right before "after", "following" or "before", and a few words on, in
// the same phrase, a time of a day (or of a month or year, counted in months or years): the time that
// far from it, at the anchor's granularity. `anchor` is the anchor's timex, `anchor_last` its last token.
struct Offset {
    Ahead time;
    int anchor = -1;
    std::size_t anchor_last = 0;
    bool after = true;
};
std::optional<Offset> offset_from_time(const std::vector<Token>& toks, std::size_t tb, const Timex& t,
                                       const std::vector<Timex>& timexes) {
    auto units = counted_units(t);
    if (!units || tb + 2 >= toks.size()) return std::nullopt;
    std::string_view w = toks[tb + 1].lower;
    if (toks[tb + 1].tag != Tag::Prep || (w != "after" && w != "following" && w != "before")) return std::nullopt;
    const bool after = w != "before";
    constexpr std::size_t kReach = 8;  // words between the preposition and the anchor
    for (std::size_t k = tb + 2; k < toks.size() && k <= tb + 2 + kReach; ++k) {
        const Token& tk = toks[k];
        if (tk.timex >= 0) {
            const Timex& u = timexes[std::size_t(tk.timex)];
            if (!concrete(u)) return std::nullopt;
            auto [n, unit] = *units;
            Granularity g = u.granularity;
            const bool sub_day = g == Granularity::Hour || g == Granularity::Minute || g == Granularity::Second;
            if (sub_day) g = Granularity::Day;
            const bool fits = g == Granularity::Day || (g == Granularity::Month && (unit == 'M' || unit == 'Y')) ||
                              (g == Granularity::Year && unit == 'Y');
            if (!fits) return std::nullopt;
            auto day = shifted_day(date::floor<date::days>(u.interval->begin), after ? n : -n, unit);
            if (!day) return std::nullopt;
            resolve::Period p = resolve::period_containing(*day, g);
            std::size_t last = k;
            while (last + 1 < toks.size() && toks[last + 1].timex == tk.timex) ++last;
            return Offset{Ahead{p.interval, std::move(p.value), g}, tk.timex, last, after};
        }
        // Within one noun phrase ("the vote in Congress on Monday") or a short clause of its own ("a
        // week after the jury heard closing arguments on October 23"): words, determiners, pronouns,
        // numbers, prepositions and verb groups; a comma or a clause break ends the search.
        bool pass = tk.tag == Tag::Word || tk.tag == Tag::Det || tk.tag == Tag::Possessive ||
                    tk.tag == Tag::Number || tk.tag == Tag::Prep || tk.tag == Tag::Pronoun || tk.tag == Tag::Be ||
                    tk.tag == Tag::Have || tk.tag == Tag::Adverb || tk.tag == Tag::Neg;
        if (!pass) return std::nullopt;
    }
    return std::nullopt;
}

// A placed event before the entries are materialized.
struct Placement {
    Ref ref;
    Relation relation = Relation::Unknown;
    bool dated = false;
    int timex = -1;                 // source timex index, -1 for the DCT
    std::string rule;
    std::size_t time_first = 0, time_last = 0;  // token range of the time phrase (dated entries)
    bool has_time_tokens = false;
    bool through_time = false;      // the short text runs from the event to the end of the time phrase
    std::optional<Interval> interval;  // for DCT placements and times derived from a timex (see Ahead)
    std::string value;
    Granularity granularity = Granularity::Unknown;
    std::string_view time_text;  // of a range: "Monday to Wednesday" (else the timex's own text)
};

// The preposition before token `ta`: its relation, the index where the time phrase starts, the word.
struct PrepInfo {
    Relation relation = Relation::On;
    std::size_t start = 0;
    std::string_view word;  // a literal of kPreps
    bool present = false;
};

struct PrepWord {
    std::string_view word;
    Relation relation;
};
constexpr PrepWord kPreps[] = {
    {"since", Relation::After},      {"after", Relation::After},     {"following", Relation::After},
    {"from", Relation::After},       {"as of", Relation::After},     {"before", Relation::Before},
    {"until", Relation::Before},     {"till", Relation::Before},     {"by", Relation::Before},
    {"prior to", Relation::Before},  {"ahead of", Relation::Before}, {"up to", Relation::Before},
    {"through", Relation::Before},   {"no later than", Relation::Before}, {"no earlier than", Relation::After},
    {"throughout", Relation::Includes}, {"on", Relation::On},        {"in", Relation::On},
    {"at", Relation::On},            {"during", Relation::On},       {"over", Relation::On},
    {"within", Relation::On},        {"for", Relation::On},          {"of", Relation::On}};

const PrepWord* prep_word(std::string_view w) {
    for (const PrepWord& p : kPreps)
        if (p.word == w) return &p;
    return nullptr;
}

PrepInfo prep_before(const std::vector<Token>& toks, std::size_t ta) {
    PrepInfo p;
    p.start = ta;
    if (ta == 0) return p;
    const Token& t = toks[ta - 1];
    std::string_view w = t.lower;
    char two[32];  // "prior to", "as of": two words
    std::size_t start = ta - 1;
    if ((t.tag == Tag::To || w == "of") && ta >= 2) {
        std::string_view w2 = toks[ta - 2].lower;
        if (w2 == "prior" || w2 == "ahead" || w2 == "up" || w2 == "as") {
            w2.copy(two, w2.size());
            two[w2.size()] = ' ';
            w.copy(two + w2.size() + 1, std::min(w.size(), sizeof two - w2.size() - 1));
            w = std::string_view(two, std::min(w2.size() + 1 + w.size(), sizeof two));
            start = ta - 2;
        }
    }
    // "no later than June 30", "not earlier than May": a deadline / a start
    if (w == "than" && ta >= 3 && (toks[ta - 3].lower == "no" || toks[ta - 3].lower == "not") &&
        (toks[ta - 2].lower == "later" || toks[ta - 2].lower == "earlier")) {
        w = toks[ta - 2].lower == "later" ? "no later than" : "no earlier than";
        start = ta - 3;
    }
    const PrepWord* pw = prep_word(w);
    if (!pw) return p;
    p.relation = pw->relation;
    p.start = start;
    p.word = pw->word;
    p.present = true;
    return p;
}

// "from Monday to Wednesday", "between 2019 and 2021", "2020 through 2022": a concrete time, a range
// word and a second concrete time of the same granularity, not before the first: the event spans
// both (its value the ISO 8601 interval "2019/2021"). `start` is where the phrase starts ("from",
// "between" or the first time), `second` the second time's timex, `last` its last token.
struct Range {
    Ahead time;
    int second = -1;
    std::size_t start = 0, last = 0;
};
std::optional<Range> range_from(const std::vector<Token>& toks, std::size_t ta, std::size_t tb, const Timex& t,
                                const std::vector<Timex>& timexes, const PrepInfo& prep) {
    if (tb + 2 >= toks.size()) return std::nullopt;
    const bool between = ta > 0 && toks[ta - 1].lower == "between";
    const bool from = prep.present && prep.word == "from";
    std::string_view w = toks[tb + 1].lower;
    const bool dash = w == "-" || w == "\xE2\x80\x93";  // "on Jan. 29-31", "in 2019–2021": a range whatever the preposition
    if (prep.present && !from && !between && !(dash && prep.relation == Relation::On))
        return std::nullopt;  // "since Monday to ...", "in 2019 to ...", "since 2019-2021"
    const bool joins = between ? w == "and"
                               : (w == "to" || w == "until" || w == "till" || w == "through" || w == "thru" ||
                                  dash);  // "19-20 January", "March 3–5"
    if (!joins || toks[tb + 2].timex < 0 || toks[tb + 2].timex == toks[tb].timex) return std::nullopt;
    const int second = toks[tb + 2].timex;
    const Timex& u = timexes[std::size_t(second)];
    if (!concrete(u) || u.granularity != t.granularity || u.interval->end <= t.interval->begin) return std::nullopt;
    // (Times of one unit each: a year, month, week, day, hour or minute; ranges of quarters or seasons
    // stay two entries.)
    switch (t.granularity) {
        case Granularity::Year:
        case Granularity::Month:
        case Granularity::Week:
        case Granularity::Day:
        case Granularity::Hour:
        case Granularity::Minute: break;
        default: return std::nullopt;
    }
    std::size_t last = tb + 2;
    while (last + 1 < toks.size() && toks[last + 1].timex == second) ++last;
    Interval iv{t.interval->begin, u.interval->end};
    return Range{Ahead{iv, cat(t.value, "/", u.value), t.granularity}, second, between ? ta - 1 : from ? prep.start : ta,
                 last};
}

bool is_verb_event(const SentenceAnalysis& a, std::size_t i) {
    return a.tokens[i].event >= 0 && !a.events[std::size_t(a.tokens[i].event)].noun;
}

// Stops a leftward / rightward search for the verb of a clause.
bool stops_search(const std::vector<Token>& toks, std::size_t i) {
    return clause_boundary(toks, i) || (toks[i].tag == Tag::Comma && toks[i].timex < 0);
}

// Rule 1a: the timex premodifies an event noun ("the December 27 meeting", "Friday's attack").
std::optional<std::size_t> premodified_noun(const SentenceAnalysis& a, std::size_t ta, std::size_t tb) {
    const auto& toks = a.tokens;
    if (ta > 0 && (toks[ta - 1].tag == Tag::Prep || toks[ta - 1].tag == Tag::To)) return std::nullopt;
    std::size_t j = tb + 1;
    if (j < toks.size() && toks[j].tag == Tag::Possessive) ++j;
    for (int skipped = 0; j < toks.size(); ++j, ++skipped) {
        if (toks[j].noun_event) {
            while (j < toks.size() && toks[j].event < 0) ++j;
            if (j < toks.size()) return j;
            return std::nullopt;
        }
        if (skipped >= 2 || toks[j].tag != Tag::Word || toks[j].verb || toks[j].timex >= 0) return std::nullopt;
    }
    return std::nullopt;
}

// Rule 1b: an event noun the time phrase follows inside one noun phrase ("a meeting in Washington on
// Friday", "elections in June in Mexico and November").
std::optional<std::size_t> noun_to_left(const SentenceAnalysis& a, std::size_t start) {
    const auto& toks = a.tokens;
    std::size_t steps = 0;
    for (std::size_t k = start; k > 0 && steps < 12; ++steps) {
        --k;
        const Token& t = toks[k];
        if (t.event >= 0 && a.events[std::size_t(t.event)].noun) return k;
        if (t.verb) return std::nullopt;
        bool pass = t.timex >= 0 || t.tag == Tag::Word || t.tag == Tag::Det || t.tag == Tag::Possessive ||
                    t.tag == Tag::Number || t.tag == Tag::Prep || t.tag == Tag::To || t.tag == Tag::Conj ||
                    t.tag == Tag::Adverb;
        if (!pass) return std::nullopt;
    }
    return std::nullopt;
}

// Rule 1b': the verb whose object is the event noun `noun` that a time phrase completes, when the time
// is said of the verb's act: "signed a ceasefire on June 12", "made a decision on March 28", "won their
// first championship on Saturday", "will vote on the merger on January 15", "suspended operations in
// Kasaba on Sunday" -> the verb (its excerpt holds the noun). The noun phrase may hold determiners,
// possessives, numbers, adverbs and a few modifiers, and one of the prepositions a verb takes its
// object with. Not for a verb that reports, plans or schedules the event ("announced a strike on
// Monday", "scheduled sentencing for January 18", "called a meeting for Friday": the time is the
// event's), nor for a time introduced by "for" (a time set for the event).
// `side` says where the time lies from the DCT (-1 before its day, 1 after it, 0 on it or unknown): a
// verb of the future or a "would" cannot happen at a past time, nor a past verb at a future one ("said
// Friday it would investigate the genocide nearly four years ago" -> the genocide).
std::optional<std::size_t> verb_of_object(const SentenceAnalysis& a, std::size_t noun, std::string_view time_prep,
                                          int side) {
    const auto& toks = a.tokens;
    if (time_prep == "for") return std::nullopt;
    std::size_t k = noun;
    while (k > 0 && toks[k - 1].noun_event && toks[k - 1].event < 0) --k;  // a noun of several words
    int modifiers = 0;
    bool prep = false;
    while (k > 0) {
        --k;
        const Token& t = toks[k];
        if (t.timex >= 0 || t.event >= 0) break;
        if (t.tag == Tag::Adverb) continue;
        // (Before the preposition only the verb: "told the United States at a meeting" is no object.)
        if (!prep && (t.tag == Tag::Det || t.tag == Tag::Possessive || t.tag == Tag::Number)) continue;
        if (!prep && t.tag == Tag::Word && !t.verb && !t.noun_event && ++modifiers <= 3) continue;
        if (t.tag == Tag::Prep && !prep &&
            (t.lower == "on" || t.lower == "in" || t.lower == "at" || t.lower == "against" || t.lower == "with" ||
             t.lower == "over" || t.lower == "into")) {
            prep = true;
            continue;
        }
        return std::nullopt;
    }
    if (toks[k].event < 0 || !is_verb_event(a, k)) return std::nullopt;
    const Event& v = a.events[std::size_t(toks[k].event)];
    if (v.event_class == "REPORTING" || v.event_class == "I_ACTION" || v.event_class == "I_STATE" ||
        v.event_class == "PERCEPTION" || !v.factual)
        return std::nullopt;
    const bool future = v.tense == Tense::Future || v.conditional || v.modality == "would";
    if ((side < 0 && future) || (side > 0 && v.tense == Tense::Past)) return std::nullopt;
    return k;
}

// Rule 1f: the phrase of a dated event opened by since/after/following/before/until or "by the time"
// ("After the attack on Friday, the army launched ...", "prices have risen since the election in March",
// "has grown since it was founded in 2009", "will stay until the vote on March 3", "By the time rescuers
// arrived on Sunday, the fire had destroyed ..."): the index of that word, whose clause's verb is then
// placed relative to the time.
std::optional<std::size_t> opened_by_relation(const SentenceAnalysis& a, std::size_t head) {
    const auto& toks = a.tokens;
    std::size_t k = head;
    while (k > 0 && toks[k - 1].noun_event && toks[k - 1].event < 0) --k;  // a noun of several words
    while (k > 0 && toks[k - 1].verb && toks[k - 1].event < 0 && toks[k - 1].tag != Tag::Word) --k;  // auxiliaries
    for (std::size_t steps = 0; k > 0 && steps < 6; ++steps) {
        --k;
        const Token& t = toks[k];
        // (an event noun that is the phrase's subject passes: "By the time the talks end on Friday")
        if (t.timex >= 0 || (t.event >= 0 && !(a.events[std::size_t(t.event)].noun && k + 1 < toks.size() &&
                                                toks[k + 1].tag != Tag::Prep && k > 0 && toks[k - 1].tag == Tag::Det)))
            return std::nullopt;
        if (t.tag == Tag::Prep) {
            const std::string_view w = t.lower;
            if (w == "since" || w == "after" || w == "following" || w == "before" || w == "until") return k;
            // "By the time rescuers arrived on Sunday, the fire had destroyed ...": BEFORE that time.
            if (w == "by" && k + 2 < toks.size() && toks[k + 1].lower == "the" && toks[k + 2].lower == "time")
                return k;
            return std::nullopt;
        }
        const bool pass = t.tag == Tag::Det || t.tag == Tag::Possessive || t.tag == Tag::Number ||
                          t.tag == Tag::Adverb || t.tag == Tag::Pronoun || t.tag == Tag::Be ||
                          t.tag == Tag::Have || t.tag == Tag::Modal || t.tag == Tag::Neg || t.tag == Tag::Do ||
                          (t.tag == Tag::Word && !t.verb);
        if (!pass) return std::nullopt;
    }
    return std::nullopt;
}

// Rule 1d: an appositive after an event noun: "The summit, scheduled for March 3, was ..." -> the summit.
std::optional<std::size_t> appositive_noun(const SentenceAnalysis& a, std::size_t start) {
    const auto& toks = a.tokens;
    for (std::size_t k = start, steps = 0; k > 0 && steps < 4; ++steps) {
        --k;
        if (toks[k].tag == Tag::Comma) {
            if (k > 0 && toks[k - 1].event >= 0 && a.events[std::size_t(toks[k - 1].event)].noun) return k - 1;
            return std::nullopt;
        }
        if (toks[k].tag != Tag::Word && toks[k].tag != Tag::Adverb) return std::nullopt;
    }
    return std::nullopt;
}

// Rule 1e: "<event noun> is (due/scheduled/set ...) <time>": "The vote is on Sunday", "Elections are due
// in May", "The summit was set for March 3" -> the noun.
std::optional<std::size_t> scheduled_subject(const SentenceAnalysis& a, std::size_t start) {
    const auto& toks = a.tokens;
    std::size_t k = start;
    while (k > 0 && toks[k - 1].tag == Tag::Adverb) --k;
    static const char* const sched[] = {"due", "scheduled", "set", "slated", "planned", "expected", "timed"};
    if (k > 0 && std::find_if(std::begin(sched), std::end(sched), [&](const char* w) { return toks[k - 1].lower == w; }) !=
                     std::end(sched))
        --k;
    while (k > 0 && (toks[k - 1].tag == Tag::Adverb || toks[k - 1].tag == Tag::Neg)) --k;
    if (k == 0 || !toks[k - 1].main_be) return std::nullopt;
    // the subject: the nearest event noun before the copula inside its noun phrase
    for (std::size_t j = k - 1, steps = 0; j > 0 && steps < 5; ++steps) {
        --j;
        const Token& t = toks[j];
        if (t.event >= 0 && a.events[std::size_t(t.event)].noun) return j;
        if (!(t.tag == Tag::Word || t.tag == Tag::Det || t.tag == Tag::Possessive || t.tag == Tag::Number))
            return std::nullopt;
    }
    return std::nullopt;
}

// True when nothing but prepositions/adverbs stands between the clause start and `start` (a fronted
// time: "Last Friday, ...", "On Thursday, ...").
bool fronted(const std::vector<Token>& toks, std::size_t start) {
    for (std::size_t k = start; k > 0;) {
        --k;
        if (clause_boundary(toks, k) || toks[k].tag == Tag::Conj) return true;
        if (toks[k].tag == Tag::Adverb || toks[k].tag == Tag::Prep) continue;
        return false;
    }
    return true;
}

// Rule 1c: the verb of the clause the time phrase [start, end] belongs to.
std::optional<std::size_t> clause_verb(const SentenceAnalysis& a, std::size_t start, std::size_t end,
                                       bool want_be = false) {
    const auto& toks = a.tokens;
    auto match = [&](std::size_t i) { return want_be ? toks[i].main_be : is_verb_event(a, i); };
    // The verb of a time's clause is near it: the searches stop after kClauseReach tokens, which keeps
    // anchoring linear on text without clause breaks (100,000 times in a row, each of which would
    // otherwise scan the whole run).
    constexpr std::size_t kClauseReach = 100;
    auto right = [&](bool cross_first_comma) -> std::optional<std::size_t> {
        bool crossed = false;
        for (std::size_t k = end + 1, stop = std::min(toks.size(), end + 1 + kClauseReach); k < stop; ++k) {
            if (toks[k].tag == Tag::Comma && cross_first_comma && !crossed && !clause_boundary(toks, k)) {
                crossed = true;
                continue;
            }
            if (stops_search(toks, k)) return std::nullopt;
            if (match(k)) return k;
        }
        return std::nullopt;
    };
    auto left = [&]() -> std::optional<std::size_t> {
        for (std::size_t k = start, stop = start > kClauseReach ? start - kClauseReach : 0; k > stop;) {
            --k;
            if (stops_search(toks, k)) return std::nullopt;
            if (match(k)) return k;
        }
        return std::nullopt;
    };
    if (fronted(toks, start)) return right(true);
    if (auto l = left()) return l;
    return right(false);
}

Tense tense_of_be(std::string_view w) {
    if (w == "was" || w == "were") return Tense::Past;
    if (w == "is" || w == "are" || w == "am" || w == "'s" || w == "'re" || w == "'m") return Tense::Present;
    return Tense::Unknown;
}

// The token text of [l, r] with quotation marks dropped, spaced as in the original.
std::string join_tokens(std::string_view text, const std::vector<Token>& toks, std::size_t l, std::size_t r) {
    std::string out;
    if (l > r || l >= toks.size()) return out;
    // Never longer than the text it comes from: written in place, then cut to its length.
    out.resize(toks[std::min(r, toks.size() - 1)].end - toks[l].begin);
    char* w = out.data();
    std::size_t last_end = std::string::npos;
    for (std::size_t k = l; k <= r && k < toks.size(); ++k) {
        if (toks[k].tag == Tag::Quote) continue;
        if (last_end != std::string::npos) {
            std::string_view gap = text.substr(last_end, toks[k].begin - last_end);
            bool space = false;  // (the gaps are short: a loop, not a call)
            for (char c : gap)  // (bytes >= 0x80 between tokens are a no-break or thin space)
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || static_cast<unsigned char>(c) >= 0x80) {
                    space = true;
                    break;
                }
            if (!space) {  // a quote between two words counts as the space it replaced
                for (std::size_t q = l; q <= r; ++q)
                    if (toks[q].tag == Tag::Quote && toks[q].begin >= last_end && toks[q].end <= toks[k].begin) {
                        std::string_view g1 = text.substr(last_end, toks[q].begin - last_end);
                        space = !g1.empty();
                    }
            }
            if (space) *w++ = ' ';
        }
        const char* from = text.data() + toks[k].begin;
        for (const char* end = text.data() + toks[k].end; from < end;) *w++ = *from++;  // (short words)
        last_end = toks[k].end;
    }
    out.resize(std::size_t(w - out.data()));
    return out;
}

bool np_word(const Token& t) {
    return (t.tag == Tag::Word && !t.verb) || t.tag == Tag::Det || t.tag == Tag::Possessive ||
           t.tag == Tag::Number || t.timex >= 0;
}

// Extends a phrase ending at r to the right over prepositional phrases ("in Washington", "with Mexico"),
// stopping before one that holds a time other than `own_timex` (that time belongs to another entry).
std::size_t extend_pps(const std::vector<Token>& toks, std::size_t r, std::size_t max_words, int own_timex = -2) {
    std::size_t words = 0;
    while (r + 1 < toks.size() && words < max_words) {
        const Token& p = toks[r + 1];
        if (p.tag != Tag::Prep && p.tag != Tag::To) break;
        if (r + 2 >= toks.size() || !np_word(toks[r + 2]) || toks[r + 2].tag == Tag::Rel) break;
        std::size_t k = r + 2;
        while (k + 1 < toks.size() && np_word(toks[k + 1]) && toks[k + 1].tag != Tag::Rel) ++k;
        bool other_time = false;
        for (std::size_t q = r + 2; q <= k; ++q)
            if (toks[q].timex >= 0 && toks[q].timex != own_timex && own_timex != -2) other_time = true;
        if (other_time) break;
        words += k - r;
        r = k;
    }
    return r;
}

bool ends_with_ly(std::string_view w) { return w.size() > 2 && w.substr(w.size() - 2) == "ly"; }

struct ShortText {
    std::string text;
    std::size_t begin = 0, end = 0;
};

// The short text of an event: its noun phrase, or its clause (subject, verb group, complements),
// trimmed; a time phrase outside it is appended after " … ".
// `e` is the event, `local` its index in the analysis before the events were put in document order.
ShortText short_text(std::string_view text, const SentenceAnalysis& a, const Event& e, std::size_t local,
                     const Placement* p) {
    const auto& toks = a.tokens;
    std::size_t head = a.event_token[local];
    std::size_t l = head, r = head;
    while (l > 0 && toks[l - 1].begin >= e.begin) --l;
    if (e.noun) {
        // premodifiers and the determiner
        while (l > 0 && (((toks[l - 1].tag == Tag::Word && !toks[l - 1].verb) || toks[l - 1].tag == Tag::Number ||
                          toks[l - 1].timex >= 0 || toks[l - 1].tag == Tag::Quote) &&
                         toks[l - 1].event < 0) &&
               head - l < 5)
            --l;
        if (l > 0 && (toks[l - 1].tag == Tag::Det || toks[l - 1].tag == Tag::Possessive)) --l;
        // A possessive ending ("'s", "'") takes its possessor along: "Last year's race", "the company's
        // report", never "'s race".
        if (toks[l].tag == Tag::Possessive && (toks[l].lower == "'s" || toks[l].lower == "'")) {
            // The possessor: a time ("Last Friday's"), else a few words ("the U.S. attorney's"), from a
            // determiner or a capitalized word on (never a verb before a bare noun: "follows Tuesday's").
            std::size_t owner = l;
            if (owner > 0 && toks[owner - 1].timex >= 0) {
                const int tx = toks[owner - 1].timex;
                while (owner > 0 && toks[owner - 1].timex == tx) --owner;
            } else {
                for (std::size_t words = 0; owner > 0 && words < 4 && toks[owner - 1].event < 0 &&
                                            !toks[owner - 1].verb && toks[owner - 1].timex < 0 &&
                                            (toks[owner - 1].tag == Tag::Word || toks[owner - 1].tag == Tag::Number);
                     ++words)
                    --owner;
                if (owner < l && owner > 0 && toks[owner - 1].tag == Tag::Det) --owner;
                else
                    while (owner < l && toks[owner].tag == Tag::Word && !toks[owner].capital) ++owner;
            }
            if (owner < l) l = owner;
        }
        r = extend_pps(toks, head, 8, p ? p->timex : -2);
    } else {
        // the subject: back to the clause start, at most 8 words; none for a non-finite verb ("to close",
        // "from entering") or the second verb of a coordination ("... and hoped")
        std::size_t steps = 0;
        bool subject = l > 0 && toks[l - 1].tag != Tag::To && toks[l - 1].tag != Tag::Prep &&
                       toks[l - 1].tag != Tag::Conj && !(l == head && toks[head].lower.size() > 4 &&
                                                        toks[head].lower.compare(toks[head].lower.size() - 3, 3, "ing") == 0);
        while (subject && l > 0 && steps < 8) {
            const Token& t = toks[l - 1];
            if (stops_search(toks, l - 1) || t.verb || t.tag == Tag::Subord || t.tag == Tag::Rel) break;
            // Another clause's verb ("who is the subject of a manhunt | was charged") or a clause opened
            // by a preposition ("formalities for accession after | the parliament ratified") ends it.
            if (t.main_be) break;
            // "(by) the time / every time / the moment <clause>": the clause's subject starts after it
            const bool subject_after = l < head && !toks[l].verb && toks[l].event < 0 &&
                                       (toks[l].tag == Tag::Word || toks[l].tag == Tag::Pronoun ||
                                        toks[l].tag == Tag::Det || toks[l].tag == Tag::Number);
            if (subject_after && l >= 2 && (t.lower == "time" || t.lower == "moment") && toks[l - 2].tag == Tag::Det)
                break;
            if (t.tag == Tag::Prep && (t.lower == "after" || t.lower == "before" || t.lower == "since" ||
                                       t.lower == "until" || t.lower == "following"))
                break;
            if (t.tag == Tag::Conj && (t.lower == "but" || t.lower == "yet" ||
                                       (l < toks.size() && (toks[l].tag == Tag::Pronoun || toks[l].tag == Tag::Det))))
                break;
            if (t.timex >= 0) {  // a fronted time ("Last Friday, ...") stays out: the date column says it
                // and so does a prepositional phrase that opens the sentence ("In January the plant will
                // close"); a time inside the subject stays in ("December figures were not published",
                // "incidents of Aug. 7 underscore ...", "President Bush on Tuesday said ...")
                if (p && p->has_time_tokens && t.timex == p->timex && p->time_first == 0 &&
                    toks[0].tag == Tag::Prep)
                    break;
                std::size_t e = l - 1;
                while (e + 1 < toks.size() && toks[e + 1].timex == t.timex) ++e;
                if (e + 1 < toks.size() && toks[e + 1].tag == Tag::Comma) break;
            }
            --l;
            ++steps;
        }
        while (r + 1 < toks.size() && toks[r + 1].verb && toks[r + 1].event < 0) ++r;
        // complements: up to 8 words, or up to the anchoring time when it is close; a time further away
        // is appended after " … " and the complements are cut shorter
        std::size_t limit = r + 8;
        bool time_after = p && p->has_time_tokens && p->time_first > r;
        if (time_after && p->time_last <= r + 12) limit = std::max(limit, p->time_last);
        else if (time_after) limit = r + 5;
        while (r + 1 < toks.size() && r + 1 <= limit) {
            const Token& t = toks[r + 1];
            if (t.tag == Tag::Quote) {  // quoted words inside the clause: “show solidarity”
                ++r;
                ++limit;
                continue;
            }
            if (stops_search(toks, r + 1) || t.tag == Tag::Rel || t.tag == Tag::Subord) break;
            if (t.verb && t.event >= 0 && toks[r].tag == Tag::Conj) break;
            ++r;
        }
        while (r > head && (toks[r].tag == Tag::Conj || toks[r].tag == Tag::Prep || toks[r].tag == Tag::Det ||
                            toks[r].tag == Tag::To))
            --r;
        // Not cut inside a noun phrase ("fall by 6 | percent", "video from Monday's | bombings", "raise
        // 5.8 | billion euros"): up to three more of its words come along.
        auto np_inside = [&](const Token& t) {
            return (t.tag == Tag::Word || t.tag == Tag::Number || t.tag == Tag::Possessive) && !t.verb;
        };
        for (std::size_t more = 0; more < 3 && r > head && r + 1 < toks.size() && np_inside(toks[r]); ++more) {
            const Token& n = toks[r + 1];
            if (!((n.tag == Tag::Word || n.tag == Tag::Number) && !n.verb && n.timex < 0) ||
                (n.tag == Tag::Word && n.lower.size() > 4 && ends_with_ly(n.lower)))
                break;
            ++r;
        }
    }
    while (l < r && (toks[l].tag == Tag::Quote || toks[l].tag == Tag::Conj || toks[l].tag == Tag::Prep) &&
           toks[l].begin < e.begin)
        ++l;
    while (r > l && toks[r].tag == Tag::Quote) --r;
    // A time phrase the text reaches into is not cut in the middle ("between 1985 and 1987").
    if (p && p->has_time_tokens && p->time_first > l && p->time_first <= r && p->time_last > r &&
        p->time_last <= r + 4)
        r = p->time_last;
    ShortText st;
    st.text = join_tokens(text, toks, l, r);
    st.begin = toks[l].begin;
    st.end = toks[r].end;
    if (p && p->has_time_tokens && p->through_time && p->time_last > r) {  // "The vote is on Sunday"
        r = extend_pps(toks, p->time_last, 4, p->timex);
        st.text = join_tokens(text, toks, l, r);
        st.end = toks[r].end;
    } else if (p && p->has_time_tokens && p->time_first == r + 1) {  // adjacent: "a news agency report Friday"
        r = p->time_last;
        st.text = join_tokens(text, toks, l, r);
        st.end = toks[r].end;
    } else if (p && p->has_time_tokens && p->time_first > r) {
        std::size_t tr = extend_pps(toks, p->time_last, 6);
        st.text += " … " + join_tokens(text, toks, p->time_first, tr);
        st.end = toks[tr].end;
    }
    return st;
}

}  // namespace

AnchorOutput anchor_events(const AnchorInput& in) {
    // One sentence at a time: analyze, anchor, write its entries, then drop its tokens, so that memory
    // stays bounded by one sentence (plus the events and entries themselves).
    const auto& timexes = in.annotation->timexes;
    const auto& sentences = *in.sentences;
    const auto& dct = in.annotation->dct;
    AnchorOutput out;
    // News text has about one event per 50 bytes: room for that many saves most of the moves of the
    // (large) events as the vector grows (bench (c): 3.9 M instructions of 65 M per pass). Capped, so
    // that a large input reserves at most ~4 MB up front and grows as before beyond that.
    out.events.reserve(std::min<std::size_t>(in.text.size() / 48 + 16, std::size_t(1) << 14));
    // About one dated entry per 500 bytes; every event with --all-events.
    out.entries.reserve(std::min<std::size_t>(in.text.size() / (in.all_events ? 48 : 400) + 8, std::size_t(1) << 12));

    // Concrete times outside headers, for the narrative reference time (document order).
    std::vector<std::size_t> narrative_times;
    if (in.all_events && in.strategy == Strategy::Narrative) {
        std::size_t si = 0;
        for (std::size_t ti = 0; ti < timexes.size(); ++ti) {
            while (si < sentences.size() && sentences[si].end <= timexes[ti].begin) ++si;
            bool header = si < sentences.size() && sentences[si].begin <= timexes[ti].begin && sentences[si].header;
            if (concrete(timexes[ti]) && !header) narrative_times.push_back(ti);
        }
    }
    std::size_t next_time = 0;  // events are visited in document order

    // Dated mentions of event nouns and verbs, by lemma, for "since that meeting".
    struct DatedMention {
        std::size_t begin;
        std::string trigger;
        int timex;
    };
    std::unordered_map<std::string, std::vector<DatedMention>> dated_by_lemma;
    // The dated mentions not yet in dated_by_lemma, as indexes into out.events (in document order):
    // most documents never look one up, and then no map is built and no trigger copied.
    struct PendingMention {
        std::size_t event;
        int timex;
    };
    std::vector<PendingMention> pending_dated;
    bool any_dated = false;  // some mention is dated (in the map or pending)
    auto flush_dated = [&] {
        for (const PendingMention& p : pending_dated) {
            const Event& ev = out.events[p.event];
            dated_by_lemma[ev.lemma].push_back({ev.begin, ev.trigger, p.timex});
        }
        pending_dated.clear();
    };

    SentenceAnalysis a;  // reused from sentence to sentence, as are the vectors below
    a.events.attach(out.events);  // each sentence's events are made in place in the output
    std::vector<Event> moved;     // the events of a sentence being put in document order
    std::vector<Placement> placements;
    // (timex, event) pairs of the sentence whose event another placement dates: the anchor of "three
    // weeks after Nov. 5", the second end of "from Monday to Wednesday"
    std::vector<std::pair<int, std::size_t>> dated_elsewhere;
    std::vector<char> placed;  // per event of the sentence: it has a placement
    // Dated events in a phrase opened by since/after/before/until (rule 1f): the opening word, the
    // event's head, the time's last token and the time.
    struct Relative {
        std::size_t prep, head, last;
        int timex;
    };
    std::vector<Relative> relative;
    std::vector<std::size_t> order, global;
    for (std::size_t si = 0; si < sentences.size(); ++si) {
        if (sentences[si].header) continue;
        analyze_sentence(in.text, sentences[si], si, timexes, a);
        auto& toks = a.tokens;
        placements.clear();
        placed.assign(a.events.size(), 0);
        auto add = [&](Placement pl) {
            if (placed.size() <= pl.ref.event) placed.resize(pl.ref.event + 1);
            placed[pl.ref.event] = 1;
            placements.push_back(std::move(pl));
        };
        auto is_placed = [&](std::size_t k) { return k < placed.size() && placed[k]; };

        dated_elsewhere.clear();
        relative.clear();
        // Rule 1: timexes in the clause (the tokens from the first to the last one inside a timex; the
        // token count does not change below).
        const std::size_t ntoks = toks.size();
        for (std::size_t i = a.timex_first; i < a.timex_end; ++i) {
            int tx = toks[i].timex;
            if (tx < 0 || (i > 0 && toks[i - 1].timex == tx)) continue;
            std::size_t ta = i, tb = i;
            while (tb + 1 < ntoks && toks[tb + 1].timex == tx) ++tb;
            const Timex& t = timexes[std::size_t(tx)];
            const bool is_concrete = concrete(t);
            if (!is_concrete && t.type != TimexType::Duration) continue;
            PrepInfo prep = prep_before(toks, ta);
            // "through Sept. 29": until that day; "through the nineties", "continue through next year": during it
            if (prep.present && prep.word == "through" && t.granularity != Granularity::Unknown &&
                t.granularity < Granularity::Day)
                prep.relation = Relation::Includes;
            std::optional<Ahead> ahead;
            std::optional<Offset> offset;
            std::optional<Range> range;
            if (is_concrete && (range = range_from(toks, ta, tb, t, timexes, prep))) {
                // "The strike lasted from Monday to Wednesday": the event spans the range.
                ahead = range->time;
                prep.relation = Relation::On;
                prep.start = range->start;
                prep.present = range->start < ta;
            } else if (!is_concrete && !prep.present && (offset = offset_from_time(toks, tb, t, timexes))) {
                // "The strike began two days after the vote on Monday": the day that far from the anchor.
                ahead = offset->time;
                prep.relation = Relation::On;
            } else if (!is_concrete) {  // "in three weeks": then; "within three weeks": by then; "for three weeks": no date
                if (!dct || !prep.present || (prep.word != "in" && prep.word != "within")) continue;
                const bool within = prep.word == "within";
                if (!(ahead = ahead_of_dct(t, *dct, within))) continue;
                if (within) prep.relation = Relation::Before;
            }
            auto trigger_at = [&](std::size_t k) -> const std::string& { return a.events[std::size_t(toks[k].event)].trigger; };
            std::optional<std::size_t> head;
            std::string how;
            bool through_time = false;
            // "cut jobs in 2022 and 2023", "were held in June and November", "on Monday, Tuesday and
            // Friday": a time coordinated with the one before it dates the same event, the same way.
            if (!range && !offset && !ahead && is_concrete && ta >= 2) {
                std::size_t j = ta - 1;
                if (toks[j].tag == Tag::Prep && prep.present && j >= 1) --j;  // "in 2022 and in 2023"
                while (j >= 2 && toks[j].tag == Tag::Adverb) --j;              // "on March 10 and again on March 17"
                const bool joined = toks[j].tag == Tag::Comma || toks[j].lower == "and" || toks[j].lower == "or";
                const int before = j >= 1 ? toks[j - 1].timex : -1;
                if (joined && before >= 0 && before != tx)
                    for (auto it = placements.rbegin(); it != placements.rend(); ++it)
                        if (it->timex == before && it->dated && !it->value.size()) {
                            head = a.event_token[it->ref.event];
                            prep.relation = it->relation;
                            how = cat("\"", t.text, "\" is coordinated with \"", timexes[std::size_t(before)].text,
                                      "\", which dates \"", trigger_at(*head), "\"");
                            break;
                        }
            }
            std::string phrase = range ? std::string(in.text.substr(toks[prep.start].begin,
                                                                    toks[range->last].end - toks[prep.start].begin))
                                 : prep.present ? cat(prep.word, " ", t.text)
                                                : t.text;
            if (head) {
                // (coordinated: dated above)
            } else if (offset) {
                // The verb of the clause the whole phrase "two days after the vote on Monday" belongs to.
                if (auto v = clause_verb(a, prep.start, offset->anchor_last)) {
                    head = v;
                    std::string_view whole =
                        in.text.substr(toks[ta].begin, toks[offset->anchor_last].end - toks[ta].begin);
                    how = cat("\"", whole, "\" modifies the verb \"", trigger_at(*v), "\" of its clause");
                }
            } else if (auto n = premodified_noun(a, ta, tb)) {
                head = n;
                how = cat("\"", t.text, "\" modifies the event noun \"", trigger_at(*n), "\"");
                prep.relation = Relation::On;
            } else if (auto m = noun_to_left(a, prep.start)) {
                int side = 0;  // where the time lies from the DCT's day
                if (dct && t.interval) {
                    const auto dct_day = std::chrono::sys_seconds{date::sys_days{dct->day}};
                    if (t.interval->end <= dct_day) side = -1;
                    else if (t.interval->begin >= dct_day + std::chrono::days{1}) side = 1;
                }
                if (auto v = verb_of_object(a, *m, prep.present ? prep.word : std::string_view(), side)) {
                    head = v;
                    how = cat("\"", phrase, "\" completes \"", trigger_at(*m), "\", the object of the verb \"",
                              trigger_at(*v), "\"");
                } else {
                    head = m;
                    how = cat("\"", phrase, "\" completes the event noun \"", trigger_at(*m), "\"");
                }
            } else if (auto v = clause_verb(a, prep.start, tb)) {
                head = v;
                how = cat("\"", phrase, "\" modifies the verb \"", trigger_at(*v), "\" of its clause");
            } else if (auto ap = appositive_noun(a, prep.start)) {
                head = ap;
                how = fmt::format("\"{}\" is said of the event noun \"{}\" in an apposition", phrase, trigger_at(*ap));
            } else if (auto sn = scheduled_subject(a, prep.start)) {
                head = sn;
                how = fmt::format("\"{}\" dates the event noun \"{}\", subject of the copula", phrase, trigger_at(*sn));
                through_time = true;
            } else if (auto b = clause_verb(a, prep.start, tb, true)) {
                // A copula clause: the state it describes is the event.
                Event e;
                e.lemma = "be";
                e.event_class = "STATE";
                e.trigger = std::string(in.text.substr(toks[*b].begin, toks[*b].end - toks[*b].begin));
                e.begin = toks[*b].begin;
                e.end = toks[*b].end;
                e.tense = tense_of_be(toks[*b].lower);
                e.aspect = "NONE";
                e.sentence = a.sentence;
                e.factual = !toks[*b].hypothetical && !toks[*b].conditional;
                std::size_t k = *b + 1;
                while (k < toks.size() && (toks[k].tag == Tag::Adverb || toks[k].tag == Tag::Neg)) {
                    if (toks[k].tag == Tag::Neg) e.negated = true;
                    ++k;
                }
                // Appended; events are put in text order when they are numbered.
                std::string trigger = e.trigger;
                a.events.push_back(std::move(e));
                a.event_token.push_back(*b);
                toks[*b].event = int(a.events.size() - 1);
                head = *b;
                how = fmt::format("\"{}\" modifies the copula \"{}\" of its clause (a state)", phrase, trigger);
            }
            if (!head) continue;
            // The anchor of an offset or the end of a range that dated the same event ("began three weeks
            // after Nov. 5", "lasted from Monday to Wednesday"): the event is dated there, not here.
            const std::pair here{tx, std::size_t(toks[*head].event)};
            if (std::find(dated_elsewhere.begin(), dated_elsewhere.end(), here) != dated_elsewhere.end()) continue;
            Placement pl;
            pl.ref = {si, std::size_t(toks[*head].event)};
            pl.relation = prep.relation;
            pl.dated = true;
            pl.timex = tx;
            if (range) {
                pl.rule = cat("clause: ", how, "; range ", ahead->value, "; ON ", ahead->value);
                dated_elsewhere.push_back({range->second, pl.ref.event});
                pl.interval = ahead->interval;
                pl.value = std::move(ahead->value);
                pl.granularity = ahead->granularity;
                const std::size_t first = toks[range->start].timex >= 0 ? range->start : range->start + 1;
                pl.time_text = in.text.substr(toks[first].begin, toks[range->last].end - toks[first].begin);
            } else if (offset) {
                const Timex& u = timexes[std::size_t(offset->anchor)];
                pl.rule = cat("clause: ", how, "; ", t.value, offset->after ? " after " : " before ", u.value, "; ",
                              to_string(prep.relation), " ", ahead->value);
                dated_elsewhere.push_back({offset->anchor, pl.ref.event});
                pl.interval = ahead->interval;
                pl.value = std::move(ahead->value);
                pl.granularity = ahead->granularity;
            } else if (ahead) {
                pl.rule = cat("clause: ", how, "; future: ", t.value, " after the DCT ", date::format("%F", dct->day),
                              "; ", to_string(prep.relation), " ", ahead->value);
                pl.interval = ahead->interval;
                pl.value = std::move(ahead->value);
                pl.granularity = ahead->granularity;
            } else {
                pl.rule = cat("clause: ", how, "; ", to_string(prep.relation), " ", t.value);
            }
            pl.time_first = prep.start;
            pl.time_last = range ? range->last : tb;
            pl.has_time_tokens = true;
            pl.through_time = through_time;
            // The same event dated the same way by a second time of the sentence ("celebrated ... Friday
            // with ... on Friday"): one entry. (Only an event placed already is looked for: a sentence of
            // thousands of dated events is not read once per event.)
            auto value_of = [&](const Placement& q) -> std::string_view {
                return q.value.empty() ? std::string_view(timexes[std::size_t(q.timex)].value) : std::string_view(q.value);
            };
            if (is_placed(pl.ref.event) && std::any_of(placements.begin(), placements.end(), [&](const Placement& q) {
                    return q.ref.event == pl.ref.event && q.relation == pl.relation && q.timex >= 0 &&
                           value_of(q) == value_of(pl);
                }))
                continue;
            if (pl.relation == Relation::On) {
                pending_dated.push_back({a.events.base() + pl.ref.event, tx});
                any_dated = true;
                if (!range && !offset && !ahead)
                    if (auto k = opened_by_relation(a, *head)) relative.push_back({*k, *head, tb, tx});
            }
            add(std::move(pl));
        }

        // Rule 1f: the verb of the clause a dated "since/after/before/until <event>" phrase belongs to
        // is after or before that time ("After the attack on Friday, the army launched ..." -> AFTER
        // Friday), unless it has a time of its own.
        for (const Relative& r : relative) {
            auto v = clause_verb(a, r.prep, r.last);
            if (!v || *v == r.head) continue;
            const std::size_t ev = std::size_t(toks[*v].event);
            if (is_placed(ev) || !a.events[ev].factual) continue;
            const std::string_view w = toks[r.prep].lower;
            const Timex& t = timexes[std::size_t(r.timex)];
            Placement pl;
            pl.ref = {si, ev};
            pl.relation = w == "before" || w == "until" || w == "by" ? Relation::Before : Relation::After;
            pl.dated = true;
            pl.timex = r.timex;
            pl.rule = cat("clause: \"", in.text.substr(toks[r.prep].begin, toks[r.last].end - toks[r.prep].begin),
                          "\" modifies the verb \"", a.events[ev].trigger, "\" of its clause; ",
                          to_string(pl.relation), " ", t.value);
            pl.time_first = r.prep;
            pl.time_last = r.last;
            pl.has_time_tokens = true;
            add(std::move(pl));
        }

        // Rule 1e: "Prosecutors on Wednesday charged him, two years after an investigation was opened":
        // a counted duration before "after"/"following"/"before" and an event (no time in the phrase:
        // that is offset_from_time's) puts the phrase's event that far from the dated event of the clause
        // (before it for "after"), at the duration's unit and no finer than that date.
        for (std::size_t i = a.timex_first; i < a.timex_end; ++i) {
            const int tx = toks[i].timex;
            if (tx < 0 || (i > 0 && toks[i - 1].timex == tx)) continue;
            std::size_t ta = i, tb = i;
            while (tb + 1 < ntoks && toks[tb + 1].timex == tx) ++tb;
            const Timex& t = timexes[std::size_t(tx)];
            auto units = counted_units(t);
            if (!units || tb + 2 >= ntoks || toks[tb + 1].tag != Tag::Prep) continue;
            const std::string_view w = toks[tb + 1].lower;
            if (w != "after" && w != "following" && w != "before") continue;
            // The phrase's event: the first one a few words on, before any time or clause break.
            std::optional<std::size_t> sub;
            for (std::size_t k = tb + 2; k < ntoks && k <= tb + 7; ++k) {
                if (toks[k].timex >= 0 || toks[k].tag == Tag::Comma || clause_boundary(toks, k)) break;
                if (toks[k].event >= 0) {
                    sub = k;
                    break;
                }
            }
            if (!sub || is_placed(std::size_t(toks[*sub].event))) continue;
            // The phrase runs to the end of its clause ("two years after an investigation was opened in
            // May": May dates the investigation, not what is counted from it).
            std::size_t phrase_end = *sub;
            while (phrase_end + 1 < ntoks && !clause_boundary(toks, phrase_end + 1) &&
                   toks[phrase_end + 1].tag != Tag::Comma)
                ++phrase_end;
            // The dated event it is counted from: the nearest event outside the phrase dated by a time of its own.
            const Placement* from = nullptr;
            std::size_t best = std::size_t(-1);
            for (const Placement& q : placements) {
                if (!q.dated || q.timex < 0 || !q.value.empty() || q.relation != Relation::On) continue;
                const std::size_t h = a.event_token[q.ref.event];
                if (h >= ta && h <= phrase_end) continue;
                const std::size_t d = h < ta ? ta - h : h - phrase_end;
                if (d < best) best = d, from = &q;
            }
            if (!from) continue;
            const Timex& u = timexes[std::size_t(from->timex)];
            // (Not from a bare clock time: "a jogger spotted the car at 6 a.m. ten days before the
            // shooting" has no day but the one the phrase gives.)
            constexpr std::uint32_t kDayFields = FieldCentury | FieldDecade | FieldYear | FieldHalf | FieldSeason |
                                                 FieldQuarter | FieldMonth | FieldWeek | FieldDay | FieldWeekday;
            if (!concrete(u) || (u.known & kDayFields) == 0) continue;
            auto [n, unit] = *units;
            const bool after = w != "before";
            auto day = shifted_day(date::floor<date::days>(u.interval->begin), after ? -n : n, unit);
            if (!day) continue;
            Granularity g = granularity_of_unit(unit);
            if (u.granularity < g) g = u.granularity < Granularity::Year ? Granularity::Year : u.granularity;
            if (g != Granularity::Day && g != Granularity::Week && g != Granularity::Month) g = Granularity::Year;
            resolve::Period per = resolve::period_containing(*day, g);
            const std::size_t main_event = from->ref.event;
            Placement pl;
            pl.ref = {si, std::size_t(toks[*sub].event)};
            pl.relation = Relation::On;
            pl.dated = true;
            pl.timex = tx;
            pl.rule = cat("clause: \"", t.text, " ", toks[tb + 1].lower, "\" counts from \"",
                          a.events[main_event].trigger, "\" on ", u.value, "; ", t.value, after ? " before " : " after ",
                          u.value, "; ON ", per.value);
            pl.interval = per.interval;
            pl.value = std::move(per.value);
            pl.granularity = g;
            pl.time_first = ta;
            pl.time_last = tb;
            pl.has_time_tokens = true;
            add(std::move(pl));
        }

        // Rule 2: "since that meeting": the time of an earlier dated mention of the same event noun.
        // (Nothing to refer back to before the document's first dated mention, or without one of the
        // prepositions.)
        const bool back_reference = a.back_reference && any_dated;
        for (std::size_t i = 0; back_reference && i + 2 < ntoks; ++i) {
            if (toks[i].tag != Tag::Prep || toks[i + 1].tag != Tag::Det) continue;
            std::string_view w = toks[i].lower;
            if (w != "since" && w != "after" && w != "before" && w != "following" && w != "until") continue;
            std::size_t j = i + 2;
            while (j < toks.size() && j < i + 5 && toks[j].event < 0 && toks[j].tag == Tag::Word && !toks[j].verb) ++j;
            if (j >= toks.size() || toks[j].event < 0 || !a.events[std::size_t(toks[j].event)].noun) continue;
            std::size_t anaphor = std::size_t(toks[j].event);
            if (is_placed(anaphor)) continue;
            const Event& an = a.events[anaphor];
            if (!pending_dated.empty()) flush_dated();
            auto dl = dated_by_lemma.find(an.lemma);
            if (dl == dated_by_lemma.end()) continue;
            const DatedMention* src = nullptr;  // the most recent earlier mention
            for (auto it = dl->second.rbegin(); it != dl->second.rend() && !src; ++it)
                if (it->begin < an.begin) src = &*it;
            if (!src) continue;
            auto g = clause_verb(a, i, j);
            if (!g) continue;
            std::size_t gov = std::size_t(toks[*g].event);
            if (is_placed(gov)) continue;
            const Timex& t = timexes[std::size_t(src->timex)];
            Placement pl;
            pl.ref = {si, gov};
            pl.relation = w == "before" || w == "until" || w == "by" ? Relation::Before : Relation::After;
            pl.timex = src->timex;
            pl.rule = fmt::format("event reference: \"{} {} {}\" refers back to the \"{}\" of {} (\"{}\"); {} {}", w,
                                  toks[i + 1].lower, an.trigger, src->trigger, t.value, t.text,
                                  std::string(to_string(pl.relation)), t.value);
            Placement co;
            co.ref = {si, anaphor};
            co.relation = Relation::On;
            co.timex = src->timex;
            co.rule = fmt::format("coreference: \"{} {}\" is the \"{}\" of {}", toks[i + 1].lower, an.trigger,
                                  src->trigger, t.value);
            add(std::move(pl));
            add(std::move(co));
        }

        // Number the events in document order. They are in place at the end of out.events already
        // (a.events is attached to it); only appended copula events may have to move.
        order.resize(a.events.size());
        global.assign(a.events.size(), 0);
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        auto by_begin = [&](std::size_t x, std::size_t y) { return a.events[x].begin < a.events[y].begin; };
        if (!std::is_sorted(order.begin(), order.end(), by_begin)) {
            std::stable_sort(order.begin(), order.end(), by_begin);
            moved.clear();
            for (std::size_t k : order) moved.push_back(std::move(a.events[k]));
            std::move(moved.begin(), moved.end(), a.events.begin());
        }
        for (std::size_t j = 0; j < order.size(); ++j) {
            // From here on only the events' offsets and kinds are read, through out.events.
            global[order[j]] = a.events.base() + j;
            put_event_id(out.events[a.events.base() + j].eid, a.events.base() + j + 1);  // (empty until here)
        }
        // This sentence's pending mentions follow their events to their places.
        for (auto it = pending_dated.rbegin(); it != pending_dated.rend() && it->event >= a.events.base(); ++it)
            it->event = global[it->event - a.events.base()];

        // Rules 3 and 4 for the events without a time of their own (only needed with --all-events).
        if (in.all_events) {
            for (std::size_t k : order) {
                if (is_placed(k)) continue;
                const Event& e = out.events[global[k]];
                Placement pl;
                pl.ref = {si, k};
                if (in.strategy == Strategy::Narrative) {
                    while (next_time < narrative_times.size() && timexes[narrative_times[next_time]].begin < e.begin)
                        ++next_time;
                    int best = next_time > 0 ? int(narrative_times[next_time - 1]) : -1;
                    if (best >= 0) {
                        pl.relation = Relation::On;
                        pl.timex = best;
                        pl.rule = fmt::format("reference time: the last time mentioned before it, \"{}\" ({})",
                                              timexes[std::size_t(best)].text, timexes[std::size_t(best)].value);
                        add(std::move(pl));
                        continue;
                    }
                }
                if (dct) {
                    auto day = date::sys_days{dct->day};
                    pl.interval = Interval{day, day + date::days{1}};
                    pl.value = date::format("%F", dct->day);
                    pl.granularity = Granularity::Day;
                    bool perfect = e.aspect == "PERFECTIVE" || e.aspect == "PERFECTIVE_PROGRESSIVE";
                    switch (e.tense) {
                        case Tense::Past: pl.relation = Relation::Before; break;
                        case Tense::Future: pl.relation = Relation::After; break;
                        case Tense::Present: pl.relation = perfect ? Relation::Before : Relation::On; break;
                        case Tense::Unknown: pl.relation = Relation::Unknown; break;
                    }
                    pl.rule = pl.relation == Relation::Unknown
                                  ? fmt::format("document time: no time and no tense; DCT {}", pl.value)
                                  : fmt::format("document time: {}{} tense; {} the DCT {}",
                                                std::string(to_string(e.tense)), perfect ? " perfect" : "",
                                                std::string(to_string(pl.relation)), pl.value);
                    if (pl.relation == Relation::Unknown) pl.interval.reset();
                } else {
                    pl.relation = Relation::Unknown;
                    pl.rule = "no time in its clause and no DCT";
                }
                add(std::move(pl));
            }
        }

        // Entries.
        for (auto& pl : placements) {
            if (!pl.dated && !in.all_events) continue;
            const Event& ev = out.events[global[pl.ref.event]];
            if (!ev.factual && !in.all_events) continue;
            TimelineEntry& te = out.entries.emplace_back();  // filled in place: no move of its strings
            te.event = ev;
            te.relation = pl.relation;
            te.dated = pl.dated;
            te.sentence = a.sentence;
            te.rule = std::move(pl.rule);  // the placements are dropped after this loop
            if (pl.timex >= 0) {
                const Timex& t = timexes[std::size_t(pl.timex)];
                if (pl.interval) {  // a time derived from the timex ("in three weeks": that far after the DCT)
                    te.value = std::move(pl.value);
                    te.interval = pl.interval;
                    te.granularity = pl.granularity;
                } else {
                    te.value = t.value;
                    te.interval = t.interval;
                    te.granularity = t.granularity;
                }
                te.tid = t.tid;
                te.time_text = pl.time_text.empty() ? t.text : std::string(pl.time_text);
            } else {
                te.value = std::move(pl.value);
                te.interval = pl.interval;
                te.granularity = pl.granularity;
            }
            auto st = short_text(in.text, a, ev, pl.ref.event, pl.has_time_tokens ? &pl : nullptr);
            te.text = std::move(st.text);
            te.text_begin = st.begin;
            te.text_end = st.end;
        }
    }
    return out;
}

}  // namespace dateline::events
