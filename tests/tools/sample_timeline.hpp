// A hand-built timeline for exporter tests: a short article whose entries cover every shape the
// exporters must handle (day, month, year, season, week, minute with and without a zone, a
// BEFORE and an AFTER relation, an undated entry, text that needs escaping, a long UTF-8 text).
#pragma once
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <date/date.h>

#include "dateline/document.hpp"
#include "dateline/timeline.hpp"

namespace dateline_test {

inline bool timed(dateline::Granularity g) {
    using dateline::Granularity;
    return g == Granularity::PartOfDay || g == Granularity::Hour || g == Granularity::Minute || g == Granularity::Second;
}

inline std::chrono::sys_seconds at(int y, unsigned m, unsigned d, int h = 0, int mi = 0) {
    return std::chrono::sys_seconds{date::sys_days{date::year{y} / date::month{m} / date::day{d}}} +
           std::chrono::hours{h} + std::chrono::minutes{mi};
}

class TimelineBuilder {
public:
    explicit TimelineBuilder(std::string text) {
        t_.source = std::move(text);
        t_.sentences = dateline::segment(t_.source);
    }
    TimelineBuilder& dct(int y, unsigned m, unsigned d, std::optional<int> secs = std::nullopt) {
        t_.annotation.dct = dateline::Dct{date::year{y} / date::month{m} / date::day{d}, secs};
        t_.annotation.dct_source = dateline::DctSource::Given;
        return *this;
    }
    // Adds a timex for `time_text` (first occurrence at or after `from`) and an entry for the event
    // `trigger` in the same sentence, with the short event `text`.
    TimelineBuilder& entry(std::string_view trigger, std::string_view time_text, std::string value,
                           dateline::Granularity g, std::chrono::sys_seconds b, std::chrono::sys_seconds e,
                           dateline::Relation rel = dateline::Relation::On, std::string text = {},
                           bool zone = false) {
        dateline::TimelineEntry en;
        std::size_t tb = find(trigger);
        en.event.eid = "e" + std::to_string(t_.entries.size() + 1);
        en.event.begin = tb;
        en.event.end = tb + trigger.size();
        en.event.trigger = std::string(trigger);
        en.event.sentence = en.sentence = sentence_of(tb);
        en.relation = rel;
        en.dated = !time_text.empty();
        en.value = value;
        en.interval = dateline::Interval{b, e};
        en.granularity = g;
        en.text = text.empty() ? std::string(trigger) : text;
        en.rule = en.dated ? "the timex modifies the event in its clause" : "placed relative to the DCT by tense";
        if (!time_text.empty()) {
            std::size_t xb = find(time_text);
            dateline::Timex x;
            x.tid = "t" + std::to_string(t_.annotation.timexes.size() + 1);
            x.begin = xb;
            x.end = xb + time_text.size();
            x.text = std::string(time_text);
            x.type = timed(g) ? dateline::TimexType::Time : dateline::TimexType::Date;
            x.value = value;
            x.interval = en.interval;
            x.granularity = g;
            if (zone) x.known |= dateline::FieldZone;
            en.tid = x.tid;
            en.time_text = x.text;
            t_.annotation.timexes.push_back(x);
        }
        t_.events.push_back(en.event);
        t_.entries.push_back(std::move(en));
        return *this;
    }
    dateline::Timeline build() const { return t_; }

private:
    std::size_t find(std::string_view s) const {
        std::size_t p = t_.source.find(s);
        if (p == std::string::npos) throw std::logic_error("sample text lacks " + std::string(s));
        return p;
    }
    std::size_t sentence_of(std::size_t offset) const {
        for (std::size_t i = 0; i < t_.sentences.size(); ++i)
            if (offset >= t_.sentences[i].begin && offset < t_.sentences[i].end) return i;
        throw std::logic_error("offset outside every sentence");
    }
    dateline::Timeline t_;
};

// The sample article (DCT 2024-01-19T21:21) and its timeline, in timeline order.
inline const char* sample_text() {
    return "Harbor storm damage\n\n"
           "PORTLAND (AP) \u2013 The storm flooded the harbor on Friday, officials said.\n\n"
           "Crews repaired the pier last November; costs, delays and \"overruns\" were not published.\n\n"
           "The council will meet in 2024 and vote before the summer recess in summer 2024.\n\n"
           "During the week of January 8 the mayor visited Z\u00fcrich \u2014 \u00abGr\u00fc\u00dfe aus Z\u00fcrich\u00bb, "
           "she wrote in a long message about the ferries, the bridges, the tunnels and the ports of the region.\n\n"
           "The power failed at 9:21 p.m. EST on Thursday.\n\n"
           "Residents gathered at 6:30 p.m. on Friday.\n\n"
           "Engineers have worked since the December 27 inspection.\n\n"
           "Officials will decide later.\n";
}

inline dateline::Timeline sample_timeline() {
    using dateline::Granularity;
    using dateline::Relation;
    return TimelineBuilder(sample_text())
        .dct(2024, 1, 19, 21 * 3600 + 21 * 60)
        .entry("repaired", "last November", "2023-11", Granularity::Month, at(2023, 11, 1), at(2023, 12, 1), Relation::On,
               "Crews repaired the pier;\ncosts, delays and \"overruns\" \\ not published")
        .entry("worked", "December 27", "2023-12-27", Granularity::Day, at(2023, 12, 27), at(2023, 12, 28), Relation::After,
               "Engineers have worked since the December 27 inspection")
        .entry("meet", "2024", "2024", Granularity::Year, at(2024, 1, 1), at(2025, 1, 1), Relation::On,
               "The council will meet in 2024")
        .entry("visited", "the week of January 8", "2024-W02", Granularity::Week, at(2024, 1, 8), at(2024, 1, 15),
               Relation::On,
               "During the week of January 8 the mayor visited Z\u00fcrich \u2014 \u00abGr\u00fc\u00dfe aus Z\u00fcrich\u00bb, "
               "she wrote in a long message about the ferries, the bridges, the tunnels and the ports of the region")
        .entry("failed", "9:21 p.m. EST", "2024-01-18T21:21", Granularity::Minute, at(2024, 1, 19, 2, 21),
               at(2024, 1, 19, 2, 22), Relation::On, "The power failed", true)
        .entry("flooded", "on Friday", "2024-01-19", Granularity::Day, at(2024, 1, 19), at(2024, 1, 20), Relation::On,
               "The storm flooded the harbor")
        .entry("gathered", "6:30 p.m.", "2024-01-19T18:30", Granularity::Minute, at(2024, 1, 19, 18, 30),
               at(2024, 1, 19, 18, 31), Relation::On, "Residents gathered")
        .entry("vote", "summer 2024", "2024-SU", Granularity::Season, at(2024, 6, 1), at(2024, 9, 1), Relation::Before,
               "The council will vote before the summer recess")
        .entry("decide", "", "2024-01-19", Granularity::Day, at(2024, 1, 19), at(2024, 1, 20), Relation::After,
               "Officials will decide later")
        .build();
}

}  // namespace dateline_test


#include <fstream>
#include <sstream>

namespace dateline_test {

// The text of the reference article examples/mexico-us-migration.txt.
inline std::string example_article() {
    std::ifstream in(std::string(DATELINE_SOURCE_DIR) + "/examples/mexico-us-migration.txt", std::ios::binary);
    if (!in) throw std::runtime_error("cannot read examples/mexico-us-migration.txt");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace dateline_test
