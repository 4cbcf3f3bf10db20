#include "export/json_stream.hpp"
#include "export/export_common.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>

#include "dateline/json.hpp"

namespace dateline::exporter {
namespace {

bool valid_utf8(std::string_view s) {
    std::size_t i = 0, n = s.size();
    while (i < n) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        i += len;
    }
    return true;
}

// Writes JSON as nlohmann's serializer does (pretty: "key": value, one member per line; compact: no spaces).
class Writer {
public:
    Writer(std::string& out, const JsonStyle& style, std::ostream* os) : out_(out), style_(style), os_(os) {
        level_ = style.level;
    }
    ~Writer() { flush(); }

    void begin_object() {
        out_ += '{';
        ++level_;
        first_.push_back(1);
    }
    void end_object() { close('}'); }
    // An array of n elements (an empty one is written whole: "[]").
    bool begin_array(std::size_t n) {
        if (n == 0) {
            out_ += "[]";
            return false;
        }
        out_ += '[';
        ++level_;
        first_.push_back(1);
        return true;
    }
    void end_array() { close(']'); }

    void key(std::string_view k) {
        next();
        str(k);
        out_ += pretty() ? ": " : ":";
    }
    void element() { next(); }

    void str(std::string_view s) {
        if (plain(s)) {  // the usual case: printable ASCII without quotes or backslashes, copied as is
            out_ += '"';
            out_ += s;
            out_ += '"';
            maybe_flush();
            return;
        }
        if (!valid_utf8(s)) {  // nlohmann's own handling: the replacement it makes, or its exception
            out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false,
                                                        style_.replace_invalid ? nlohmann::json::error_handler_t::replace
                                                                               : nlohmann::json::error_handler_t::strict);
            return;
        }
        out_ += '"';
        std::size_t run = 0;  // start of the bytes not yet copied
        for (std::size_t i = 0; i < s.size(); ++i) {
            auto c = static_cast<unsigned char>(s[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out_.append(s.data() + run, i - run);
            run = i + 1;
            switch (c) {
                case '"': out_ += "\\\""; break;
                case '\\': out_ += "\\\\"; break;
                case '\b': out_ += "\\b"; break;
                case '\t': out_ += "\\t"; break;
                case '\n': out_ += "\\n"; break;
                case '\f': out_ += "\\f"; break;
                case '\r': out_ += "\\r"; break;
                default: {
                    static const char hex[] = "0123456789abcdef";
                    out_ += "\\u00";
                    out_ += hex[c >> 4];
                    out_ += hex[c & 15];
                }
            }
        }
        out_.append(s.data() + run, s.size() - run);
        out_ += '"';
        maybe_flush();
    }
    void str_or_null(std::string_view s) { s.empty() ? null() : str(s); }
    void null() { out_ += "null"; }
    void boolean(bool b) { out_ += b ? "true" : "false"; }
    void number(std::size_t n) {
        char buf[24];
        char* p = buf + sizeof buf;
        do {
            *--p = char('0' + n % 10);
            n /= 10;
        } while (n);
        out_.append(p, std::size_t(buf + sizeof buf - p));
    }
    // Any value through nlohmann (small extras), indented to the current level.
    void json(const nlohmann::json& j) {
        if (!pretty() || !(j.is_object() || j.is_array()) || j.empty()) {
            out_ += j.dump(style_.indent, ' ', false, handler());
            return;
        }
        // Re-indent a nested dump: every line after the first gets the current indentation.
        std::string d = j.dump(style_.indent, ' ', false, handler());
        std::string pad(std::size_t(level_ * style_.indent), ' ');
        for (char ch : d) {
            out_ += ch;
            if (ch == '\n') out_ += pad;
        }
    }

private:
    // True when no byte of s needs an escape or a UTF-8 check: 0x20..0x7F except " and \ (eight
    // bytes at a time).
    static bool plain(std::string_view s) {
        constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        auto has_zero = [&](std::uint64_t v) { return (v - ones) & ~v & highs; };
        std::size_t i = 0, n = s.size();
        for (; i + 8 <= n; i += 8) {
            std::uint64_t x;
            std::memcpy(&x, s.data() + i, 8);
            if ((x & highs) | ((x - 0x2020202020202020ull) & ~x & highs) | has_zero(x ^ (0x22 * ones)) |
                has_zero(x ^ (0x5C * ones)))
                return false;
        }
        for (; i < n; ++i) {
            auto c = static_cast<unsigned char>(s[i]);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
        }
        return true;
    }
    bool pretty() const { return style_.indent >= 0; }
    nlohmann::json::error_handler_t handler() const {
        return style_.replace_invalid ? nlohmann::json::error_handler_t::replace : nlohmann::json::error_handler_t::strict;
    }
    void newline_indent(int level) {
        out_ += '\n';
        out_.append(std::size_t(level * style_.indent), ' ');
    }
    void next() {
        bool first = first_.back() != 0;
        if (pretty()) {
            if (!first) out_ += ',';
            newline_indent(level_);
        } else if (!first) {
            out_ += ',';
        }
        first_.back() = 0;
    }
    void close(char c) {
        --level_;
        first_.pop_back();
        if (pretty()) newline_indent(level_);
        out_ += c;
    }
    void maybe_flush() {
        if (os_ && out_.size() >= (1u << 16)) flush();
    }
    void flush() {
        if (os_ && !out_.empty()) {
            os_->write(out_.data(), std::streamsize(out_.size()));
            out_.clear();
        }
    }

    std::string& out_;
    JsonStyle style_;
    std::ostream* os_;
    int level_ = 0;
    std::vector<unsigned char> first_;  // per open container: no member written yet
};

void interval(Writer& w, const std::optional<Interval>& i) {
    if (!i) return w.null();
    w.begin_object();
    w.key("begin");
    w.str(to_iso(i->begin));
    w.key("end");
    w.str(to_iso(i->end));
    w.end_object();
}

// The members of to_json(Timex), in nlohmann's (sorted) key order.
void timex(Writer& w, const Timex& t) {
    w.begin_object();
    w.key("anchor");
    w.str_or_null(t.anchor);
    w.key("begin");
    w.number(t.begin);
    w.key("end");
    w.number(t.end);
    w.key("explanation");
    w.str(t.explanation);
    if (!t.freq.empty()) {
        w.key("freq");
        w.str(t.freq);
    }
    w.key("granularity");
    w.str(to_string(t.granularity));
    w.key("implied");
    w.str(fields_to_string(t.implied));
    w.key("interval");
    interval(w, t.interval);
    w.key("known");
    w.str(fields_to_string(t.known));
    if (!t.mod.empty()) {
        w.key("mod");
        w.str(t.mod);
    }
    if (!t.quant.empty()) {
        w.key("quant");
        w.str(t.quant);
    }
    w.key("temporalFunction");
    w.boolean(t.temporal_function);
    w.key("tense");
    w.str(to_string(t.tense));
    w.key("text");
    w.str(t.text);
    w.key("tid");
    w.str(t.tid);
    w.key("type");
    w.str(to_string(t.type));
    w.key("value");
    w.str(t.value);
    w.end_object();
}

void event(Writer& w, const Event& e) {
    w.begin_object();
    w.key("aspect");
    w.str(e.aspect);
    w.key("begin");
    w.number(e.begin);
    w.key("class");
    w.str(e.event_class);
    w.key("conditional");
    w.boolean(e.conditional);
    w.key("eid");
    w.str(e.eid);
    w.key("end");
    w.number(e.end);
    w.key("factual");
    w.boolean(e.factual);
    w.key("lemma");
    w.str(e.lemma);
    w.key("modality");
    w.str_or_null(e.modality);
    w.key("negated");
    w.boolean(e.negated);
    w.key("pos");
    w.str(e.noun ? "noun" : "verb");
    w.key("sentence");
    w.number(e.sentence);
    w.key("tense");
    w.str(to_string(e.tense));
    w.key("trigger");
    w.str(e.trigger);
    w.end_object();
}

void entry(Writer& w, const Timeline& t, const TimelineEntry& e) {
    const Sentence* s = e.sentence < t.sentences.size() ? &t.sentences[e.sentence] : nullptr;
    w.begin_object();
    w.key("begin");
    w.number(e.event.begin);
    w.key("dated");
    w.boolean(e.dated);
    w.key("eid");
    w.str(e.event.eid);
    w.key("end");
    w.number(e.event.end);
    w.key("event");
    event(w, e.event);
    w.key("granularity");
    w.str(to_string(e.granularity));
    w.key("interval");
    interval(w, e.interval);
    w.key("relation");
    w.str(to_string(e.relation));
    w.key("rule");
    w.str(e.rule);
    w.key("sentence");
    w.number(e.sentence);
    w.key("sentence_text");
    if (s) w.str(entry_sentence(t, e));  // a window of it when over 2,000 bytes
    else w.null();
    w.key("text");
    w.str(e.text);
    w.key("text_begin");
    w.number(e.text_begin);
    w.key("text_end");
    w.number(e.text_end);
    w.key("tid");
    w.str_or_null(e.tid);
    w.key("time_text");
    w.str_or_null(e.time_text);
    w.key("trigger");
    w.str(e.event.trigger);
    w.key("value");
    w.str_or_null(e.value);
    w.end_object();
}

}  // namespace

void write_timeline_json(std::string& out, const Timeline& t, const ExportOptions& o, const TimelineJsonParts& parts,
                         const JsonStyle& style, std::ostream* os) {
    Writer w(out, style, os);
    // The members by key: std::map orders them as nlohmann::json's object does; an extra key replaces
    // a member of the same name, as j[key] = value would.
    std::map<std::string, std::function<void()>, std::less<>> members;
    members["dct"] = [&] { t.annotation.dct ? w.str(to_string(*t.annotation.dct)) : w.null(); };
    members["dct_source"] = [&] { w.str(to_string(t.annotation.dct_source)); };
    members["timexes"] = [&] {
        if (!w.begin_array(t.annotation.timexes.size())) return;
        for (auto& x : t.annotation.timexes) {
            w.element();
            timex(w, x);
        }
        w.end_array();
    };
    members["warnings"] = [&] {
        if (!w.begin_array(t.annotation.warnings.size())) return;
        for (auto& x : t.annotation.warnings) {
            w.element();
            w.str(x);
        }
        w.end_array();
    };
    if (parts.document) {
        members["source"] = [&] { w.str(o.source_name); };
        members["paragraphs"] = [&] {
            auto ps = paragraphs(t.source);
            if (!w.begin_array(ps.size())) return;
            for (auto& p : ps) {
                w.element();
                w.begin_object();
                w.key("begin");
                w.number(p.begin);
                w.key("end");
                w.number(p.end);
                w.end_object();
            }
            w.end_array();
        };
        members["sentences"] = [&] {
            if (!w.begin_array(t.sentences.size())) return;
            for (auto& s : t.sentences) {
                w.element();
                w.begin_object();
                w.key("begin");
                w.number(s.begin);
                w.key("end");
                w.number(s.end);
                w.key("header");
                w.boolean(s.header);
                w.key("paragraph");
                w.number(s.paragraph);
                w.end_object();
            }
            w.end_array();
        };
        members["events"] = [&] {
            if (!w.begin_array(t.events.size())) return;
            for (auto& e : t.events) {
                w.element();
                event(w, e);
            }
            w.end_array();
        };
    }
    members["timeline"] = [&] {
        if (!w.begin_array(t.entries.size())) return;
        for (auto& e : t.entries) {
            w.element();
            entry(w, t, e);
        }
        w.end_array();
    };
    for (auto& kv : parts.extra) {
        const auto& v = kv.second;  // a named reference: clang 14 cannot capture a structured binding
        members[kv.first] = [&w, &v] { w.json(v); };
    }
    w.begin_object();
    for (auto& [k, emit] : members) {
        w.key(k);
        emit();
    }
    w.end_object();
}

}  // namespace dateline::exporter
