// UTF-8 validation and sentence segmentation.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "dateline/document.hpp"
#include "document/segment_internal.hpp"
#include "core/unicode_space.hpp"
#include "core/word_table.hpp"
#include "dateline/error.hpp"

namespace dateline {

namespace {

// "invalid UTF-8 at byte offset 19 (bytes C3 28)": the offset and the bytes of the bad sequence.
[[noreturn]] void invalid_utf8(const unsigned char* s, std::size_t n, std::size_t i, std::size_t len) {
    std::string bytes;
    for (std::size_t k = i; k < std::min(n, i + std::max<std::size_t>(len, 1)); ++k)
        bytes += fmt::format("{}{:02X}", bytes.empty() ? "" : " ", s[k]);
    throw InputError(fmt::format("invalid UTF-8 at byte offset {} (byte{} {})", i, bytes.size() > 2 ? "s" : "", bytes));
}

}  // namespace

void validate_text(std::string_view t) {
    const auto* s = reinterpret_cast<const unsigned char*>(t.data());
    std::size_t n = t.size(), i = 0;
    // Binary data (an image, an archive) almost always has a NUL byte near the start: say so,
    // rather than pointing at its first non-UTF-8 byte.
    if (const void* nul = std::memchr(s, 0, std::min<std::size_t>(n, 8192)))
        throw InputError(fmt::format("binary input, not text: NUL byte at offset {}",
                                     static_cast<const unsigned char*>(nul) - s));
    while (i < n) {
        // ASCII without NUL, sixteen bytes at a time (a byte >= 0x80 sets its top bit), then eight.
#if defined(__SSE2__)
        // 64 bytes at a time: a byte >= 0x80 shows in their OR, a zero byte in their minimum.
        while (i + 64 <= n) {
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 16));
            const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 32));
            const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 48));
            const __m128i any = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
            const __m128i least = _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));
            if (_mm_movemask_epi8(_mm_or_si128(any, _mm_cmpeq_epi8(least, _mm_setzero_si128()))) != 0) break;
            i += 64;
        }
        while (i + 16 <= n) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
            if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128()))) != 0) break;
            i += 16;
        }
#endif
        while (i + 8 <= n) {
            std::uint64_t v;
            std::memcpy(&v, s + i, 8);
            constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
            if (((v | ((v - ones) & ~v)) & highs) != 0) break;  // a byte >= 0x80, or a zero byte
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) throw InputError(fmt::format("binary input, not text: NUL byte at offset {}", i));
            ++i;
            continue;
        }
        std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > n) invalid_utf8(s, n, i, len == 0 ? 1 : n - i);
        std::uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) invalid_utf8(s, n, i, k + 1);
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            invalid_utf8(s, n, i, len);
        i += len;
    }
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string lower_ascii(std::string_view w) {
    std::string lower(w);
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

template <std::size_t N>
detail::WordTable<bool> word_set(const std::string_view (&words)[N]) {
    detail::WordTable<bool> t;
    for (auto w : words) t.set(w, true);
    return t;
}

// Titles and name parts: a period after them never ends a sentence ("Dr. Smith", "Gov. Abbott").
constexpr std::string_view kTitles[] = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
    "st", "jr", "sr", "rev", "hon", "pres", "supt", "messrs", "mme", "mlle", "mt", "ft", "no", "vs", "nos",
    "fig", "vol", "pp", "art", "sec", "ch", "approx", "dept", "gens", "sens", "reps", "amb", "maj", "pvt"};

bool is_title(std::string_view lower) {
    static const auto titles = word_set(kTitles);
    return titles.contains(lower);
}

