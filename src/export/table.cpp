// The terminal table: one row per timeline entry, aligned columns (date, relation, event, excerpt)
// fitted to a width, ANSI colors on request.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "dateline/exporters.hpp"

namespace dateline {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Display width in code points (the text is valid UTF-8; wide CJK glyphs are not special-cased).
std::size_t width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if (!continuation(c)) ++n;
    return n;
}

// Whitespace runs (line breaks included) become one space; so do control characters (C0, DEL and
// the C1 range U+0080..U+009F), which would otherwise reach the terminal as escape sequences.
// The scan state, so that a squash can stop and resume (see Squashed).
struct SquashState {
    std::size_t i = 0;       // next input byte
    std::size_t out = 0;     // bytes written
    bool space = false;      // a space is owed before the next visible byte
};

// Squashes s[st.i, end) for a text that ends at `text_end` (end <= text_end <= s.size(): a C1 pair
// may straddle end, not text_end), handing each output byte to emit.
template <class Emit>
void squash_run(std::string_view s, std::size_t end, std::size_t text_end, SquashState& st, Emit&& emit) {
    for (; st.i < end; ++st.i) {
        const auto u = static_cast<unsigned char>(s[st.i]);
        const bool c1 = u == 0xC2 && st.i + 1 < text_end && static_cast<unsigned char>(s[st.i + 1]) <= 0x9F;
        if (u <= 0x20 || u == 0x7F || c1) {
            if (c1) ++st.i;
            st.space = st.out > 0;
            continue;
        }
        if (st.space) emit(' '), ++st.out;
        st.space = false;
        emit(s[st.i]), ++st.out;
    }
}

std::string squash(std::string_view s) {
    std::string out;
    SquashState st;
    squash_run(s, s.size(), s.size(), st, [&](char c) { out += c; });
    return out;
}

// The first `w` code points of s, with "…" when it was cut; padded with spaces to w when `pad`.
std::string fit(std::string_view s, std::size_t w, bool pad) {
    std::string out;
    if (width(s) <= w) {
        out = s;
    } else if (w > 0) {
        std::size_t n = 0, i = 0;
        while (i < s.size() && n < w - 1) {
            ++i;
            while (i < s.size() && continuation(static_cast<unsigned char>(s[i]))) ++i;
            ++n;
        }
        out = std::string(s.substr(0, i));
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += "…";
    }
    if (pad)
        for (std::size_t k = width(out); k < w; ++k) out += ' ';
    return out;
}

// Fits an event text to w: a text made of two parts ("Authorities intercepted migrants … last November")
// is cut in its first part so that the time phrase at the end stays visible.
std::string fit_event(const std::string& s, std::size_t w) {
    static const std::string sep = " … ";
    auto k = s.rfind(sep);
    if (width(s) <= w || k == std::string::npos) return fit(s, w, true);
    std::string tail = s.substr(k);  // " … last November"
    std::size_t tw = width(tail);
    if (tw + 8 > w) return fit(s, w, true);
    // the first part, cut at a word boundary to the room left by the tail
    std::string_view first = std::string_view(s).substr(0, k);
    std::size_t room = w - tw, n = 0, i = 0, last_space = 0;
    while (i < first.size() && n < room) {
        if (first[i] == ' ') last_space = i;
        ++i;
        while (i < first.size() && continuation(static_cast<unsigned char>(first[i]))) ++i;
        ++n;
    }
    std::size_t cut = (i < first.size() && first[i] != ' ' && last_space > 0) ? last_space : i;
    std::string head(first.substr(0, cut));
    for (bool again = true; again;) {  // no dangling "and", "of the" before the ellipsis
        while (!head.empty() && head.back() == ' ') head.pop_back();
        auto sp = head.rfind(' ');
        std::string_view last = std::string_view(head).substr(sp == std::string::npos ? 0 : sp + 1);
        again = sp != std::string::npos && (last == "and" || last == "or" || last == "the" || last == "a" ||
                                            last == "an" || last == "of" || last == "in" || last == "at" ||
                                            last == "on" || last == "to" || last == "with" || last == "for");
        if (again) head.erase(sp);
    }
    return fit(head + tail, w, true);
}

// The first n code points of s (all of s when it has fewer).
std::string_view head(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t k = 0; k < n && i < s.size(); ++k) {
        ++i;
        while (i < s.size() && continuation(static_cast<unsigned char>(s[i]))) ++i;
    }
    return s.substr(0, i);
}

// A sentence squashed once for all the rows that show it, with the scan state every kStep input
// bytes: where a trigger falls in the squashed text is found by resuming from the checkpoint before
// it. Rows cost what their window costs, not the sentence's length (a long sentence holding
// thousands of timexes would otherwise be squashed again for each of them).
struct Squashed {
    static constexpr std::size_t kStep = 256;
    std::string text;
    std::size_t width = 0;
    std::vector<SquashState> checkpoints;  // checkpoints[k]: state at the first byte >= k * kStep

    explicit Squashed(std::string_view sentence) {
        SquashState st;
        for (std::size_t at = 0; st.i < sentence.size(); at += kStep) {
            squash_run(sentence, std::min(at, sentence.size()), sentence.size(), st, [&](char c) { text += c; });
            checkpoints.push_back(st);
        }
        width = dateline::width(text);
    }
    // squash(sentence.substr(0, end)).size()
    std::size_t squashed_before(std::string_view sentence, std::size_t end) const {
        if (checkpoints.empty()) return 0;
        std::size_t k = std::min(end / kStep, checkpoints.size() - 1);
        while (k > 0 && checkpoints[k].i > end) --k;
        SquashState st = checkpoints[k];
        squash_run(sentence, end, end, st, [](char) {});
        return st.out;
    }
};

