#include "export/export_common.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <date/date.h>
#include <fmt/format.h>

namespace dateline::exporter {

std::string_view sentence_text(const Timeline& t, std::size_t index) {
    if (index >= t.sentences.size()) return {};
    const Sentence& s = t.sentences[index];
    if (s.begin > s.end || s.end > t.source.size()) return {};
    return std::string_view(t.source).substr(s.begin, s.end - s.begin);
}

const Timex* entry_timex(const Timeline& t, const TimelineEntry& e) {
    if (e.tid.empty()) return nullptr;
    for (const Timex& x : t.annotation.timexes)
        if (x.tid == e.tid) return &x;
    return nullptr;
}

bool entry_is_utc(const Timeline& t, const TimelineEntry& e) {
    const Timex* x = entry_timex(t, e);
    return x != nullptr && (x->known & FieldZone) != 0;
}

bool has_time_of_day(Granularity g) noexcept {
    return g == Granularity::PartOfDay || g == Granularity::Hour || g == Granularity::Minute ||
           g == Granularity::Second;
}

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// 64-bit FNV-1a, fed field by field with a separator so that ("ab","c") != ("a","bc").
struct Fnv {
    std::uint64_t h;
    void add(std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
        h ^= 0xffu;  // field separator (0xff never occurs in UTF-8)
        h *= 0x100000001b3ULL;
    }
};
}  // namespace

std::string entry_headline(const Timeline& t, const TimelineEntry& e) {
    std::string_view s = trim(e.text);
    if (s.empty()) s = trim(e.event.trigger);
    if (s.empty()) s = trim(sentence_text(t, e.sentence));
    return std::string(s);
}

std::vector<std::string> entry_ids(const Timeline& t, std::string_view source_name) {
    std::vector<std::string> ids;
    ids.reserve(t.entries.size());
    std::map<std::string, int> seen;
    // Each sentence's text enters the digest as its own 64-bit FNV-1a, computed once: a sentence that
    // holds many entries is read once, not once per entry.
    std::vector<std::string> sentence_digest(t.sentences.size() + 1);
    for (const TimelineEntry& e : t.entries) {
        const std::size_t si = std::min(e.sentence, t.sentences.size());
        if (sentence_digest[si].empty()) {
            Fnv d{0xcbf29ce484222325ULL};
            d.add(sentence_text(t, e.sentence));
            sentence_digest[si] = fmt::format("{:016x}", d.h);
        }
        // Two independent FNV-1a streams (different offset bases) give a 128-bit digest.
        Fnv a{0xcbf29ce484222325ULL}, b{0x84222325cbf29ce4ULL};
        for (Fnv* f : {&a, &b}) {
            f->add(source_name);
            f->add(e.value);
            f->add(to_string(e.relation));
            f->add(e.event.trigger);
            f->add(e.text);
            f->add(e.time_text);
            f->add(sentence_digest[si]);
        }
        std::string id = fmt::format("{:016x}{:016x}", a.h, b.h);
        int n = ++seen[id];
        if (n > 1) id += fmt::format("-{}", n);
        ids.push_back(std::move(id));
    }
    return ids;
}

namespace {
std::string display_date_only(const TimelineEntry& e) {
    static constexpr std::array<std::string_view, 12> months = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    if (!e.interval) return e.value;
    auto day = std::chrono::floor<date::days>(e.interval->begin);
    date::year_month_day ymd{day};
    date::hh_mm_ss<std::chrono::seconds> tod{e.interval->begin - day};
    int y = int(ymd.year());
    auto m = months[unsigned(ymd.month()) - 1];
    unsigned d = unsigned(ymd.day());
    switch (e.granularity) {
        case Granularity::Millennium:
        case Granularity::Century:
        case Granularity::Decade: {
            auto last = std::chrono::floor<date::days>(e.interval->end - std::chrono::seconds(1));
            return fmt::format("{}–{}", y, int(date::year_month_day{last}.year()));
        }
        case Granularity::Year: return fmt::format("{}", y);
        case Granularity::Half:
        case Granularity::Season:
        case Granularity::Quarter: {
            auto last = date::year_month_day{std::chrono::floor<date::days>(e.interval->end - std::chrono::seconds(1))};
            auto m2 = months[unsigned(last.month()) - 1];
            if (last.year() == ymd.year()) return fmt::format("{}–{} {}", m, m2, y);
            return fmt::format("{} {}–{} {}", m, y, m2, int(last.year()));
        }
        case Granularity::Month: return fmt::format("{} {}", m, y);
        case Granularity::Week: return fmt::format("week of {} {}, {}", m, d, y);
        case Granularity::PartOfDay:
        case Granularity::Hour:
        case Granularity::Minute:
            return fmt::format("{} {}, {}, {:02}:{:02}", m, d, y, tod.hours().count(), tod.minutes().count());
        case Granularity::Second:
            return fmt::format("{} {}, {}, {:02}:{:02}:{:02}", m, d, y, tod.hours().count(), tod.minutes().count(),
                               tod.seconds().count());
        case Granularity::Day:
        case Granularity::Unknown: break;
    }
    return fmt::format("{} {}, {}", m, d, y);
}

// The last unit of a range's interval ("2024-01-15/2024-01-17" ends with the day 2024-01-17); ranges
// are made of times of one unit (see range_from in src/events/anchor.cpp).
std::chrono::sys_seconds last_unit_start(const TimelineEntry& e) {
    using namespace std::chrono;
    const sys_seconds end = e.interval->end;
    switch (e.granularity) {
        case Granularity::Year: {
            auto y = date::year_month_day{floor<date::days>(end - seconds(1))}.year();
            return sys_seconds{date::sys_days{y / 1 / 1}};
        }
        case Granularity::Month: {
            auto ymd = date::year_month_day{floor<date::days>(end - seconds(1))};
            return sys_seconds{date::sys_days{ymd.year() / ymd.month() / 1}};
        }
        case Granularity::Week: return end - date::days{7};
        case Granularity::Hour: return end - hours{1};
        case Granularity::Minute: return end - minutes{1};
        default: return floor<date::days>(end - seconds(1));
    }
}

// "January 15, 2024 – January 17, 2024" for a range entry (value "2024-01-15/2024-01-17"), else the date.
std::string display_range_or_date(const TimelineEntry& e) {
    if (!e.interval || e.value.find('/') == std::string::npos) return display_date_only(e);
    TimelineEntry first, last;  // only the interval and granularity are read
    first.granularity = last.granularity = e.granularity;
    first.interval = Interval{e.interval->begin, e.interval->begin};
    const auto ls = last_unit_start(e);
    last.interval = Interval{ls, ls};
    return display_date_only(first) + " – " + display_date_only(last);
}

}  // namespace