// Words whose trailing period does not by itself end a sentence.
bool is_abbreviation(std::string_view w) {
    static constexpr std::string_view words[] = {
        "co", "corp", "inc", "ltd", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ave",
        "blvd", "rd", "est", "calif", "fla", "mass", "ariz", "conn", "ill", "penn", "wash", "tex", "bros",
        "univ", "assn", "govt", "intl", "natl", "min", "max", "sq", "km", "cm", "mm", "kg", "lb", "lbs", "oz"};
    static const auto abbrev = word_set(words);
    // The shapes of the words of both lists: most words before a period ("said.", "year.") are in
    // neither, and fail this test without a table lookup.
    static const detail::WordShapes shapes = [] {
        detail::WordShapes s;
        for (auto x : words) s.add(x);
        for (auto x : kTitles) s.add(x);
        return s;
    }();
    // Lowercased in a fixed buffer: no word of the two lists is longer than it.
    char buf[16];
    if (w.size() <= sizeof buf && shapes.may_contain(w)) {
        for (std::size_t k = 0; k < w.size(); ++k) buf[k] = detail::ascii::to_lower(w[k]);
        std::string_view lower(buf, w.size());
        if (abbrev.contains(lower) || is_title(lower)) return true;
    }
    // Single letters and dotted initialisms: "J.", "U.S.", "a.m."
    if (w.size() == 1 && std::isalpha(static_cast<unsigned char>(w[0]))) return true;
    return w.find('.') != std::string_view::npos;
}

// Capitalized words that open sentences but rarely follow an abbreviation inside a name:
// after "in the U.S." a following "The" starts a new sentence, "Border" does not.
bool is_sentence_opener(std::string_view lower) {
    static const std::unordered_set<std::string_view> openers = {
        "the", "a", "an", "in", "on", "at", "it", "its", "he", "she", "they", "we", "i", "you", "this", "that",
        "these", "those", "there", "but", "and", "or", "so", "yet", "however", "meanwhile", "after", "before",
        "when", "while", "if", "as", "his", "her", "their", "our", "my", "some", "many", "most", "no", "not",
        "for", "with", "by", "from", "to", "of", "last", "next", "earlier", "later", "since", "although",
        "though", "because", "what", "who", "which", "where", "why", "how", "one", "two", "three", "all",
        "both", "each", "every", "other", "officials", "police", "authorities"};
    return openers.count(lower) > 0;
}

// The word starting at i (after opening quotes/brackets), lowercased.
std::string next_word(std::string_view t, std::size_t i) {
    while (i < t.size() && (t[i] == '"' || t[i] == '\'' || t[i] == '(' || t[i] == '[')) ++i;
    std::size_t b = i;
    while (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i]))) ++i;
    return lower_ascii(t.substr(b, i - b));
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

// A dash that separates a dateline from the story: "–", "—", "--" or " - ". Returns its length.
std::size_t dash_at(std::string_view t, std::size_t i) {
    if (i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(t[i + 2]) == 0x93 || static_cast<unsigned char>(t[i + 2]) == 0x94))
        return 3;
    if (i + 1 < t.size() && t[i] == '-' && t[i + 1] == '-') return 2;
    if (t[i] == '-' && i > 0 && t[i - 1] == ' ' && i + 1 < t.size() && t[i + 1] == ' ') return 1;
    return 0;
}