// A window of the sentence that shows the trigger: starts a third of the width before it, on a word
// boundary, with a leading "…" when the sentence start is cut.
std::string excerpt(std::string_view sentence, const Squashed& sq, std::size_t trigger_at, std::size_t w) {
    const std::string& s = sq.text;
    if (sq.width <= w || trigger_at >= sentence.size()) return fit(head(s, w + 1), w, false);
    // trigger position in the squashed text: approximate by the squashed prefix length
    std::size_t pos = sq.squashed_before(sentence, trigger_at);
    std::size_t lead = w / 3;
    std::size_t prefix_width = 0;  // code points before pos, counted up to lead + 1
    for (std::size_t i = pos; i > 0 && prefix_width <= lead; --i)
        if (!continuation(static_cast<unsigned char>(s[i - 1]))) ++prefix_width;
    if (prefix_width <= lead) return fit(head(s, w + 1), w, false);
    std::size_t start = pos;
    std::size_t n = 0;
    while (start > 0 && n < lead) {
        --start;
        while (start > 0 && continuation(static_cast<unsigned char>(s[start]))) --start;
        ++n;
    }
    while (start < pos && s[start] != ' ') ++start;
    std::string_view rest = std::string_view(s).substr(start + (start < s.size() && s[start] == ' ' ? 1 : 0));
    return fit("…" + std::string(head(rest, w + 1)), w, false);
}

const char* color_of(Relation r) {
    switch (r) {
        case Relation::On: return "\033[32m";
        case Relation::Before: return "\033[33m";
        case Relation::After: return "\033[35m";
        case Relation::Includes: return "\033[34m";
        case Relation::Unknown: break;
    }
    return "\033[90m";
}

}  // namespace

std::string to_table(const Timeline& t, const ExportOptions& o) {
    const std::string reset = o.color ? "\033[0m" : "", bold = o.color ? "\033[1m" : "",
                      dim = o.color ? "\033[2m" : "", cyan = o.color ? "\033[36m" : "";
    std::string out;
    std::string dct = t.annotation.dct ? to_string(*t.annotation.dct) + " (" +
                                             std::string(to_string(t.annotation.dct_source)) + ")"
                                       : "none";
    out += fmt::format("{}{}{} · DCT {} · {} {}\n", bold, squash(o.source_name), reset, dct, t.entries.size(),
                       t.entries.size() == 1 ? "entry" : "entries");
    if (t.entries.empty()) return out;

    std::size_t total = std::size_t(std::max(o.width, 40));
    std::size_t wdate = 4, wrel = 8;
    std::size_t longest_event = 5;
    for (auto& e : t.entries) {
        wdate = std::max(wdate, width(e.value.empty() ? "?" : e.value));
        longest_event = std::max(longest_event, width(squash(e.text)));
    }
    wdate = std::min<std::size_t>(wdate, 21);  // a day range "2024-01-15/2024-01-17" fits
    const std::size_t gaps = 3 * 2;
    std::size_t rest = total > wdate + wrel + gaps ? total - wdate - wrel - gaps : 20;
    std::size_t wevent = std::min(longest_event, std::max<std::size_t>(20, rest * 60 / 100));
    std::size_t wexcerpt = rest > wevent ? rest - wevent : 0;
    bool show_excerpt = wexcerpt >= 12;
    if (!show_excerpt) wevent = rest;

    auto row = [&](const std::string& d, const std::string& r, const std::string& ev, const std::string& ex,
                   const std::string& dcolor, const std::string& rcolor, const std::string& excolor) {
        std::string line = dcolor + fit(d, wdate, true) + reset + "  " + rcolor + fit(r, wrel, true) + reset + "  ";
        line += show_excerpt ? fit_event(ev, wevent) : fit(ev, wevent, false);
        if (show_excerpt) line += "  " + excolor + fit(ex, wexcerpt, false) + reset;
        while (!line.empty() && line.back() == ' ') line.pop_back();
        return line + "\n";
    };
    out += row("DATE", "RELATION", "EVENT", "EXCERPT", bold, bold, bold);
    std::vector<std::unique_ptr<Squashed>> squashed(t.sentences.size() + 1);  // per sentence, when shown
    for (auto& e : t.entries) {
        std::string_view sentence;
        std::size_t si = t.sentences.size();  // the empty sentence
        if (e.sentence < t.sentences.size()) {
            auto& s = t.sentences[e.sentence];
            sentence = std::string_view(t.source).substr(s.begin, s.end - s.begin);
            si = e.sentence;
        }
        if (show_excerpt && !squashed[si]) squashed[si] = std::make_unique<Squashed>(sentence);
        std::size_t at = e.sentence < t.sentences.size() && e.event.begin >= t.sentences[e.sentence].begin
                             ? e.event.begin - t.sentences[e.sentence].begin
                             : 0;
        std::string rel(to_string(e.relation));
        out += row(e.value.empty() ? "?" : e.value, rel, squash(e.text),
                   show_excerpt ? excerpt(sentence, *squashed[si], at, wexcerpt) : std::string(),
                   o.color ? (e.dated ? cyan : dim) : "", o.color ? color_of(e.relation) : "", dim);
    }
    return out;
}

}  // namespace dateline
