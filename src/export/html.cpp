// Self-contained HTML page of a timeline: an SVG time axis with one row per entry (a day is a
// point, a time a diamond, a week/month/season/year... a span over its whole interval, BEFORE/AFTER
// an arrow), the excerpt on hover and in a table, and the article text with one anchor per
// sentence that every entry links to. No scripts, no external resources. The markup is
// well-formed XML as well as HTML (void elements self-closed, attributes quoted, text escaped),
// so strict XML tools can check it.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "dateline/exporters.hpp"
#include "export/export_common.hpp"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0"
#endif

namespace dateline {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

std::string esc(std::string_view s) { return exporter::html_escape(s); }

std::size_t code_points(std::string_view s) {
    return std::size_t(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

constexpr std::string_view month_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Tick {
    std::int64_t at;
    std::string label;
    bool major;
};

// Axis ticks for [lo, hi] (seconds): days, weeks, months, quarters or years depending on the span.
std::vector<Tick> axis_ticks(std::int64_t lo, std::int64_t hi) {
    using namespace date;
    std::vector<Tick> ticks;
    const double span_days = double(hi - lo) / 86400.0;
    auto secs = [](sys_days d) { return std::int64_t(sys_seconds{d}.time_since_epoch().count()); };
    const sys_days first = std::chrono::ceil<days>(sys_seconds{seconds{lo}});
    if (span_days <= 3) {
        for (std::int64_t h = (lo + 3599) / 3600 * 3600; h <= hi; h += 3 * 3600) {
            auto d = std::chrono::floor<days>(sys_seconds{seconds{h}});
            year_month_day ymd{d};
            int hour = int((h - secs(d)) / 3600);
            ticks.push_back({h, hour == 0 ? fmt::format("{} {}", month_abbr[unsigned(ymd.month()) - 1], unsigned(ymd.day()))
                                          : fmt::format("{:02}:00", hour),
                             hour == 0});
        }
    } else if (span_days <= 120) {
        const int step = span_days <= 21 ? 1 : 7;
        sys_days d = first;
        if (step == 7) d += (Monday - weekday{d});  // weeks start on Monday
        for (; secs(d) <= hi; d += days{step}) {
            year_month_day ymd{d};
            ticks.push_back({secs(d), fmt::format("{} {}", month_abbr[unsigned(ymd.month()) - 1], unsigned(ymd.day())),
                             ymd.day() == day{1} || step == 7});
        }
    } else if (span_days <= 6 * 366) {
        const int step = span_days <= 2 * 366 ? 1 : 3;
        year_month_day f{first};
        year_month ym = f.year() / f.month();
        if (f.day() != day{1}) ym += months{1};
        while ((unsigned(ym.month()) - 1) % unsigned(step) != 0) ym += months{1};
        for (; secs(sys_days{ym / 1}) <= hi; ym += months{step}) {
            bool jan = ym.month() == January;
            auto m = month_abbr[unsigned(ym.month()) - 1];
            ticks.push_back({secs(sys_days{ym / 1}), jan ? fmt::format("{} {}", m, int(ym.year())) : std::string(m), jan});
        }
        if (!ticks.empty() && !ticks.front().major) {  // say which year the axis starts in
            year_month_day f0{std::chrono::floor<days>(sys_seconds{seconds{ticks.front().at}})};
            ticks.front().label = fmt::format("{} {}", month_abbr[unsigned(f0.month()) - 1], int(f0.year()));
        }
    } else {
        const double span_years = span_days / 365.2425;
        int step = int(std::ceil(span_years / 10));  // when no round step gives few enough ticks
        for (int s : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000})
            if (span_years / s <= 12) {
                step = s;
                break;
            }
        int y = int(year_month_day{first}.year());
        if (year_month_day{first} != year{y} / January / 1) ++y;
        y = (y + step - 1) / step * step;
        for (; secs(sys_days{year{y} / January / 1}) <= hi; y += step)
            ticks.push_back({secs(sys_days{year{y} / January / 1}), fmt::format("{}", y), true});
    }
    return ticks;
}

enum class Shape { Point, Diamond, Span };

Shape shape_of(const TimelineEntry& e) {
    if (exporter::has_time_of_day(e.granularity)) return Shape::Diamond;
    if (e.granularity == Granularity::Day) return Shape::Point;
    if (e.granularity == Granularity::Unknown && e.interval && e.interval->end - e.interval->begin <= seconds{86400})
        return Shape::Point;
    return Shape::Span;
}

// The article, paragraph by paragraph, each sentence a <span id="sN"> anchor; time expressions
// are <mark>ed and event triggers of timeline entries emphasized.
std::string article_html(const Timeline& t) {
    struct Span {
        std::size_t b, e;
        std::string open, close;
    };
    std::vector<Span> spans;
    for (const Timex& x : t.annotation.timexes)
        if (x.begin < x.end && x.end <= t.source.size())
            spans.push_back({x.begin, x.end,
                             fmt::format("<mark class=\"timex\" title=\"{} {}\">", esc(std::string(to_string(x.type))), esc(x.value)),
                             "</mark>"});
    for (const TimelineEntry& e : t.entries)
        if (e.event.begin < e.event.end && e.event.end <= t.source.size())
            spans.push_back({e.event.begin, e.event.end, "<span class=\"trigger\">", "</span>"});
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.b != b.b ? a.b < b.b : a.e > b.e; });
    std::vector<Span> flat;  // non-overlapping, first (longest) wins
    for (auto& s : spans)
        if (flat.empty() || s.b >= flat.back().e) flat.push_back(std::move(s));