// Length of a dateline opening the paragraph p ("Washington (AFP) – ", "WASHINGTON, Jan. 19 (Reuters) —
// ", "KYIV, Ukraine — "), dash and following spaces included; 0 when there is none. A dateline is
// a place (all capitals, or followed by a news agency in parentheses), optionally a date, then a dash,
// then the story starting with a capital.
std::size_t dateline_length(std::string_view p, std::size_t& head_end) {
    std::size_t limit = std::min<std::size_t>(p.size(), 90);
    // No dateline runs past the first line break.
    if (limit > 1)
        if (const void* nl = std::memchr(p.data() + 1, '\n', limit - 1))
            limit = std::size_t(static_cast<const char*>(nl) - p.data());
    for (std::size_t i = 1; i < limit; ++i) {
        // Only a '-' or the lead byte of "–"/"—" can start a dash: skip to the nearer of the two.
        const void* hy = std::memchr(p.data() + i, '-', limit - i);
        const void* lead = std::memchr(p.data() + i, 0xE2, limit - i);
        std::size_t ih = hy ? std::size_t(static_cast<const char*>(hy) - p.data()) : limit;
        std::size_t il = lead ? std::size_t(static_cast<const char*>(lead) - p.data()) : limit;
        i = std::min(ih, il);
        if (i >= limit) break;
        std::size_t d = dash_at(p, i);
        if (!d) continue;
        std::string_view head = p.substr(0, i);
        while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
        if (head.empty()) return 0;
        bool agency = head.back() == ')' && head.find('(') != std::string_view::npos;
        std::size_t w = 0;
        while (w < head.size() && std::isalpha(static_cast<unsigned char>(head[w]))) ++w;
        bool caps_place = w >= 3;
        for (std::size_t k = 0; k < w && caps_place; ++k)
            if (!std::isupper(static_cast<unsigned char>(head[k]))) caps_place = false;
        if (!std::isupper(static_cast<unsigned char>(p[0])) || !(agency || caps_place)) return 0;
        std::size_t e = i + d;
        while (e < p.size() && p[e] == ' ') ++e;
        if (e >= p.size() || !starts_sentence(p, e)) return 0;
        head_end = head.size();
        return e;
    }
    return 0;
}

bool ends_with_final_punctuation(std::string_view s) {
    while (!s.empty()) {
        unsigned char c = static_cast<unsigned char>(s.back());
        if (c == '"' || c == '\'' || c == ')') {
            s.remove_suffix(1);
            continue;
        }
        if (s.size() >= 3 && static_cast<unsigned char>(s[s.size() - 3]) == 0xE2 &&
            static_cast<unsigned char>(s[s.size() - 2]) == 0x80 &&
            (c == 0x9D || c == 0x99)) {  // ” ’
            s.remove_suffix(3);
            continue;
        }
        return c == '.' || c == '!' || c == '?' || (s.size() >= 3 && c == 0xA6);  // … ends in 0xA6
    }
    return false;
}

std::size_t count_words(std::string_view s) {
    std::size_t n = 0;
    bool in = false;
    for (char c : s) {
        bool sp = is_space(c);
        if (!sp && !in) ++n;
        in = !sp;
    }
    return n;
}

// The bytes at which segment_paragraph has something to decide.
constexpr auto kSegmentStop = [] {
    std::array<bool, 256> a{};
    a['\n'] = a['.'] = a['!'] = a['?'] = true;
    return a;
}();

// The offset of the first byte in [i, e) where segment_paragraph has something to decide, or e.
// Eight bytes at a time: a byte equal to x makes (w ^ x...x) have a zero byte.
std::size_t next_stop(const unsigned char* u, std::size_t i, std::size_t e) {
#if defined(__SSE2__)
    // Sixteen bytes at a time: four byte compares and one mask.
    const __m128i nl = _mm_set1_epi8('\n'), dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'),
                  qm = _mm_set1_epi8('?');
    while (i + 16 <= e) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(u + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, dot)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, qm)));
        if (int mask = _mm_movemask_epi8(hit)) return i + std::size_t(__builtin_ctz(unsigned(mask)));
        i += 16;
    }
#endif
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    while (i + 8 <= e) {
        std::uint64_t v;
        std::memcpy(&v, u + i, 8);
        if (has_zero(v ^ (ones * '\n')) | has_zero(v ^ (ones * '.')) | has_zero(v ^ (ones * '!')) |
            has_zero(v ^ (ones * '?')))
            break;
        i += 8;
    }
    while (i < e && !kSegmentStop[u[i]]) ++i;
    return i;
}

