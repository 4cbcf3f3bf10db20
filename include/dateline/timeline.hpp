// Dateline public API: events, their anchoring to times, and the ordered timeline.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/annotate.hpp"
#include "dateline/document.hpp"
#include "dateline/options.hpp"
#include "dateline/timex.hpp"

namespace dateline {

// How an event stands to its time.
enum class Relation : std::uint8_t { On, Before, After, Includes, Unknown };
std::string_view to_string(Relation r) noexcept;  // "ON", "BEFORE", "AFTER", "INCLUDES", "UNKNOWN"

// An event mention: a verbal trigger ("drowned", "will face") or an event noun ("meeting").
struct Event {
    std::string eid;                 // "e1", "e2", ...
    std::size_t begin = 0, end = 0;  // byte offsets of the trigger (the whole verb group for verbs)
    std::string trigger;             // text of the trigger ("will face", "meeting")
    std::string lemma;               // base form when known ("face", "meeting")
    bool noun = false;               // event noun rather than verb
    Tense tense = Tense::Unknown;
    std::string aspect;              // "NONE", "PERFECTIVE", "PROGRESSIVE"
    std::string modality;            // "", "would", "could", "may", "might", "should", "must", "can"
    bool negated = false;            // "were not published"
    bool conditional = false;        // "if he returned", "would"
    bool factual = true;             // false inside an if-clause ("if he returned") and in the complement
                                     // of a wish, attempt or threat ("hoped to meet", "tried to cross")
    std::string event_class;         // TimeML class: "OCCURRENCE", "REPORTING", "I_ACTION", "I_STATE",
                                     // "ASPECTUAL", "PERCEPTION", "STATE"
    std::size_t sentence = 0;        // index into Timeline::sentences
};

// One row of the timeline: an event placed in time.
struct TimelineEntry {
    Event event;
    Relation relation = Relation::Unknown;
    bool dated = false;              // anchored to a timex (else placed relative to the DCT)
    std::string value;               // TIMEX3 value of the time ("2024-01-12", "2023-11"); a range
                                     // ("from Monday to Wednesday"): the ISO 8601 interval
                                     // "2024-01-15/2024-01-17" of its two TIMEX3 values
    std::optional<Interval> interval;
    Granularity granularity = Granularity::Unknown;
    std::string tid;                 // source timex id, "" when anchored at the DCT
    std::string time_text;           // text of the source timex
    std::string text;                // short event text: the clause around the trigger, trimmed
    std::size_t sentence = 0;        // index into Timeline::sentences
    std::string rule;                // which anchoring rule placed it, as an explanation
    std::size_t text_begin = 0, text_end = 0;  // byte span the short text was taken from
};

struct Timeline {
    std::string source;              // the text the offsets refer to
    Annotation annotation;           // DCT and timexes
    std::vector<Sentence> sentences;
    std::vector<Event> events;
    std::vector<TimelineEntry> entries;  // ordered: interval begin, coarser granularity first, document order
};

struct TimelineOptions {
    bool all_events = false;  // include undated events, placed relative to the DCT
};

// Annotates `text` (see annotate()) and builds its timeline.
Timeline build_timeline(std::string_view text, const Options& options = {}, const TimelineOptions& topts = {});

// Builds the timeline of `text` from an annotation the caller already has (the same text).
Timeline build_timeline(std::string_view text, Annotation annotation, const Options& options,
                        const TimelineOptions& topts = {});

// The event mentions of `text`: verb groups and event nouns, lexicon-based, one pass per sentence.
// Header sentences and words inside timexes are skipped.
std::vector<Event> find_events(std::string_view text, const std::vector<Sentence>& sentences,
                               const std::vector<Timex>& timexes);

// Orders entries: by the start of the time they are placed at (an entry BEFORE a time sorts just
// before the entries that start there, one AFTER a time just after its end), then coarser
// granularity first, then document order; entries without a resolved interval come last.
void order_entries(std::vector<TimelineEntry>& entries);

}  // namespace dateline