    std::string out;
    std::size_t k = 0;
    auto text = [&](std::size_t b, std::size_t e) {  // source [b, e) with the spans inside it
        while (k < flat.size() && flat[k].b < b) ++k;
        std::size_t pos = b;
        for (; k < flat.size() && flat[k].e <= e; ++k) {
            out += esc(std::string_view(t.source).substr(pos, flat[k].b - pos));
            out += flat[k].open + esc(std::string_view(t.source).substr(flat[k].b, flat[k].e - flat[k].b)) + flat[k].close;
            pos = flat[k].e;
        }
        out += esc(std::string_view(t.source).substr(pos, e - pos));
    };
    for (std::size_t i = 0; i < t.sentences.size(); ++i) {
        const Sentence& s = t.sentences[i];
        if (s.begin > s.end || s.end > t.source.size()) continue;
        const bool new_par = i == 0 || t.sentences[i - 1].paragraph != s.paragraph;
        if (new_par) {
            if (i > 0) out += "</p>\n";
            // A paragraph made only of header segments (title, section header, metadata line).
            bool header = true;
            for (std::size_t j = i; j < t.sentences.size() && t.sentences[j].paragraph == s.paragraph; ++j)
                header = header && t.sentences[j].header;
            out += header ? "<p class=\"header\">" : "<p>";
        } else if (t.sentences[i - 1].end <= s.begin) {
            out += esc(std::string_view(t.source).substr(t.sentences[i - 1].end, s.begin - t.sentences[i - 1].end));
        } else {
            out += ' ';
        }
        out += fmt::format("<span class=\"sentence\" id=\"s{}\">", i + 1);
        text(s.begin, s.end);
        out += "</span>";
    }
    if (!t.sentences.empty()) out += "</p>\n";
    return out;
}

constexpr std::string_view css = R"(
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d2433;
       margin: 0 auto; max-width: 1000px; padding: 16px 24px 48px; background: #fbfbfd; }
