// Knight Lab TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html):
//   {"title": {"text": {"headline", "text"}},
//    "events": [{"start_date": {"year", "month", "day", "hour", "minute", "second"}, "end_date",
//                "display_date", "text": {"headline", "text"}, "group", "unique_id"}]}
// Date objects carry only the fields the granularity knows: a year is {"year"}, a month
// {"year","month"}, a day adds "day", a time "hour"/"minute" (and "second"). "end_date" is
// given when the entry spans more than one unit of its granularity (a week, a season, a decade,
// a part of the day): the last unit it covers. "text.text" is HTML (escaped sentence + source).
#include <chrono>
#include <string>

#include <date/date.h>
#include <fmt/format.h>

#include "dateline/exporters.hpp"
#include "export/export_common.hpp"

namespace dateline {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

enum class Precision { Year, Month, Day, Minute, Second };

Precision precision_of(Granularity g) {
    switch (g) {
        case Granularity::Millennium:
        case Granularity::Century:
        case Granularity::Decade:
        case Granularity::Year: return Precision::Year;
        case Granularity::Half:
        case Granularity::Season:
        case Granularity::Quarter:
        case Granularity::Month: return Precision::Month;
        case Granularity::PartOfDay:
        case Granularity::Hour:
        case Granularity::Minute: return Precision::Minute;
        case Granularity::Second: return Precision::Second;
        case Granularity::Week:
        case Granularity::Day:
        case Granularity::Unknown: break;
    }
    return Precision::Day;
}

nlohmann::json date_object(sys_seconds t, Precision p) {
    auto d = std::chrono::floor<date::days>(t);
    date::year_month_day ymd{d};
    date::hh_mm_ss<seconds> tod{t - d};
    nlohmann::json j;
    j["year"] = int(ymd.year());
    if (p >= Precision::Month) j["month"] = unsigned(ymd.month());
    if (p >= Precision::Day) j["day"] = unsigned(ymd.day());
    if (p >= Precision::Minute) {
        j["hour"] = tod.hours().count();
        j["minute"] = tod.minutes().count();
    }
    if (p >= Precision::Second) j["second"] = tod.seconds().count();
    return j;
}

}  // namespace

nlohmann::json to_timelinejs(const Timeline& t, const ExportOptions& o) {
    using namespace exporter;
    nlohmann::json events = nlohmann::json::array();
    const std::vector<std::string> ids = entry_ids(t, o.source_name);
    std::size_t dated = 0;
    for (std::size_t i = 0; i < t.entries.size(); ++i) {
        const TimelineEntry& e = t.entries[i];
        if (!e.interval) continue;  // TimelineJS needs a start date
        dated += e.dated ? 1 : 0;
        const Precision p = precision_of(e.granularity);
        const sys_seconds b = e.interval->begin;
        const sys_seconds en = std::max(e.interval->end, b);
        nlohmann::json ev;
        ev["start_date"] = date_object(b, p);
        if (has_time_of_day(e.granularity)) {
            // Times: the end itself when the span is longer than one unit (part of day, an hour...).
            const auto unit = e.granularity == Granularity::Hour     ? seconds{3600}
                              : e.granularity == Granularity::Minute ? seconds{60}
                              : e.granularity == Granularity::Second ? seconds{1}
                                                                     : seconds{0};
            if (en - b > unit) ev["end_date"] = date_object(en, p);
        } else if (en > b) {
            // Dates: the last unit covered, when it differs from the first (a week, season, decade).
            nlohmann::json last = date_object(en - seconds{1}, p);
            if (last != ev["start_date"]) ev["end_date"] = std::move(last);
        }
        std::string when = display_date(t, e);
        if (e.relation == Relation::Before || e.relation == Relation::After)
            when = std::string(relation_word(e.relation)) + " " + when;
        ev["display_date"] = when;
        const std::string headline = entry_headline(t, e);
        std::string text = "<p>" + html_escape(entry_sentence(t, e)) + "</p>";
        text += fmt::format("<p><small>{}", html_escape(std::string(to_string(e.relation))));
        if (!e.time_text.empty()) text += " \u201c" + html_escape(e.time_text) + "\u201d";
        text += fmt::format(" = {} ({}) · {}", html_escape(e.value), to_string(e.granularity), html_escape(o.source_name));
        if (e.sentence < t.sentences.size()) text += fmt::format(", sentence {}", e.sentence + 1);
        text += "</small></p>";
        ev["text"] = {{"headline", html_escape(shorten(headline, 120))}, {"text", text}};
        ev["group"] = e.dated ? std::string(to_string(e.granularity)) : std::string("relative to the document date");
        ev["unique_id"] = "dateline-" + ids[i];
        events.push_back(std::move(ev));
    }

    std::string title = document_title(t);
    std::string intro = fmt::format("<p>{} dated event{} from {}", dated, dated == 1 ? "" : "s", html_escape(o.source_name));
    if (t.annotation.dct) intro += fmt::format(", document date {}", to_string(*t.annotation.dct));
    intro += ". Generated by Dateline.</p>";
    nlohmann::json j;
    j["title"] = {{"text", {{"headline", html_escape(title.empty() ? "Timeline of " + o.source_name : title)}, {"text", intro}}}};
    j["events"] = std::move(events);
    return j;
}

}  // namespace dateline