// Sentences of one paragraph [pb, pe) of t, appended to out.
void segment_paragraph(std::string_view t, std::size_t pb, std::size_t pe, std::size_t paragraph,
                       bool last_paragraph, std::vector<Sentence>& out) {
    std::size_t first = out.size();
    auto emit = [&](std::size_t b, std::size_t e, bool header) {
        for (;;) {  // leading spaces, no-break spaces included
            if (b < e && is_space(t[b])) ++b;
            else if (std::size_t u = b < e ? detail::unicode_space_at(t, b) : 0) b += u;
            else break;
        }
        while (e > b && is_space(t[e - 1])) --e;
        if (e > b) out.push_back({b, e, paragraph, header});
    };
    std::size_t start = pb;
    std::size_t head_end = 0;
    if (std::size_t d = dateline_length(t.substr(pb, pe - pb), head_end)) {
        emit(pb, pb + head_end, true);  // the dateline without its dash
        start = pb + d;
    }
    std::size_t i = start;
    const auto* u = reinterpret_cast<const unsigned char*>(t.data());
    while (i < pe) {
        i = next_stop(u, i, pe);  // only line breaks and . ! ? matter
        if (i >= pe) break;
        char c = t[i];
        if (c == '\n') {
            // A single line break ends a header-like line (short, no trailing comma) or a line whose
            // next line starts a sentence; otherwise it is wrapped text.
            std::size_t j = i + 1;
            while (j < pe && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')) ++j;
            std::size_t line_begin = t.rfind('\n', i == 0 ? 0 : i - 1);
            line_begin = line_begin == std::string_view::npos || line_begin < pb ? pb : line_begin + 1;
            std::size_t k = i;
            while (k > line_begin && is_space(t[k - 1])) --k;
            char last_char = k > line_begin ? t[k - 1] : '.';
            std::string_view line_text = t.substr(line_begin, k - line_begin);
            bool open_clause = last_char == ',' || last_char == ';' || last_char == ':' || last_char == '-';
            bool final_punct = ends_with_final_punctuation(line_text);
            // A header line: short, few words, not ending in a word that needs a continuation, and
            // followed by a line that starts a sentence. Hard-wrapped prose (long lines, or a next line
            // starting in lowercase) is joined.
            std::size_t lw = line_text.rfind(' ');
            std::string last_word = lower_ascii(line_text.substr(lw == std::string_view::npos ? 0 : lw + 1));
            static const std::unordered_set<std::string_view> continuation = {
                "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "by",
                "from", "that", "as", "is", "was", "were", "are", "said", "his", "her", "their", "its"};
            bool header_line = !final_punct && !open_clause && line_text.size() < 60 &&
                               count_words(line_text) <= 10 && !continuation.count(last_word) &&
                               starts_sentence(t, j);
            if (header_line || (!open_clause && starts_sentence(t, j) && final_punct)) {
                std::string_view line = t.substr(start, k - start);
                emit(start, i, !final_punct && count_words(line) <= 20);
                start = i + 1;
            }
            ++i;
            continue;
        }
        if (c == '.' || c == '!' || c == '?') {
            std::size_t e = i + 1;
            while (e < pe && (t[e] == '.' || t[e] == '!' || t[e] == '?')) ++e;
            // Closing quotes and brackets belong to the sentence.
            while (e < pe) {
                if (t[e] == '"' || t[e] == '\'' || t[e] == ')') ++e;
                else if (e + 2 < pe && static_cast<unsigned char>(t[e]) == 0xE2 &&
                         static_cast<unsigned char>(t[e + 1]) == 0x80 &&
                         (static_cast<unsigned char>(t[e + 2]) == 0x9D || static_cast<unsigned char>(t[e + 2]) == 0x99))
                    e += 3;
                else break;
            }
            if (e < pe && !is_space(t[e]) && !detail::unicode_space_at(t, e)) {  // "3.5", "U.S.A", "example.com", "p.m.,"
                i = e;
                continue;
            }
            std::size_t next = e;
            while (next < pe) {  // spaces, tabs and no-break spaces ("Friday.\u00A0The union ...")
                if (t[next] == ' ' || t[next] == '\t') ++next;
                else if (std::size_t u = detail::unicode_space_at(t, next)) next += u;
                else break;
            }
            if (c == '.' && e == i + 1) {
                std::size_t w = i;
                while (w > start && !is_space(t[w - 1]) && t[w - 1] != '(' && t[w - 1] != '"') --w;
                std::string_view word = t.substr(w, i - w);
                if (is_abbreviation(word) && next < pe && t[next] != '\n' && t[next] != '\r') {
                    // After an abbreviation a sentence ends only before a word that usually opens one
                    // ("... in the U.S. The"), never before a name or a number ("U.S. Border Patrol",
                    // "Jan. 19", "Dr. Smith"), and never after a title.
                    if (is_title(lower_ascii(word)) || !starts_sentence(t, next) ||
                        !is_sentence_opener(next_word(t, next))) {
                        i = e;
                        continue;
                    }
                }
            }
            if (next >= pe || t[next] == '\n' || t[next] == '\r' || starts_sentence(t, next)) {
                emit(start, e, false);
                start = e;
            }
            i = e;
            continue;
        }
        ++i;
    }
    // The paragraph's last piece: a header when it is a short line without final punctuation that
    // is followed by more text (a title, a section header, a "Published:" line).
    std::size_t b = start, e = pe;
    while (b < e && is_space(t[b])) ++b;
    while (e > b && is_space(t[e - 1])) --e;
    if (e > b) {
        std::string_view piece = t.substr(b, e - b);
        bool header = !last_paragraph && !ends_with_final_punctuation(piece) && count_words(piece) <= 20;
        emit(b, e, header);
    }
    // A one-line paragraph without final punctuation is a header as a whole ("First change: Jan. 19,
    // 2024 – 9:21 p.m. Last change: ..."), even when a period inside split it.
    if (!last_paragraph && out.size() > first + 1 && t.substr(pb, pe - pb).find('\n') == std::string_view::npos &&
        !ends_with_final_punctuation(t.substr(pb, pe - pb)) && count_words(t.substr(pb, pe - pb)) <= 30)
        for (std::size_t k = first; k < out.size(); ++k) out[k].header = true;
}

}  // namespace

