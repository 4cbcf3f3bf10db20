// UTF-8 validation and sentence segmentation.
#include <array>
#include <cctype>
#include <string>
#include <unordered_set>

#include <fmt/format.h>

#include "dateline/document.hpp"
#include "dateline/error.hpp"

namespace dateline {

void validate_text(std::string_view t) {
    const auto* s = reinterpret_cast<const unsigned char*>(t.data());
    std::size_t n = t.size(), i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) throw InputError(fmt::format("binary input: NUL byte at offset {}", i));
            ++i;
            continue;
        }
        std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > n) throw InputError(fmt::format("invalid UTF-8 at byte offset {}", i));
        std::uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) throw InputError(fmt::format("invalid UTF-8 at byte offset {}", i));
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            throw InputError(fmt::format("invalid UTF-8 at byte offset {}", i));
        i += len;
    }
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Words whose trailing period does not end a sentence.
bool is_abbreviation(std::string_view w) {
    static const std::unordered_set<std::string_view> abbrev = {
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
        "st", "jr", "sr", "co", "corp", "inc", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
        "fri", "sat", "sun", "ft", "mt", "ave", "blvd", "rd", "dept", "est", "approx", "fig", "vol", "pp",
        "rev", "hon", "pres", "supt", "messrs", "mme", "mlle", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m",
        "p.m", "d.c", "n.y", "l.a", "calif", "fla", "mass", "ariz", "conn", "ill", "penn", "wash", "tex"};
    std::string lower;
    lower.reserve(w.size());
    for (char c : w) lower += char(std::tolower(static_cast<unsigned char>(c)));
    if (abbrev.count(lower)) return true;
    // Single letters and dotted initialisms: "J.", "U.S.", "a.m."
    if (w.size() == 1 && std::isalpha(static_cast<unsigned char>(w[0]))) return true;
    return w.find('.') != std::string_view::npos;
}

// True when the byte at i starts an opening of a new sentence: an uppercase letter, a digit,
// a quote or bracket followed by one, or any non-ASCII letter.
bool starts_sentence(std::string_view t, std::size_t i) {
    while (i < t.size()) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        if (c == '"' || c == '\'' || c == '(' || c == '[') {
            ++i;
            continue;
        }
        if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {  // “ ‘
            i += 3;
            continue;
        }
        return std::isupper(c) || std::isdigit(c) || c >= 0x80;
    }
    return false;
}

}  // namespace

std::vector<Sentence> segment(std::string_view t) {
    std::vector<Sentence> out;
    std::size_t n = t.size(), paragraph = 0, start = 0;
    auto emit = [&](std::size_t b, std::size_t e) {
        while (b < e && is_space(t[b])) ++b;
        while (e > b && is_space(t[e - 1])) --e;
        if (e > b) out.push_back({b, e, paragraph});
    };
    std::size_t i = 0;
    while (i < n) {
        char c = t[i];
        if (c == '\n') {
            // Blank line: paragraph break. Single newline: a break after a header-like line.
            std::size_t j = i + 1;
            while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')) ++j;
            if (j < n && t[j] == '\n') {
                emit(start, i);
                while (j < n && is_space(t[j])) ++j;
                if (!out.empty() && out.back().paragraph == paragraph) ++paragraph;
                start = i = j;
                continue;
            }
            // A single line break ends a header-like line (short, no trailing comma) or a line whose
            // next line starts a sentence; otherwise it is wrapped text.
            std::size_t line_begin = t.rfind('\n', i == 0 ? 0 : i - 1);
            line_begin = line_begin == std::string_view::npos ? 0 : line_begin + 1;
            std::size_t k = i;
            while (k > line_begin && is_space(t[k - 1])) --k;
            char last_char = k > line_begin ? t[k - 1] : '.';
            bool short_line = i - line_begin < 100;
            bool open_clause = last_char == ',' || last_char == ';' || last_char == ':' || last_char == '-';
            if ((short_line && !open_clause) || (!open_clause && starts_sentence(t, j) &&
                                                 (last_char == '.' || last_char == '!' || last_char == '?' ||
                                                  last_char == '"'))) {
                emit(start, i);
                start = i + 1;
            }
            ++i;
            continue;
        }
        if (c == '.' || c == '!' || c == '?') {
            std::size_t e = i + 1;
            while (e < n && (t[e] == '.' || t[e] == '!' || t[e] == '?')) ++e;
            // Closing quotes and brackets belong to the sentence.
            while (e < n) {
                if (t[e] == '"' || t[e] == '\'' || t[e] == ')') ++e;
                else if (e + 2 < n && static_cast<unsigned char>(t[e]) == 0xE2 &&
                         static_cast<unsigned char>(t[e + 1]) == 0x80 &&
                         (static_cast<unsigned char>(t[e + 2]) == 0x9D || static_cast<unsigned char>(t[e + 2]) == 0x99))
                    e += 3;
                else break;
            }
            if (e < n && !is_space(t[e])) {  // "3.5", "U.S.A", "example.com"
                i = e;
                continue;
            }
            if (c == '.') {
                std::size_t w = i;
                while (w > start && !is_space(t[w - 1]) && t[w - 1] != '(' && t[w - 1] != '"') --w;
                std::string_view word = t.substr(w, i - w);
                std::size_t next = e;
                while (next < n && t[next] == ' ') ++next;
                if (is_abbreviation(word) && !(next < n && t[next] == '\n')) {
                    // An abbreviation ends a sentence only before a clear new start ("... in the U.S. The")
                    // that is not a name or number ("Jan. 19", "Dr. Smith").
                    bool month_or_title = word.size() <= 5 && word.find('.') == std::string_view::npos;
                    if (month_or_title || !starts_sentence(t, next)) {
                        i = e;
                        continue;
                    }
                }
            }
            std::size_t next = e;
            while (next < n && (t[next] == ' ' || t[next] == '\t')) ++next;
            if (next >= n || t[next] == '\n' || t[next] == '\r' || starts_sentence(t, next)) {
                emit(start, e);
                start = e;
            }
            i = e;
            continue;
        }
        ++i;
    }
    emit(start, n);
    return out;
}

}  // namespace dateline
