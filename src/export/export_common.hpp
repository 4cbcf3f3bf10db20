// Helpers shared by the timeline exporters (ics, html, timelinejs): entry identity, sentence text,
// human-readable dates. Internal to src/export/.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/timeline.hpp"

namespace dateline::exporter {

// The text of sentence `index` of the timeline, or "" when the index is out of range.
std::string_view sentence_text(const Timeline& t, std::size_t index);

// The timex an entry is anchored to (by tid), or nullptr.
const Timex* entry_timex(const Timeline& t, const TimelineEntry& e);

// True when the entry's interval is UTC (the timex named a zone) rather than floating wall-clock time.
bool entry_is_utc(const Timeline& t, const TimelineEntry& e);

// True when the granularity is finer than a day (the entry has a time of day).
bool has_time_of_day(Granularity g) noexcept;

// The event text of an entry: its clause, else its trigger, else its sentence.
std::string entry_headline(const Timeline& t, const TimelineEntry& e);

// Stable identifiers, one per entry, in entry order: a 128-bit hex digest of the source name and
// the entry's content (TIMEX3 value, relation, trigger, event text, sentence text). They do not
// depend on the time of the run, and do not move when unrelated parts of the article change;
// entries with identical content get a "-2", "-3", ... suffix in document order.
std::vector<std::string> entry_ids(const Timeline& t, std::string_view source_name);

// "January 12, 2024", "November 2023", "2024", "January 19, 2024, 21:21" — the interval begin at
// the entry's granularity, " UTC" added to times that named a zone; falls back to the TIMEX3 value
// when there is no interval.
std::string display_date(const Timeline& t, const TimelineEntry& e);

// The time of an entry as a phrase: "on January 12, 2024", "in November 2023", "in the week of
// January 8, 2024", "before June–August 2024", "after December 27, 2023".
std::string when_phrase(const Timeline& t, const TimelineEntry& e);

// Lower-case relation word for prose: "on", "before", "after", "during", "".
std::string_view relation_word(Relation r) noexcept;

// A document title: the first paragraph when it is a single short line without final punctuation
// (a headline), else "".
std::string document_title(const Timeline& t);

// The sentence of an entry, or when it is longer than `max_bytes`, a window of it around the event
// trigger cut at spaces, with "…" where text was left out.
std::string sentence_excerpt(const Timeline& t, const TimelineEntry& e, std::size_t max_bytes);
// The entry's sentence as the exporters show it in full: whole up to 2,000 bytes, else the window of
// that size around the event (one description per entry holding a whole 100 KB sentence would make
// the output grow with the square of the sentence).
inline constexpr std::size_t entry_sentence_max_bytes = 2000;
std::string entry_sentence(const Timeline& t, const TimelineEntry& e);

// Escapes text for HTML/XML element content and quoted attributes (& < > " '). Control characters
// that XML forbids become spaces.
std::string html_escape(std::string_view s);

// Cuts `s` to at most `max_bytes` bytes at a UTF-8 boundary (preferring a space), adding "…".
std::string shorten(std::string_view s, std::size_t max_bytes);

}  // namespace dateline::exporter
