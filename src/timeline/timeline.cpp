// The timeline: annotate, find and anchor events, order the entries.
#include "dateline/timeline.hpp"

#include <algorithm>
#include <tuple>

#include "annotate_internal.hpp"
#include "events/analysis.hpp"

namespace dateline {

std::string_view to_string(Relation r) noexcept {
    switch (r) {
        case Relation::On: return "ON";
        case Relation::Before: return "BEFORE";
        case Relation::After: return "AFTER";
        case Relation::Includes: return "INCLUDES";
        case Relation::Unknown: break;
    }
    return "UNKNOWN";
}

namespace {

// Where an entry stands on the time axis: an entry BEFORE a time sorts just before the entries that
// start at that time, one AFTER it just before those that start when it ends.
// Of entries at the same time, a report follows what happened ("the quake struck on Sunday",
// "officials said on Sunday"): reporting events after the others, each in document order.
struct SortKey {
    bool placed;
    std::chrono::sys_seconds at;
    int rank;
    Granularity granularity;
    bool report;
    std::size_t offset;
};

SortKey key_of(const TimelineEntry& e) {
    const bool report = e.event.event_class == "REPORTING";
    if (!e.interval) return {false, {}, 0, e.granularity, report, e.event.begin};
    switch (e.relation) {
        case Relation::Before: return {true, e.interval->begin, -1, e.granularity, report, e.event.begin};
        case Relation::After: return {true, e.interval->end, -1, e.granularity, report, e.event.begin};
        default: return {true, e.interval->begin, 0, e.granularity, report, e.event.begin};
    }
}

bool less(const SortKey& a, const SortKey& b) {
    if (a.placed != b.placed) return a.placed;  // entries without a resolved time come last
    if (!a.placed) return a.offset < b.offset;
    return std::tie(a.at, a.rank, a.granularity, a.report, a.offset) <
           std::tie(b.at, b.rank, b.granularity, b.report, b.offset);
}

}  // namespace

// The entries are large (a dozen strings): their keys are sorted, with their indexes, and each entry
// is then moved once to its place.
void order_entries(std::vector<TimelineEntry>& entries) {
    const std::size_t n = entries.size();
    std::vector<std::pair<SortKey, std::size_t>> keys;
    keys.reserve(n);
    bool sorted = true;
    for (std::size_t i = 0; i < n; ++i) {
        keys.emplace_back(key_of(entries[i]), i);
        if (i > 0 && less(keys[i].first, keys[i - 1].first)) sorted = false;
    }
    if (sorted) return;
    auto by_key = [](const auto& x, const auto& y) { return less(x.first, y.first); };
    if (n <= 16) {
        // A document's few entries: an insertion sort (stable too) without stable_sort's buffer.
        for (std::size_t i = 1; i < n; ++i)
            for (std::size_t j = i; j > 0 && by_key(keys[j], keys[j - 1]); --j) std::swap(keys[j], keys[j - 1]);
    } else {
        std::stable_sort(keys.begin(), keys.end(), by_key);
    }
    std::vector<TimelineEntry> out;
    out.reserve(n);
    for (auto& [k, i] : keys) out.push_back(std::move(entries[i]));
    entries = std::move(out);
}

namespace {

Timeline build_from(std::string_view text, Annotation annotation, std::vector<Sentence> sentences,
                    const Options& options, const TimelineOptions& topts) {
    Timeline t;
    t.source = std::string(text);
    t.annotation = std::move(annotation);
    t.sentences = std::move(sentences);
    events::AnchorInput in;
    in.text = t.source;
    in.sentences = &t.sentences;
    in.annotation = &t.annotation;
    in.strategy = options.strategy;
    in.all_events = topts.all_events;
    auto out = events::anchor_events(in);
    t.events = std::move(out.events);
    t.entries = std::move(out.entries);
    order_entries(t.entries);
    return t;
}

}  // namespace

Timeline build_timeline(std::string_view text, Annotation annotation, const Options& options,
                        const TimelineOptions& topts) {
    return build_from(text, std::move(annotation), segment(text), options, topts);
}

Timeline build_timeline(std::string_view text, const Options& options, const TimelineOptions& topts) {
    validate_text(text);
    auto sentences = segment(text);
    auto annotation = detail::annotate_segmented(text, sentences, options);
    return build_from(text, std::move(annotation), std::move(sentences), options, topts);
}

}  // namespace dateline