h1 { font-size: 1.45em; margin: 0.4em 0 0.1em; }
h2 { font-size: 1.1em; margin: 1.6em 0 0.5em; border-bottom: 1px solid #dde1ea; padding-bottom: 4px; }
.meta { color: #5b6478; font-size: 0.9em; margin: 0 0 12px; }
.legend { display: flex; gap: 18px; flex-wrap: wrap; font-size: 0.85em; color: #5b6478; margin: 4px 0 8px; }
.legend svg { vertical-align: middle; margin-right: 4px; }
svg.timeline { display: block; width: 100%; height: auto; background: #fff; border: 1px solid #dde1ea; border-radius: 6px; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
.tick line { stroke: #e6e9f0; }
.tick.major line { stroke: #c8cedb; }
.tick text { font-size: 11px; fill: #5b6478; text-anchor: middle; }
.tick.major text { fill: #1d2433; font-weight: 600; }
.axis { stroke: #8b93a7; stroke-width: 1.5; }
.dct line { stroke: #d9480f; stroke-dasharray: 4 3; }
.dct text { fill: #d9480f; font-size: 11px; text-anchor: middle; }
.entry .band { fill: transparent; }
.entry:hover .band, .entry:focus .band { fill: #f1f4fb; }
.mark { fill: #3b5bdb; stroke: #1c3aa9; stroke-width: 1; }
.span .mark { fill: #748ffc; fill-opacity: 0.55; }
.g-year .mark, .g-decade .mark, .g-century .mark, .g-millennium .mark { fill: #9775fa; fill-opacity: 0.45; stroke: #6741d9; }
.time .mark { fill: #0ca678; stroke: #087f5b; }
.undated .mark { fill: #fff; stroke-dasharray: 3 2; }
.relation { stroke: #5b6478; stroke-width: 1.5; stroke-dasharray: 5 3; fill: none; }
.label { font-size: 12.5px; fill: #1d2433; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
.label .date { font-weight: 600; fill: #1c3aa9; }
.entry:hover .label { text-decoration: underline; }
a { color: #1c3aa9; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #e6e9f0; }
th { color: #5b6478; font-weight: 600; }
td.when { white-space: nowrap; }
td.excerpt { color: #3d4659; }
.article p { margin: 0 0 0.8em; }
.article p.header { font-weight: 600; color: #3d4659; }
.sentence:target { background: #fff3bf; outline: 2px solid #fcc419; }
mark.timex { background: #e7f5ff; border-bottom: 2px solid #74c0fc; color: inherit; }
.trigger { font-weight: 600; border-bottom: 2px solid #b197fc; }
footer { margin-top: 2em; color: #8b93a7; font-size: 0.8em; }
)";

}  // namespace

std::string to_html(const Timeline& t, const ExportOptions& o) {
    using namespace exporter;
    const std::string title = document_title(t);
    // Without a headline, the file name (not its whole path) names the page.
    const std::string_view base = std::string_view(o.source_name).substr(o.source_name.find_last_of('/') + 1);
    const std::string heading = title.empty() ? "Timeline of " + std::string(base.empty() ? o.source_name : base) : title;

    // Entries drawn on the axis: those with an interval.
    std::vector<std::size_t> drawn;
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (std::size_t i = 0; i < t.entries.size(); ++i) {
        const auto& e = t.entries[i];
        if (!e.interval) continue;
        drawn.push_back(i);
        lo = std::min<std::int64_t>(lo, e.interval->begin.time_since_epoch().count());
        hi = std::max<std::int64_t>(hi, std::max(e.interval->end, e.interval->begin).time_since_epoch().count());
    }
    std::size_t dated = std::size_t(std::count_if(t.entries.begin(), t.entries.end(), [](const TimelineEntry& e) { return e.dated; }));

    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
    out += "<meta name=\"generator\" content=\"Dateline " DATELINE_VERSION "\"/>\n";
    out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", esc(heading), css);
    out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"meta\">", esc(heading));
    out += fmt::format("Source: {} · {} dated event{}", esc(o.source_name), dated, dated == 1 ? "" : "s");
    if (t.entries.size() > dated) out += fmt::format(", {} placed relative to the DCT", t.entries.size() - dated);
    if (t.annotation.dct)
        out += fmt::format(" · document creation time {} ({})", esc(to_string(*t.annotation.dct)),
                           esc(std::string(to_string(t.annotation.dct_source))));
    out += "</p>\n</header>\n";

    out += "<section class=\"chart\">\n<h2>Timeline</h2>\n";
    out += R"svg(<div class="legend"><span><svg width="14" height="14"><circle cx="7" cy="7" r="5" fill="#3b5bdb"/></svg>a day</span>)svg"
           R"svg(<span><svg width="14" height="14"><rect x="2" y="2" width="10" height="10" transform="rotate(45 7 7)" fill="#0ca678"/></svg>a time of day</span>)svg"
           R"svg(<span><svg width="34" height="14"><rect x="1" y="2" width="32" height="10" rx="3" fill="#748ffc" fill-opacity="0.55" stroke="#1c3aa9"/></svg>a week, month or season</span>)svg"
           R"svg(<span><svg width="34" height="14"><rect x="1" y="2" width="32" height="10" rx="3" fill="#9775fa" fill-opacity="0.45" stroke="#6741d9"/></svg>a year or longer</span>)svg"
           R"svg(<span><svg width="34" height="14"><path d="M2 7 H30 M25 3 L31 7 L25 11" stroke="#5b6478" stroke-width="1.5" stroke-dasharray="5 3" fill="none"/></svg>after / before the time</span>)svg"
           "<span>hover an entry for its sentence, click to read it in the article</span></div>\n";

    if (drawn.empty()) {
        out += "<p>No dated events were found.</p>\n";
    } else {
        constexpr double width = 960, left = 24, right = 24, axis_y = 44, row_h = 30, top = 64;
        const double plot_w = width - left - right;
        const double height = top + row_h * double(drawn.size()) + 16;
        // Domain: the entries' span with a margin, and at least a day.
        std::int64_t span = std::max<std::int64_t>(hi - lo, 86400);
        std::int64_t d_lo = lo - span / 25, d_hi = hi + span / 25;
        if (hi - lo < 86400) d_hi = d_lo + span + 2 * (span / 25);
        auto x = [&](std::int64_t s) { return left + plot_w * double(s - d_lo) / double(d_hi - d_lo); };

        out += fmt::format(
            "<svg class=\"timeline\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" "
            "aria-label=\"Timeline of {2} entries\">\n",
            width, height, drawn.size());
        out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
               "orient=\"auto-start-reverse\"><path d=\"M0 1 L9 5 L0 9\" fill=\"none\" stroke=\"#5b6478\" stroke-width=\"1.5\"/>"
               "</marker></defs>\n";
        // Grid and axis.
        for (const Tick& tk : axis_ticks(d_lo, d_hi)) {
            double tx = x(tk.at);
            if (tx < left - 0.5 || tx > width - right + 0.5) continue;
            out += fmt::format("<g class=\"tick{}\"><line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\"/>"
                               "<text x=\"{:.1f}\" y=\"{}\">{}</text></g>\n",
                               tk.major ? " major" : "", tx, axis_y - 4, tx, height - 8, tx, axis_y - 10, esc(tk.label));
        }
        out += fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", left, axis_y, width - right, axis_y);
        if (t.annotation.dct) {
            std::int64_t dct = sys_seconds{date::sys_days{t.annotation.dct->day}}.time_since_epoch().count() +
                               t.annotation.dct->seconds.value_or(0);
            if (dct >= d_lo && dct <= d_hi)
                out += fmt::format("<g class=\"dct\"><line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\"/>"
                                   "<text x=\"{0:.1f}\" y=\"{3}\">document date</text></g>\n",
                                   x(dct), axis_y + 4, height - 4, axis_y + 16);
        }
        // One row per entry.
        for (std::size_t r = 0; r < drawn.size(); ++r) {
            const std::size_t i = drawn[r];
            const TimelineEntry& e = t.entries[i];
            const double cy = top + row_h * double(r) + row_h / 2;
            const double x0 = x(e.interval->begin.time_since_epoch().count());
            const double x1 = std::max(x0, x(std::max(e.interval->end, e.interval->begin).time_since_epoch().count()));
            const Shape shape = shape_of(e);
            std::string cls = shape == Shape::Span ? "span" : shape == Shape::Diamond ? "time" : "point";
            cls += fmt::format(" g-{}", to_string(e.granularity));
            if (!e.dated) cls += " undated";

            const std::string date = (relation_word(e.relation).empty() || e.relation == Relation::On
                                          ? std::string()
                                          : std::string(relation_word(e.relation)) + " ") +
                                     display_date(t, e);
            const std::string headline = entry_headline(t, e);
            std::string tip = fmt::format("{} ({}, {}) — {}", date, e.value, to_string(e.granularity), headline);
            if (auto s = entry_sentence(t, e); !s.empty()) tip += "\n\n" + s;

            out += fmt::format("<g class=\"entry {}\" id=\"e{}\"><title>{}</title>\n", cls, i + 1, esc(tip));
            out += fmt::format("<a href=\"#s{}\">\n", e.sentence + 1);
            out += fmt::format("<rect class=\"band\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", cy - row_h / 2, width, row_h);
            // BEFORE/AFTER: a dashed arrow leaving the time towards the past/future.
            if (e.relation == Relation::After)
                out += fmt::format("<path class=\"relation\" d=\"M{:.1f} {} H{:.1f}\" marker-end=\"url(#arrow)\"/>\n", x1 + 6, cy,
                                   std::min(x1 + 46, width - 4));
            else if (e.relation == Relation::Before)
                out += fmt::format("<path class=\"relation\" d=\"M{:.1f} {} H{:.1f}\" marker-end=\"url(#arrow)\"/>\n", x0 - 6, cy,
                                   std::max(x0 - 46, 4.0));
            double mark_l = x0, mark_r = x1;
            switch (shape) {
                case Shape::Point: {
                    double cx = (x0 + x1) / 2;
                    out += fmt::format("<circle class=\"mark\" cx=\"{:.1f}\" cy=\"{}\" r=\"6\"/>\n", cx, cy);
                    mark_l = cx - 6, mark_r = cx + 6;
                    break;
                }
                case Shape::Diamond:
                    out += fmt::format("<rect class=\"mark\" x=\"{:.1f}\" y=\"{}\" width=\"10\" height=\"10\" "
                                       "transform=\"rotate(45 {:.1f} {})\"/>\n",
                                       x0 - 5, cy - 5, x0, cy);
                    mark_l = x0 - 7, mark_r = x0 + 7;
                    break;
                case Shape::Span: {
                    double w = std::max(x1 - x0, 4.0);
                    out += fmt::format("<rect class=\"mark\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"14\" rx=\"3\"/>\n",
                                       x0, cy - 7, w);
                    mark_r = x0 + w;
                    break;
                }
            }
            // Label beside the mark: right of it if it fits, else left of it, else inside a wide
            // span, else on the roomier side, shortened to the room there.
            constexpr double char_w = 7.0;  // average advance of the 12.5px label font
            const double start_r = e.relation == Relation::After ? mark_r + 52 : mark_r + 10;
            const double start_l = e.relation == Relation::Before ? mark_l - 52 : mark_l - 10;
            const double room_r = width - 8 - start_r, room_l = start_l - 8;
            const double inside_x = std::max(mark_l, left) + 8, room_in = std::min(mark_r, width - 8) - inside_x;
            const double need = char_w * double(code_points(date) + 3 + code_points(headline));
            double lx, room;
            std::string anchor = "start";
            if (need <= room_r) {
                lx = start_r, room = room_r;
            } else if (need <= room_l) {
                lx = start_l, room = room_l, anchor = "end";
            } else if (shape == Shape::Span && room_in >= 240) {
                lx = inside_x, room = room_in;
            } else if (room_r >= room_l) {
                lx = start_r, room = room_r;
            } else {
                lx = start_l, room = room_l, anchor = "end";
            }
            const double text_room = room / char_w - double(code_points(date) + 3);
            const std::string text = shorten(headline, std::size_t(std::max(text_room, 12.0)));
            out += fmt::format("<text class=\"label\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"{}\"><tspan class=\"date\">{}</tspan> "
                               "· {}</text>\n",
                               lx, cy + 4.5, anchor, esc(date), esc(text));
            out += "</a></g>\n";
        }
        out += "</svg>\n";
    }
    out += "</section>\n";

    // The entries as a table, with the excerpt beside them.
    out += "<section class=\"entries\">\n<h2>Events</h2>\n";
    out += "<table>\n<thead><tr><th>When</th><th>Relation</th><th>Event</th><th>Sentence</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < t.entries.size(); ++i) {
        const TimelineEntry& e = t.entries[i];
        out += fmt::format("<tr id=\"row{}\"><td class=\"when\">{}<br/><small>{} · {}</small></td><td>{}{}</td><td>{}</td>",
                           i + 1, esc(display_date(t, e)), esc(e.value), esc(std::string(to_string(e.granularity))),
                           esc(std::string(to_string(e.relation))), e.dated ? "" : " (DCT)", esc(entry_headline(t, e)));
        out += fmt::format("<td class=\"excerpt\"><a href=\"#s{}\">{}</a></td></tr>\n", e.sentence + 1,
                           esc(sentence_excerpt(t, e, 240)));
    }
    out += "</tbody>\n</table>\n</section>\n";

    out += "<section class=\"article\">\n<h2>Article</h2>\n" + article_html(t) + "</section>\n";
    out += fmt::format("<footer>Generated by Dateline " DATELINE_VERSION " from {}.</footer>\n</body>\n</html>\n",
                       esc(o.source_name));
    return out;
}

}  // namespace dateline