std::vector<Paragraph> paragraphs(std::string_view t) {
    std::vector<Paragraph> out;
    std::size_t n = t.size(), i = 0;
    while (i < n) {
        while (i < n && is_space(t[i])) ++i;
        if (i >= n) break;
        std::size_t b = i, e = n;
        // The paragraph ends at a line break followed by a blank line.
        while (i < n) {
            const void* nl = std::memchr(t.data() + i, '\n', n - i);
            if (!nl) {
                i = n;
                break;
            }
            i = std::size_t(static_cast<const char*>(nl) - t.data());
            std::size_t j = i + 1;
            while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')) ++j;
            if (j >= n || t[j] == '\n') {
                e = i;
                break;
            }
            ++i;
        }
        while (e > b && is_space(t[e - 1])) --e;
        if (e > b) out.push_back({b, e});
    }
    return out;
}

std::vector<Sentence> segment(std::string_view t) {
    std::vector<Sentence> out;
    auto ps = paragraphs(t);
    for (std::size_t k = 0; k < ps.size(); ++k) segment_paragraph(t, ps[k].begin, ps[k].end, k, k + 1 == ps.size(), out);
    return out;
}

std::vector<Sentence> detail::segment_around(std::string_view t, const std::vector<std::size_t>& offsets) {
    std::vector<Sentence> out;
    if (offsets.empty()) return out;
    auto ps = paragraphs(t);
    std::size_t o = 0;
    for (std::size_t k = 0; k < ps.size() && o < offsets.size(); ++k) {
        while (o < offsets.size() && offsets[o] < ps[k].begin) ++o;  // in the space before the paragraph
        if (o < offsets.size() && offsets[o] < ps[k].end) {
            segment_paragraph(t, ps[k].begin, ps[k].end, k, k + 1 == ps.size(), out);
            while (o < offsets.size() && offsets[o] < ps[k].end) ++o;
        }
    }
    return out;
}

}  // namespace dateline