std::string display_date(const Timeline& t, const TimelineEntry& e) {
    std::string d = display_range_or_date(e);
    if (e.interval && has_time_of_day(e.granularity) && entry_is_utc(t, e)) d += " UTC";
    return d;
}

std::string when_phrase(const Timeline& t, const TimelineEntry& e) {
    const std::string d = display_date(t, e);
    switch (e.relation) {
        case Relation::Before:
        case Relation::After:
        case Relation::Includes: return std::string(relation_word(e.relation)) + " " + d;
        case Relation::On:
            if (!e.interval) return d;
            if (auto dash = d.find(" – "); dash != std::string::npos && e.value.find('/') != std::string::npos)
                return "from " + d.substr(0, dash) + " to " + d.substr(dash + 5);  // (" – " is 5 bytes)
            if (e.granularity == Granularity::Week) return "in the " + d;
            if (e.granularity == Granularity::Day || e.granularity == Granularity::Unknown ||
                has_time_of_day(e.granularity))
                return "on " + d;
            return "in " + d;
        case Relation::Unknown: break;
    }
    return d;
}

std::string_view relation_word(Relation r) noexcept {
    switch (r) {
        case Relation::On: return "on";
        case Relation::Before: return "before";
        case Relation::After: return "after";
        case Relation::Includes: return "during";
        case Relation::Unknown: break;
    }
    return "";
}

std::string document_title(const Timeline& t) {
    if (t.sentences.empty()) return {};
    const Sentence& first = t.sentences.front();
    if (t.sentences.size() > 1 && t.sentences[1].paragraph == first.paragraph) return {};
    std::string_view s = trim(sentence_text(t, 0));
    if (s.empty() || s.size() > 200 || s.find('\n') != std::string_view::npos) return {};
    char last = s.back();
    if (last == '.' || last == '!' || last == '?' || last == ':') return {};
    return std::string(s);
}

std::string entry_sentence(const Timeline& t, const TimelineEntry& e) {
    const std::string_view s = sentence_text(t, e.sentence);
    return s.size() <= entry_sentence_max_bytes ? std::string(s) : sentence_excerpt(t, e, entry_sentence_max_bytes);
}

std::string sentence_excerpt(const Timeline& t, const TimelineEntry& e, std::size_t max_bytes) {
    std::string_view s = trim(sentence_text(t, e.sentence));
    if (s.size() <= max_bytes || e.sentence >= t.sentences.size()) return std::string(s);
    const std::size_t base = std::size_t(s.data() - t.source.data());
    // The trigger's position inside the sentence (clamped), and a window of max_bytes around it.
    const std::size_t tb = std::clamp(e.event.begin, base, base + s.size()) - base;
    const std::size_t te = std::clamp(e.event.end, base + tb, base + s.size()) - base;
    const std::size_t mid = (tb + te) / 2;
    std::size_t b = mid > max_bytes / 2 ? mid - max_bytes / 2 : 0;
    std::size_t en = std::min(s.size(), b + max_bytes);
    b = en > max_bytes ? en - max_bytes : 0;
    // Cut at spaces (which also keeps UTF-8 sequences whole).
    if (b > 0) {
        std::size_t sp = s.find(' ', b);
        b = (sp != std::string_view::npos && sp < tb) ? sp + 1 : b;
        while (b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) ++b;
    }
    if (en < s.size()) {
        std::size_t sp = s.rfind(' ', en);
        en = (sp != std::string_view::npos && sp > te) ? sp : en;
        while (en > b && (static_cast<unsigned char>(s[en]) & 0xC0) == 0x80) --en;
    }
    std::string out;
    if (b > 0) out += "…";
    out += trim(s.substr(b, en - b));
    if (en < s.size()) out += "…";
    return out;
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        // C1 controls (U+0080..U+009F) are not characters HTML allows in text: a space, like C0.
        if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            out += ' ';
            ++i;
            continue;
        }
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\t':
            case '\n': out += c; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

std::string shorten(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return std::string(s);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    std::size_t space = s.rfind(' ', cut);
    if (space != std::string_view::npos && space > max_bytes / 2) cut = space;
    return std::string(trim(s.substr(0, cut))) + "…";
}

}  // namespace dateline::exporter
