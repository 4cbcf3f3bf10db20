// RFC 5545 iCalendar export of a timeline: one VEVENT per dated entry.
//
// Mapping (see README "iCalendar mapping"):
//   UID          128-bit digest of source name + entry content (stable: same input, same UID)
//   DTSTAMP      the DCT (date and time of day when known) in UTC form, so output is reproducible;
//                19700101T000000Z when the document has no DCT
//   SUMMARY      the event text (clause around the trigger)
//   DESCRIPTION  the sentence (up to 2,000 bytes around the event), the time expression and its value, the anchoring rule, the source
//   DTSTART/DTEND  day or coarser granularity: all-day VALUE=DATE, DTEND exclusive, spanning the
//                whole day, week, month, quarter, year...; finer: date-times, in UTC ("Z") when the
//                expression named a zone, else floating local time, or TZID=<--tz> with a VTIMEZONE
//                built from the system zoneinfo (TZif) files
//   X-DATELINE-* granularity, TIMEX3 value, relation, trigger, tid, byte offsets
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "dateline/error.hpp"
#include "dateline/exporters.hpp"
#include "export/export_common.hpp"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0"
#endif

namespace dateline {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

// ---------------------------------------------------------------------------------------------
// Content lines: escaping and folding.

// TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. Control characters
// other than HTAB are not allowed in TEXT and become spaces.
std::string escape_text(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            default:
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

// Appends one content line, folded so that no physical line exceeds 75 octets (RFC 5545 3.1),
// never inside a UTF-8 sequence, with CRLF line ends.
void put_line(std::string& out, std::string_view line) {
    constexpr std::size_t limit = 75;
    bool first = true;
    while (true) {
        std::size_t room = first ? limit : limit - 1;  // a continuation line starts with a space
        if (!first) out += ' ';
        if (line.size() <= room) {
            out += line;
            break;
        }
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out += line.substr(0, cut);
        out += "\r\n";
        line.remove_prefix(cut);
        first = false;
    }
    out += "\r\n";
}

void put_prop(std::string& out, std::string_view name, std::string_view text) {
    put_line(out, std::string(name) + ":" + escape_text(text));
}

std::string ics_date(date::sys_days d) {
    date::year_month_day ymd{d};
    return fmt::format("{:04}{:02}{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

std::string ics_datetime(sys_seconds t) {
    auto d = std::chrono::floor<date::days>(t);
    date::hh_mm_ss<seconds> tod{t - d};
    return fmt::format("{}T{:02}{:02}{:02}", ics_date(d), tod.hours().count(), tod.minutes().count(),
                       tod.seconds().count());
}

// RFC 5545 DATE values have four-digit years.
bool representable(sys_seconds t) {
    const int y = int(date::year_month_day{std::chrono::floor<date::days>(t)}.year());
    return y >= 1 && y <= 9999;
}

std::string utc_offset(std::int32_t off) {
    char sign = off < 0 ? '-' : '+';
    std::int32_t a = off < 0 ? -off : off;
    if (a % 60 != 0) return fmt::format("{}{:02}{:02}{:02}", sign, a / 3600, a / 60 % 60, a % 60);
    return fmt::format("{}{:02}{:02}", sign, a / 3600, a / 60 % 60);
}

// A TZID parameter value: quoted when it holds characters that end a parameter.
std::string param_value(std::string_view v) {
    if (v.find_first_of(";:,") == std::string_view::npos) return std::string(v);
    std::string q = "\"";
    for (char c : v)
        if (c != '"') q += c;
    return q + "\"";
}

// ---------------------------------------------------------------------------------------------
// Time zones: a reader for the system's TZif files (RFC 8536), including the POSIX TZ footer that
// describes transitions after the last explicit one.

struct ZoneType {
    std::int32_t utoff = 0;
    bool isdst = false;
    std::string abbr;
};

struct Transition {
    std::int64_t at = 0;  // UTC seconds
    ZoneType from, to;
};

// A POSIX TZ string rule such as "EST5EDT,M3.2.0,M11.1.0".
struct PosixRule {
    enum Kind { MonthWeekDay, JulianNoLeap, JulianZero };
    Kind kind = MonthWeekDay;
    int month = 0, week = 0, weekday = 0, day = 0;
    std::int32_t time = 7200;  // seconds after local midnight
};

struct PosixTz {
    ZoneType std_type, dst_type;
    bool has_dst = false;
    PosixRule start, end;
};

class PosixParser {
public:
    explicit PosixParser(std::string_view s) : s_(s) {}

    std::optional<PosixTz> parse() {
        PosixTz tz;
        if (!name(tz.std_type.abbr)) return std::nullopt;
        std::int32_t off = 0;
        if (!offset(off)) return std::nullopt;
        tz.std_type.utoff = -off;  // POSIX offsets count west of Greenwich
        if (at_end()) return tz;
        tz.has_dst = true;
        tz.dst_type.isdst = true;
        if (!name(tz.dst_type.abbr)) return std::nullopt;
        tz.dst_type.utoff = tz.std_type.utoff + 3600;
        if (!at_end() && peek() != ',') {
            if (!offset(off)) return std::nullopt;
            tz.dst_type.utoff = -off;
        }
        if (at_end()) return std::nullopt;  // no rule: unsupported legacy default
        if (!eat(',') || !rule(tz.start) || !eat(',') || !rule(tz.end) || !at_end()) return std::nullopt;
        return tz;
    }

private:
    bool at_end() const { return i_ >= s_.size(); }
    char peek() const { return at_end() ? '\0' : s_[i_]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++i_;
        return true;
    }
    bool number(int& n) {
        if (!(peek() >= '0' && peek() <= '9')) return false;
        n = 0;
        while (peek() >= '0' && peek() <= '9') n = n * 10 + (s_[i_++] - '0');
        return true;
    }
    bool name(std::string& out) {
        if (eat('<')) {
            std::size_t close = s_.find('>', i_);
            if (close == std::string_view::npos) return false;
            out = std::string(s_.substr(i_, close - i_));
            i_ = close + 1;
            return !out.empty();
        }
        std::size_t b = i_;
        while ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z')) ++i_;
        out = std::string(s_.substr(b, i_ - b));
        return out.size() >= 3;
    }
    // [+-]hh[:mm[:ss]]
    bool offset(std::int32_t& out) {
        int sign = 1;
        if (eat('-'))
            sign = -1;
        else
            eat('+');
        int h = 0, m = 0, sec = 0;
        if (!number(h)) return false;
        if (eat(':')) {
            if (!number(m)) return false;
            if (eat(':') && !number(sec)) return false;
        }
        out = sign * (h * 3600 + m * 60 + sec);
        return true;
    }
    bool rule(PosixRule& r) {
        if (eat('M')) {
            r.kind = PosixRule::MonthWeekDay;
            if (!number(r.month) || !eat('.') || !number(r.week) || !eat('.') || !number(r.weekday)) return false;
            if (r.month < 1 || r.month > 12 || r.week < 1 || r.week > 5 || r.weekday < 0 || r.weekday > 6)
                return false;
        } else if (eat('J')) {
            r.kind = PosixRule::JulianNoLeap;
            if (!number(r.day) || r.day < 1 || r.day > 365) return false;
        } else {
            r.kind = PosixRule::JulianZero;
            if (!number(r.day) || r.day > 365) return false;
        }
        if (eat('/')) return offset(r.time);
        return true;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

// Local date on which a POSIX rule fires in `year`.
date::sys_days rule_day(const PosixRule& r, int year) {
    using namespace date;
    const auto y = date::year{year};
    switch (r.kind) {
        case PosixRule::MonthWeekDay: {
            const auto m = month{unsigned(r.month)};
            const auto wd = weekday{unsigned(r.weekday)};
            if (r.week == 5) return sys_days{y / m / wd[last]};
            return sys_days{y / m / wd[unsigned(r.week)]};
        }
        case PosixRule::JulianNoLeap: {
            int n = r.day - 1;
            if (y.is_leap() && r.day >= 60) ++n;
            return sys_days{y / January / 1} + days{n};
        }
        case PosixRule::JulianZero: break;
    }
    return sys_days{y / January / 1} + days{r.day};
}

struct Zone {
    std::string name;
    std::vector<std::int64_t> times;    // transition instants, UTC seconds
    std::vector<std::uint8_t> indices;  // type index per transition
    std::vector<ZoneType> types;
    std::optional<PosixTz> footer;

    // The type in effect before the first transition (RFC 8536 3.2: type 0).
    const ZoneType& initial() const { return types.front(); }

    // All transitions with instants in [from, to], plus the last one before `from` (which sets the
    // offset in effect at `from`). Footer rules extend the table past its last explicit transition.
    std::vector<Transition> transitions(std::int64_t from, std::int64_t to) const {
        std::vector<Transition> all;
        for (std::size_t i = 0; i < times.size(); ++i) {
            const ZoneType& prev = i == 0 ? initial() : types[indices[i - 1]];
            all.push_back({times[i], prev, types[indices[i]]});
        }
        if (footer && footer->has_dst) {
            const std::int64_t last = times.empty() ? INT64_MIN : times.back();
            auto ymd_of = [](std::int64_t t) {
                return date::year_month_day{std::chrono::floor<date::days>(sys_seconds{seconds{t}})};
            };
            int y0 = times.empty() ? int(ymd_of(from).year()) - 1 : int(ymd_of(last).year());
            int y1 = int(ymd_of(to).year()) + 1;
            const PosixTz& p = *footer;
            for (int y = y0; y <= y1; ++y) {
                auto on = [&](const PosixRule& r, std::int32_t local_off) {
                    return std::int64_t(sys_seconds{rule_day(r, y)}.time_since_epoch().count()) + r.time -
                           local_off;
                };
                Transition a{on(p.start, p.std_type.utoff), p.std_type, p.dst_type};
                Transition b{on(p.end, p.dst_type.utoff), p.dst_type, p.std_type};
                for (Transition* t : {&a, &b})
                    if (t->at > last) all.push_back(*t);
            }
            std::sort(all.begin(), all.end(), [](const Transition& x, const Transition& y) { return x.at < y.at; });
        }
        std::vector<Transition> out;
        std::optional<Transition> before;
        for (const Transition& t : all) {
            if (t.at < from)
                before = t;
            else if (t.at <= to)
                out.push_back(t);
        }
        if (before) out.insert(out.begin(), *before);
        return out;
    }

    // The type in effect when no transition is known around the range (fixed-offset zones).
    ZoneType fixed_type() const {
        if (footer && !footer->has_dst) return footer->std_type;
        if (!indices.empty()) return types[indices.back()];
        return initial();
    }
};

std::uint32_t be32(const std::string& b, std::size_t at) {
    return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
std::int64_t be64(const std::string& b, std::size_t at) {
    return std::int64_t((std::uint64_t(be32(b, at)) << 32) | be32(b, at + 4));
}

bool valid_zone_name(std::string_view z) {
    if (z.empty() || z.front() == '/' || z.find("..") != std::string_view::npos) return false;
    return std::all_of(z.begin(), z.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
               c == '-' || c == '+';
    });
}

Zone load_zone(const std::string& name) {
    const char* env = std::getenv("TZDIR");
    std::string dir = env && *env ? env : "/usr/share/zoneinfo";
    if (!valid_zone_name(name))
        throw InputError(fmt::format("--tz: '{}' is not an IANA time zone name (like Europe/Paris)", name));
    std::ifstream in(dir + "/" + name, std::ios::binary);
    if (!in) throw InputError(fmt::format("--tz: unknown time zone '{}' (no such file in {})", name, dir));
    std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto bad = [&] { return InputError(fmt::format("--tz: {}/{} is not a TZif time zone file", dir, name)); };
    if (b.size() < 44 || b.compare(0, 4, "TZif") != 0) throw bad();

    struct Header {
        std::uint32_t isut, isstd, leap, time, type, chars;
    };
    auto header = [&](std::size_t at) {
        if (at + 44 > b.size()) throw bad();
        return Header{be32(b, at + 20), be32(b, at + 24), be32(b, at + 28),
                      be32(b, at + 32), be32(b, at + 36), be32(b, at + 40)};
    };
    auto block_size = [](const Header& h, std::size_t tsize) {
        return std::size_t(h.time) * tsize + h.time + std::size_t(h.type) * 6 + h.chars + std::size_t(h.leap) * (tsize + 4) +
               h.isstd + h.isut;
    };
    Header h = header(0);
    std::size_t at = 44;
    std::size_t tsize = 4;
    const bool v2 = b[4] >= '2';
    if (v2) {  // skip the 32-bit block, read the 64-bit one
        at += block_size(h, 4);
        h = header(at);
        at += 44;
        tsize = 8;
    }
    if (h.type == 0 || at + block_size(h, tsize) > b.size()) throw bad();

    Zone z;
    z.name = name;
    for (std::uint32_t i = 0; i < h.time; ++i)
        z.times.push_back(tsize == 8 ? be64(b, at + i * 8) : std::int64_t(std::int32_t(be32(b, at + i * 4))));
    at += std::size_t(h.time) * tsize;
    for (std::uint32_t i = 0; i < h.time; ++i) {
        std::uint8_t idx = std::uint8_t(b[at + i]);
        if (idx >= h.type) throw bad();
        z.indices.push_back(idx);
    }
    at += h.time;
    std::size_t types_at = at, chars_at = at + std::size_t(h.type) * 6;
    for (std::uint32_t i = 0; i < h.type; ++i) {
        ZoneType t;
        t.utoff = std::int32_t(be32(b, types_at + i * 6));
        t.isdst = b[types_at + i * 6 + 4] != 0;
        std::size_t ai = std::uint8_t(b[types_at + i * 6 + 5]);
        if (ai < h.chars) {
            std::size_t e = ai;
            while (e < h.chars && b[chars_at + e] != '\0') ++e;
            t.abbr = b.substr(chars_at + ai, e - ai);
        }
        z.types.push_back(std::move(t));
    }
    at += block_size(h, tsize) - std::size_t(h.time) * (tsize + 1);
    if (v2 && at < b.size() && b[at] == '\n') {
        std::size_t e = b.find('\n', at + 1);
        if (e != std::string::npos && e > at + 1) z.footer = PosixParser(std::string_view(b).substr(at + 1, e - at - 1)).parse();
    }
    return z;
}

bool is_plain_utc(const Zone& z) {
    auto zero = [](const ZoneType& t) { return t.utoff == 0 && !t.isdst; };
    return std::all_of(z.types.begin(), z.types.end(), zero) && (!z.footer || (!z.footer->has_dst && zero(z.footer->std_type)));
}

void put_vtimezone(std::string& out, const Zone& z, std::int64_t from, std::int64_t to) {
    put_line(out, "BEGIN:VTIMEZONE");
    put_line(out, "TZID:" + z.name);
    auto component = [&](std::int64_t at, const ZoneType& f, const ZoneType& t) {
        const char* kind = t.isdst ? "DAYLIGHT" : "STANDARD";
        put_line(out, std::string("BEGIN:") + kind);
        // DTSTART is the onset in local time as it was just before the change (TZOFFSETFROM).
        put_line(out, "DTSTART:" + ics_datetime(sys_seconds{seconds{at + f.utoff}}));
        put_line(out, "TZOFFSETFROM:" + utc_offset(f.utoff));
        put_line(out, "TZOFFSETTO:" + utc_offset(t.utoff));
        if (!t.abbr.empty()) put_prop(out, "TZNAME", t.abbr);
        put_line(out, std::string("END:") + kind);
    };
    auto ts = z.transitions(from, to);
    if (ts.empty()) {
        ZoneType t = z.fixed_type();
        if (!z.times.empty() && z.times.front() > to) t = z.initial();
        component(0, t, t);  // 1970-01-01 onset, no change
    } else {
        for (const Transition& t : ts) component(t.at, t.from, t.to);
    }
    put_line(out, "END:VTIMEZONE");
}

}  // namespace

std::string to_ics(const Timeline& t, const ExportOptions& o) {
    using namespace exporter;
    std::optional<Zone> zone;
    if (!o.tz.empty()) zone = load_zone(o.tz);
    const bool tz_is_utc = zone && is_plain_utc(*zone);

    // DTSTAMP: when the "calendar object" was created, i.e. the DCT, so that output is reproducible.
    std::string dtstamp = "19700101T000000Z";
    if (t.annotation.dct) {
        sys_seconds s{date::sys_days{t.annotation.dct->day}};
        if (t.annotation.dct->seconds) s += seconds{*t.annotation.dct->seconds};
        dtstamp = ics_datetime(s) + "Z";
    }

    const std::vector<std::string> ids = entry_ids(t, o.source_name);
    std::string events;
    {
        // Room for every event at once (its sentence, folded, and ~700 bytes of properties), so that
        // a long calendar is not regrown and copied through a series of doublings.
        std::size_t room = 0;
        for (const TimelineEntry& e : t.entries)
            if (e.dated && e.sentence < t.sentences.size())
                room += std::min<std::size_t>(t.sentences[e.sentence].end - t.sentences[e.sentence].begin,
                                              entry_sentence_max_bytes) *
                            21 / 20 + 700;
        events.reserve(room);
    }
    std::int64_t tz_from = INT64_MAX, tz_to = INT64_MIN;  // span of times written with TZID
    for (std::size_t i = 0; i < t.entries.size(); ++i) {
        const TimelineEntry& e = t.entries[i];
        if (!e.dated || !e.interval) continue;
        if (!representable(e.interval->begin) || !representable(e.interval->end)) continue;  // RFC 5545 years are 4 digits
        put_line(events, "BEGIN:VEVENT");
        put_prop(events, "UID", ids[i] + "@dateline");
        put_line(events, "DTSTAMP:" + dtstamp);
        const sys_seconds b = e.interval->begin;
        const sys_seconds en = std::max(e.interval->end, b);
        if (has_time_of_day(e.granularity)) {
            std::string params, suffix;
            if (entry_is_utc(t, e) || tz_is_utc) {
                suffix = "Z";
            } else if (zone) {
                params = ";TZID=" + param_value(zone->name);
                // Local wall-clock times; any offset within a day of them is covered by the table.
                tz_from = std::min<std::int64_t>(tz_from, b.time_since_epoch().count() - 86400 * 2);
                tz_to = std::max<std::int64_t>(tz_to, en.time_since_epoch().count() + 86400 * 2);
            }
            put_line(events, "DTSTART" + params + ":" + ics_datetime(b) + suffix);
            put_line(events, "DTEND" + params + ":" + ics_datetime(en) + suffix);
        } else {
            // All-day: the whole day, week, month, season, year... DTEND is exclusive.
            const auto d0 = std::chrono::floor<date::days>(b);
            auto d1 = std::chrono::ceil<date::days>(en);
            if (d1 <= d0) d1 = d0 + date::days{1};
            put_line(events, "DTSTART;VALUE=DATE:" + ics_date(d0));
            put_line(events, "DTEND;VALUE=DATE:" + ics_date(d1));
        }
        put_prop(events, "SUMMARY", entry_headline(t, e));

        std::string desc = entry_sentence(t, e);
        desc += "\n\nWhen: " + when_phrase(t, e);
        desc += " (";
        if (!e.time_text.empty()) desc += "\u201c" + e.time_text + "\u201d, ";
        desc += fmt::format("TIMEX3 {}, {})", e.value, to_string(e.granularity));
        if (!e.rule.empty()) desc += "\nAnchoring: " + e.rule;
        desc += "\nSource: " + o.source_name;
        if (e.sentence < t.sentences.size())
            desc += fmt::format(", sentence {}, bytes {}-{}", e.sentence + 1, t.sentences[e.sentence].begin,
                                t.sentences[e.sentence].end);
        put_prop(events, "DESCRIPTION", desc);
        put_line(events, "TRANSP:TRANSPARENT");
        put_prop(events, "X-DATELINE-GRANULARITY", to_string(e.granularity));
        put_prop(events, "X-DATELINE-VALUE", e.value);
        put_prop(events, "X-DATELINE-RELATION", to_string(e.relation));
        if (!e.event.trigger.empty()) put_prop(events, "X-DATELINE-TRIGGER", e.event.trigger);
        if (!e.tid.empty()) put_prop(events, "X-DATELINE-TID", e.tid);
        put_line(events, fmt::format("X-DATELINE-OFFSETS:{}-{}", e.event.begin, e.event.end));
        put_line(events, "END:VEVENT");
    }

    std::string head;
    put_line(head, "BEGIN:VCALENDAR");
    put_line(head, "VERSION:2.0");
    put_line(head, "PRODID:-//Dateline//Dateline " DATELINE_VERSION "//EN");
    put_line(head, "CALSCALE:GREGORIAN");
    put_line(head, "METHOD:PUBLISH");
    std::string title = document_title(t);
    put_prop(head, "X-WR-CALNAME", "Dateline: " + (title.empty() ? o.source_name : title));
    if (zone && tz_from <= tz_to) put_vtimezone(head, *zone, tz_from, tz_to);
    // The head goes in front of the events in place (their buffer usually has the room): a calendar
    // of many entries is not copied into a second buffer of its size.
    events.insert(0, head);
    put_line(events, "END:VCALENDAR");
    return events;
}

}  // namespace dateline
