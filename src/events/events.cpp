// Event detection: tokenize a sentence, tag closed-class words, then find verb groups and event
// nouns with the lexicon and a few context rules (what precedes a word decides noun or verb).
// One left-to-right pass per sentence with hash lookups.
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <cctype>
#include <deque>
#include <memory>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "core/unicode_space.hpp"
#include "core/word_table.hpp"
#include "events/analysis.hpp"
#include "events/lexicon.hpp"
#include "resolve/tense.hpp"

namespace dateline::events {
namespace {

namespace ascii = detail::ascii;

// The closed-class words, and which first letters they have at each length (a quick "no" for names).
// a[0, n) == b[0, n) without a call (for short words).
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
    using detail::load_u64, detail::load_u32;
    if (n >= 8) {
        const char* a_last = a + n - 8;
        const char* b_last = b + n - 8;
        for (; a < a_last; a += 8, b += 8)
            if (load_u64(a) != load_u64(b)) return false;
        return load_u64(a_last) == load_u64(b_last);
    }
    if (n >= 4) return load_u32(a) == load_u32(b) && load_u32(a + n - 4) == load_u32(b + n - 4);
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// The closed-class words: a hash table, and the same words in buckets by length and first letter,
// which answer for most words with a compare or two and no hash.
struct ClosedClass {
    detail::WordTable<Tag> table;
    struct Entry {
        std::string_view word;
        Tag tag;
    };
    std::vector<std::string_view> noted;  // the words set, in order (repeats included)
    std::vector<Entry> entries;           // by bucket
    struct Bucket {
        std::uint16_t begin = 0, count = 0;
    };
    Bucket buckets[16][27] = {};  // [length][first letter, or 26 for another first byte]

    static std::size_t bucket_of(char c) { return ascii::is_alpha(c) ? std::size_t(ascii::to_lower(c) - 'a') : 26; }
    void note(std::string_view w) { noted.push_back(w); }
    // Fills the buckets from the table (the last tag set for a word wins, as in the table).
    // (A word set twice is in its bucket twice, with the same tag: the table's.)
    void finish() {
        for (auto w : noted)
            if (!w.empty() && w.size() < 16) ++buckets[w.size()][bucket_of(w[0])].count;
        std::uint16_t at = 0;
        for (auto& by_letter : buckets)
            for (auto& b : by_letter) {
                b.begin = at;
                at = std::uint16_t(at + b.count);
                b.count = 0;
            }
        entries.resize(at);
        for (auto w : noted) {
            if (w.empty() || w.size() >= 16) continue;  // found through the table
            Bucket& b = buckets[w.size()][bucket_of(w[0])];
            entries[std::size_t(b.begin) + b.count++] = {w, *table.find(w)};
        }
    }
    // The words of at most 16 bytes again (all of them), keyed by their bytes read as two numbers
    // (the bytes after the word masked off) and their length: a multiply, a probe and a compare.
    struct ShortSlot {
        std::uint64_t key = 0, key2 = 0;
        std::uint32_t len = 0;  // 0: an empty slot
        Tag tag = Tag::Word;
    };
    static constexpr unsigned kShortBits = 10;  // 1024 slots for ~180 words: short probes
    ShortSlot short_slots[std::size_t(1) << kShortBits] = {};
    // The bytes [8 * part, 8 * part + 8) of a word of n bytes (1 <= n <= 16) as a number, those after
    // the word masked off (by table: no branch); 16 bytes from the word's start may be read.
    static constexpr auto kKeyMask = [] {
        std::array<std::array<std::uint64_t, 2>, 17> m{};
        for (std::size_t n = 0; n <= 16; ++n)
            for (std::size_t part = 0; part < 2; ++part) {
                const std::size_t bytes = n > 8 * part ? std::min<std::size_t>(n - 8 * part, 8) : 0;
                m[n][part] = bytes == 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * bytes)) - 1;
            }
        return m;
    }();
    static std::uint64_t short_key(const char* p, std::size_t n, std::size_t part = 0) {
        std::uint64_t v;
        std::memcpy(&v, p + 8 * part, 8);
        return v & kKeyMask[n][part];
    }
    static std::uint64_t short_mix(std::uint64_t key, std::uint64_t key2, std::size_t n) {
        return (key + key2 * 0xbf58476d1ce4e5b9ull + n) * 0x9E3779B97F4A7C15ull;
    }
    void finish_short() {
        for (auto w : noted) {
            if (w.empty() || w.size() > 16) continue;  // found through find() (none so long)
            char buf[16] = {};
            w.copy(buf, w.size());
            const std::uint64_t key = short_key(buf, w.size()), key2 = short_key(buf, w.size(), 1);
            std::size_t i = std::size_t(short_mix(key, key2, w.size()) >> (64 - kShortBits));
            while (short_slots[i].len &&
                   !(short_slots[i].key == key && short_slots[i].key2 == key2 && short_slots[i].len == w.size()))
                i = (i + 1) & ((std::size_t(1) << kShortBits) - 1);
            short_slots[i] = {key, key2, std::uint32_t(w.size()), *table.find(w)};
        }
    }
    // find() for a token's word: 16 bytes from its start may be read (the analysis' buffer has spare
    // bytes at its end).
    // A token's word as the lookups key it: its bytes as two numbers and their mix, or for a word of
    // more than 16 bytes its word_hash().
    struct Key {
        std::uint64_t k, k2, h;
        bool short_word;
    };
    [[gnu::always_inline]] static Key key_of(std::string_view w) {
        const std::size_t n = w.size();
        if (n - 1 >= 16) [[unlikely]] {
            const std::uint64_t h = detail::word_hash(w);
            return {h, 0, h, false};
        }
        const std::uint64_t k = short_key(w.data(), n), k2 = short_key(w.data(), n, 1);
        return {k, k2, short_mix(k, k2, n), true};
    }
    [[gnu::always_inline]] const Tag* find_padded(std::string_view lower) const {
        return find_padded(lower, key_of(lower));
    }
    [[gnu::always_inline]] const Tag* find_padded(std::string_view lower, const Key& key) const {
        const std::size_t n = lower.size();
        if (!key.short_word) [[unlikely]]
            return find(lower);
        for (std::size_t i = std::size_t(key.h >> (64 - kShortBits));; i = (i + 1) & ((std::size_t(1) << kShortBits) - 1)) {
            const ShortSlot& s = short_slots[i];
            if (s.key == key.k && s.key2 == key.k2 && s.len == n) return &s.tag;
            if (!s.len) return nullptr;
        }
    }
    // The tag of `lower` (a lowercase word) when it is a closed-class word.
    const Tag* find(std::string_view lower) const {
        if (lower.empty() || lower.size() >= 16) return table.find(lower);
        const Bucket& b = buckets[lower.size()][bucket_of(lower[0])];
        for (std::size_t k = b.begin; k < std::size_t(b.begin) + b.count; ++k)
            if (same_bytes(entries[k].word.data(), lower.data(), lower.size())) return &entries[k].tag;
        return nullptr;
    }
};

// A table filled like a map (`t[w] = tag`: the last assignment of a word wins).
struct TagTable {
    ClosedClass c;
    struct Ref {
        ClosedClass& c;
        std::string_view key;
        void operator=(Tag tag) {
            c.table.set(key, tag);
            c.note(key);
        }
    };
    Ref operator[](std::string_view key) { return {c, key}; }
};

const ClosedClass& closed_class_filter() {
    static const ClosedClass m = [] {
        TagTable t;
        for (auto w : {"the", "a", "an", "this", "these", "those", "some", "any", "no", "every", "each", "another",
                       "such", "all", "both", "either", "neither", "several", "many", "few", "most", "more", "much",
                       "other", "whose"})
            t[w] = Tag::Det;
        t["whose"] = Tag::Rel;
        for (auto w : {"his", "her", "its", "their", "our", "my", "your", "'s"}) t[w] = Tag::Possessive;
        for (auto w : {"he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me", "there"})
            t[w] = Tag::Pronoun;
        for (auto w : {"in", "on", "at", "during", "since", "after", "before", "until", "till", "by", "from", "with",
                       "of", "for", "into", "onto", "over", "under", "about", "against", "between", "among",
                       "through", "throughout", "within", "without", "across", "toward", "towards", "following",
                       "upon", "amid", "despite", "near", "than", "via", "per", "like", "ahead", "prior", "around",
                       "behind", "beyond", "along", "inside", "outside", "except", "including"})
            t[w] = Tag::Prep;
        t["to"] = Tag::To;
        for (auto w : {"be", "is", "are", "am", "was", "were", "been", "being", "'re", "'m"}) t[w] = Tag::Be;
        for (auto w : {"have", "has", "had", "having", "'ve"}) t[w] = Tag::Have;
        for (auto w : {"do", "does", "did"}) t[w] = Tag::Do;
        for (auto w : {"will", "would", "could", "can", "may", "might", "should", "must", "shall", "'ll", "'d",
                       "cannot", "wo", "ca", "sha"})
            t[w] = Tag::Modal;
        for (auto w : {"not", "never", "n't"}) t[w] = Tag::Neg;
        for (auto w : {"also", "already", "just", "still", "even", "only", "again", "soon", "then", "now", "yet",
                       "ever", "reportedly", "allegedly", "further", "jointly", "together", "finally", "later",
                       "earlier", "recently", "currently", "once", "first", "subsequently", "immediately"})
            t[w] = Tag::Adverb;
        for (auto w : {"and", "or", "but", "nor", "plus"}) t[w] = Tag::Conj;
        for (auto w : {"while", "because", "although", "though", "if", "unless", "whereas", "when", "whether",
                       "as", "so", "once", "whenever", "wherever"})
            t[w] = Tag::Subord;
        t["once"] = Tag::Adverb;
        for (auto w : {"which", "who", "whom", "where", "what", "why", "how"}) t[w] = Tag::Rel;
        t.c.finish();
        t.c.finish_short();
        return std::move(t.c);
    }();
    return m;
}

const detail::WordTable<Tag>& closed_class() { return closed_class_filter().table; }

// Number words, which count the noun after them ("two suspects", "three plans"); a past form after one
// stays a verb ("the two met on Friday").
bool counts_what_follows(std::string_view lower) {
    static constexpr std::string_view words[] = {"two", "three", "four", "five", "six", "seven", "eight", "nine",
                                                 "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
                                                 "hundred", "thousand", "million", "billion", "dozen"};
    // Their first letters: a quick "no" for most words, before the compares.
    constexpr std::uint32_t kFirst = [] {
        std::uint32_t m = 0;
        for (std::string_view w : words) m |= 1u << (w[0] - 'a');
        return m;
    }();
    if (lower.size() < 3 || lower.size() > 8 || !(kFirst >> ((lower[0] - 'a') & 31) & 1)) return false;
    for (std::string_view w : words)
        if (w == lower) return true;
    return false;
}

// The words that may end an event noun of several words ("conference", "conferences"), by first
// letter and length: a quick "no" for a capitalized word, which is not looked up in the lexicon.
struct MultiNounFilter {
    std::uint32_t first_letters[16] = {};
    bool long_words = false;
    void note(std::string_view w) {
        if (w.empty()) return;
        if (w.size() >= 16) long_words = true;
        else if (ascii::is_alpha(w[0])) first_letters[w.size()] |= 1u << (ascii::to_lower(w[0]) - 'a');
        else first_letters[w.size()] = ~0u;
    }
    bool may_hold(std::string_view lower) const {
        if (lower.size() >= 16) return long_words;
        return first_letters[lower.size()] >> ((lower[0] - 'a') & 31) & 1;
    }
};

const MultiNounFilter& multi_noun_filter() {
    static const MultiNounFilter f = [] {
        MultiNounFilter f;
        // Every form Lexicon::for_each_noun_ending() maps to a last word L: L, L+"s", L+"es", and
        // "...ies" for an L ending in "y".
        for (const NounEntry* e = tables::noun_entries; e != tables::noun_entries + tables::noun_entry_count; ++e) {
            if (e->words.size() < 2) continue;
            std::string l(e->words.back());
            f.note(l);
            f.note(l + "s");
            f.note(l + "es");
            if (l.back() == 'y') f.note(l.substr(0, l.size() - 1) + "ies");
        }
        return f;
    }();
    return f;
}



// w is the literal word: the length is a constant, so the byte compare is inlined (the hot loops
// compare most tokens with a few words).
template <std::size_t N>
inline bool is(std::string_view w, const char (&lit)[N]) {
    return w.size() == N - 1 && std::memcmp(w.data(), lit, N - 1) == 0;
}

// Sets a string field of a new event (empty until then): an append, cheaper than an assignment.
inline void put(std::string& field, std::string_view v) {
    if (!v.empty()) field.append(v.data(), v.size());  // (most modalities are empty: no call)
}

// w (at least two bytes long) ends in the two letters a b: "ly", "ed".
inline bool ends_with2(std::string_view w, char a, char b) { return w[w.size() - 2] == a && w.back() == b; }

bool is_word_byte(unsigned char c) { return ascii::is_alnum(char(c)) || c >= 0x80; }

// The lowercase of an ASCII letter or digit, 0 for any other byte: one load per byte in the
// tokenizer's word loop.
constexpr auto kAlnumLower = [] {
    std::array<char, 256> a{};
    for (int c = '0'; c <= '9'; ++c) a[std::size_t(c)] = char(c);
    for (int c = 'a'; c <= 'z'; ++c) a[std::size_t(c)] = char(c);
    for (int c = 'A'; c <= 'Z'; ++c) a[std::size_t(c)] = char(c - 'A' + 'a');
    return a;
}();

static_assert(std::endian::native == std::endian::little, "the tokenizer reads words 8 bytes at a time");

// The number of ASCII letters and digits at the start of the 8 bytes in v (loaded little-endian:
// the first byte is the lowest), by SWAR range checks on all bytes at once.
inline std::uint64_t alnum_run(std::uint64_t v) {
    constexpr std::uint64_t k01 = 0x0101010101010101ull, k80 = 0x8080808080808080ull;
    const std::uint64_t high = v & k80;  // bytes >= 0x80 are no ASCII letters or digits
    const std::uint64_t v7 = v & ~k80;
    // Per byte b < 0x80: bit 7 of b + (0x80 - lo) is set iff b >= lo; of b + (0x7f - hi) iff b > hi.
    auto in_range = [&](std::uint64_t x, unsigned lo, unsigned hi) {
        return ((x + k01 * (0x80 - lo)) & ~(x + k01 * (0x7f - hi))) & k80;
    };
    const std::uint64_t letter = in_range(v7 | (k01 * 0x20), 'a', 'z');
    const std::uint64_t digit = in_range(v7, '0', '9');
    const std::uint64_t other = (~(letter | digit) & k80) | high;
    return std::uint64_t(std::countr_zero(other)) >> 3;  // 64 >> 3 = 8 when all are
}

// The lowercase of the letters and digits in v (other bytes come out changed: only the run that
// alnum_run() counts is used).
inline std::uint64_t lower_alnum(std::uint64_t v) { return v | 0x2020202020202020ull; }

// Punctuation encoded as E2 80 xx (dashes, curly quotes, ellipsis) at i: its length and kind.
// Returns 0 when there is none.
std::size_t unicode_punct(std::string_view t, std::size_t i, Tag& tag) {
    if (i + 2 < t.size() + 0 && static_cast<unsigned char>(t[i]) == 0xE2 && static_cast<unsigned char>(t[i + 1]) == 0x80) {
        unsigned char c = static_cast<unsigned char>(t[i + 2]);
        if (c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D || c == 0x9E) tag = Tag::Quote;
        else tag = Tag::Punct;
        return 3;
    }
    if (i + 1 < t.size() && static_cast<unsigned char>(t[i]) == 0xC2 &&
        (static_cast<unsigned char>(t[i + 1]) == 0xAB || static_cast<unsigned char>(t[i + 1]) == 0xBB)) {
        tag = Tag::Quote;  // « »
        return 2;
    }
    return 0;
}

bool is_apostrophe(std::string_view t, std::size_t i, std::size_t& len) {
    if (t[i] == '\'') {
        len = 1;
        return true;
    }
    if (i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
        static_cast<unsigned char>(t[i + 2]) == 0x99) {
        len = 3;
        return true;
    }
    return false;
}

// Writes the lowercase form of `w` (ASCII letters lowered, ’ as ') to `out`; returns its length.
std::size_t lower_into(std::string_view w, char* out) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        std::size_t alen = 0;
        if (static_cast<unsigned char>(w[i]) >= 0x80 || w[i] == '\'') {
            if (is_apostrophe(w, i, alen)) {
                out[n++] = '\'';
                i += alen - 1;
                continue;
            }
        }
        out[n++] = ascii::to_lower(w[i]);
    }
    return n;
}

// Tokens of one sentence; their lowercase words go to `buffer` (never longer than the sentence).
struct Tokenizer {
    std::string_view t;
    std::vector<Token>& out;
    char* buffer;
    std::size_t used = 0;

    std::string_view lower(std::size_t b, std::size_t e) {
        std::size_t n = lower_into(t.substr(b, e - b), buffer + used);
        std::string_view v(buffer + used, n);
        used += n;
        return v;
    }
    // The bytes [b, b + n) of the text, copied to the buffer (punctuation: every token's word is in the
    // buffer, whose spare bytes let a lookup read 8 bytes from a word's start).
    std::string_view copy(std::size_t b, std::size_t n) {
        char* p = buffer + used;
        std::memcpy(p, t.data() + b, n);
        used += n;
        return {p, n};
    }
    void push_word(std::size_t b, std::size_t e) {
        Token& tok = out.emplace_back();
        tok.begin = b;
        tok.end = e;
        tok.lower = lower(b, e);
        tok.capital = ascii::is_upper(t[b]);
    }
};

// Splits text [b, e) into tokens; contractions become two tokens ("didn't" -> "did" "n't", "it's" ->
// "it" "'s").
void tokenize(std::string_view t, std::size_t b, std::size_t e, std::vector<Token>& out, char* buffer) {
    out.clear();
    Tokenizer tz{t, out, buffer};
    std::size_t i = b;
    while (i < e) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        // A letter or digit (most tokens start with one) starts a word: none of the tests below.
        if (!kAlnumLower[c]) {
            if (ascii::is_space(char(c))) {
                ++i;
                continue;
            }
            if (c == 0xC2 || c == 0xE2)
                if (std::size_t sl = detail::unicode_space_at(t, i)) {
                    i += sl;
                    continue;
                }
            Tag ptag = Tag::Punct;
            if (std::size_t len = c == 0xE2 || c == 0xC2 ? unicode_punct(t, i, ptag) : 0) {
                // ’ between letters is an apostrophe inside a word; handled below.
                bool inner = ptag == Tag::Quote && static_cast<unsigned char>(t[i + 2]) == 0x99 && i > b &&
                             is_word_byte(static_cast<unsigned char>(t[i - 1])) && i + 3 < e &&
                             ascii::is_alpha(t[i + 3]);
                if (!inner) {
                    Token& tok = out.emplace_back();
                    tok.begin = i;
                    tok.end = i + len;
                    tok.lower = tz.copy(i, len);
                    tok.tag = ptag;
                    i += len;
                    continue;
                }
            }
            if (!is_word_byte(c)) {
                Token& tok = out.emplace_back();
                tok.begin = i;
                tok.end = i + 1;
                tok.lower = tz.copy(i, 1);
                // "%" and "$" belong to an amount ("fell 3.5% to $12.50 in December"): no clause ends there.
                tok.tag = c == ',' ? Tag::Comma
                          : (c == '"' || c == '\'') ? Tag::Quote
                          : (c == '%' || c == '$') ? Tag::Number
                                                   : Tag::Punct;
                ++i;
                continue;
            }
        }
        {  // a word
            // The word's lowercase form (as lower_into() writes it) is written as it is scanned, where
            // its token will point; a contraction split rewrites the same bytes part by part.
            std::size_t s = i;
            char* lo = tz.buffer + tz.used;
            std::size_t n = 0;
            bool apostrophe = false;  // an apostrophe was written (no contraction without one)
            while (i < e) {
                {
                    // The run of letters and digits, in locals: the lambdas below take i by reference,
                    // and a store through a char* could otherwise change it.
                    const char* p = t.data();
                    std::size_t j = i, m = n;
#if defined(__SSE2__)
                    // Sixteen bytes at a time while they are all there (a word's run mostly ends in the
                    // first sixteen: one compare of all of them; the buffer is never shorter than the
                    // text it lowers, so the 16-byte store stays inside it).
                    while (j + 16 <= e) {
                        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j));
                        const __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
                        const __m128i bias = _mm_set1_epi8(char(0x80));
                        // Unsigned x - lo < count, as a signed compare of the biased difference.
                        const __m128i letter = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(low, _mm_set1_epi8('a')), bias),
                                                              _mm_set1_epi8(char(-128 + 26)));
                        const __m128i digit = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8('0')), bias),
                                                             _mm_set1_epi8(char(-128 + 10)));
                        const unsigned mask = unsigned(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
                        const std::size_t run = std::size_t(std::countr_zero(~mask));  // 16 when all are
                        _mm_storeu_si128(reinterpret_cast<__m128i*>(lo + m), low);
                        m += run;
                        j += run;
                        if (run < 16) goto run_end;
                    }
#endif
                    // Eight bytes at a time while they are all there (the buffer has 8 spare bytes).
                    while (j + 8 <= e) {
                        std::uint64_t v;
                        std::memcpy(&v, p + j, 8);
                        std::uint64_t run = alnum_run(v);
                        v = lower_alnum(v);
                        std::memcpy(lo + m, &v, 8);
                        m += run;
                        j += run;
                        if (run < 8) goto run_end;
                    }
                    while (j < e) {
                        char l = kAlnumLower[static_cast<unsigned char>(p[j])];
                        if (!l) break;
                        lo[m++] = l;
                        ++j;
                    }
                run_end:
                    i = j;
                    n = m;
                    if (i >= e) break;
                }
                unsigned char d = static_cast<unsigned char>(t[i]);
                if (d == ' ' || d == '\n') break;  // the usual end of a word
                Tag dummy;
                std::size_t alen = 0;
                if (d >= 0x80 && detail::unicode_space_at(t, i)) break;  // a no-break space ends the word as a space does
                if (d >= 0x80 && unicode_punct(t, i, dummy)) {
                    if (is_apostrophe(t, i, alen) && i + alen < e && ascii::is_alpha(t[i + alen])) {
                        apostrophe = true;
                        lo[n++] = '\'';
                        i += alen;
                        continue;
                    }
                    break;
                }
                if (d >= 0x80) {
                    lo[n++] = char(d);
                    ++i;
                    continue;
                }
                bool next_alnum = i + 1 < e && ascii::is_alnum(t[i + 1]);
                // A hyphen between digits ends the number: "Jan. 29-31", "2019-2021" are two times
                // and a range word, as with an en dash.
                if (d == '-' && next_alnum && ascii::is_digit(t[i - 1]) && ascii::is_digit(t[i + 1])) break;
                if ((d == '-' || d == '\'' || d == '.' || d == '&') && next_alnum) {
                    apostrophe |= d == '\'';
                    lo[n++] = char(d);
                    ++i;
                    continue;
                }
                if ((d == ',' || d == ':') && next_alnum && ascii::is_digit(t[i - 1]) && ascii::is_digit(t[i + 1])) {
                    lo[n++] = char(d);
                    ++i;
                    continue;
                }
                // The final period of an initialism: "U.S." "a.m."
                if (d == '.' && i >= s + 2 && t[i - 2] == '.') {
                    lo[n++] = '.';
                    ++i;
                    break;
                }
                break;
            }
            // Contractions.
            std::string_view lw(lo, n);
            auto ends = [&](std::string_view suffix) {
                return lw.size() >= suffix.size() && lw.substr(lw.size() - suffix.size()) == suffix;
            };
            auto split_at = [&](std::size_t suffix_bytes) {
                tz.push_word(s, i - suffix_bytes);
                tz.push_word(i - suffix_bytes, i);
            };
            auto suffix_bytes = [&](std::size_t chars_after_apostrophe) {
                // bytes of "'" or "’" plus the letters after it
                std::size_t k = i - chars_after_apostrophe;
                return (k >= 3 && static_cast<unsigned char>(t[k - 1]) == 0x99) ? chars_after_apostrophe + 3
                                                                                  : chars_after_apostrophe + 1;
            };
            // Every contraction has its apostrophe second or third from the end.
            apostrophe = apostrophe && lw.size() > 2 && (lw[lw.size() - 2] == '\'' || lw[lw.size() - 3] == '\'');
            if (apostrophe && lw.size() > 3 && ends("n't")) {
                std::size_t sb = suffix_bytes(1) + 1;  // "n" + apostrophe + "t"
                tz.push_word(s, i - sb);
                tz.push_word(i - sb, i);
                // (Padded: the closed-class lookup reads 16 bytes of a word.)
                static constexpr char kNot[16] = {'n', '\'', 't'};
                out.back().lower = std::string_view(kNot, 3);
            } else if (apostrophe && lw.size() > 2 && (ends("'s") || ends("'d") || ends("'m"))) {
                split_at(suffix_bytes(1));
            } else if (apostrophe && lw.size() > 3 && (ends("'ll") || ends("'re") || ends("'ve"))) {
                split_at(suffix_bytes(2));
            } else {
                Token& tok = out.emplace_back();
                tok.begin = s;
                tok.end = i;
                tok.lower = lw;
                tz.used += lw.size();
                tok.capital = ascii::is_upper(t[s]);
            }
            if (i < e && t[i] == ' ') ++i;  // the usual space after a word: no turn of the loop for it
        }
    }
}

// Text written in capitals: an all-caps stretch ("WASHINGTON (AP) — THE SENATE VOTED ON TUESDAY ...",
// wire headlines, old all-caps feeds) or a title-case sentence ("Senate Votes To Approve Budget").
// There a capital letter says nothing of names: the words of such a stretch lose Token::capital and
// are judged by the lexicon like lowercase words (a name the lexicon does not know stays no event).
//  - all caps: a run of words without a lowercase letter (numbers, punctuation and one-letter words
//    such as "A" and "I" inside it), of at least three words of two letters or more, two of them of four
//    or more (so that acronyms side by side, "NATO, EU", stay names);
//  - title case: a sentence of at least four capitalized words and no lowercase word of four letters or
//    more (a sentence of prose always has some).
void normalize_case(std::string_view text, std::vector<Token>& toks) {
    // A word's kind: 0 not a word of letters (number, punctuation, one letter), 1 all caps, 2 capitalized
    // (a lowercase letter after the first), 3 lowercase first letter.
    auto kind = [&](const Token& t) -> int {
        if (t.tag != Tag::Word || t.end - t.begin < 2) return 0;
        const char c = text[t.begin];
        if (ascii::is_upper(c)) {
            for (std::size_t k = t.begin + 1; k < t.end; ++k)
                if (static_cast<unsigned char>(text[k] - 'a') < 26) return 2;
            return 1;
        }
        return static_cast<unsigned char>(c - 'a') < 26 ? 3 : 0;
    };
    // (Most sentences: some word starts lowercase, and no word is in capitals: nothing to do.)
    std::size_t capitalized = 0, lower = 0, caps = 0;
    bool long_lower = false;  // some lowercase word of four letters or more
    auto all_caps = [&](const Token& t) { return t.end - t.begin >= 2 && ascii::is_upper(text[t.begin + 1]); };
    std::size_t i = 0;
    for (; i < toks.size() && !long_lower; ++i) {
        const Token& t = toks[i];
        if (!t.capital) {
            // (Not capitalized: a lowercase word when its lowercase form starts with a letter.)
            const bool word = t.tag == Tag::Word && static_cast<unsigned char>(t.lower[0] - 'a') < 26;
            lower += word;
            long_lower = word && t.end - t.begin >= 4;
            continue;
        }
        ++capitalized;
        caps += all_caps(t);
    }
    // (Prose: a long lowercase word comes early; then only words in capitals are counted.)
    for (; i < toks.size(); ++i) caps += toks[i].capital && all_caps(toks[i]);
    // Title case: no lowercase word of four letters or more, and either no lowercase word at all or a
    // capitalized preposition, determiner or conjunction after the first word ("Votes To Approve"):
    // "President Barack Obama and Vice President Joe Biden met" stays prose.
    auto function_word = [&] {
        for (std::size_t j = 1; j < toks.size(); ++j)
            if (toks[j].capital && !all_caps(toks[j]))
                if (const Tag* tag = closed_class_filter().find(toks[j].lower))
                    if (*tag == Tag::Prep || *tag == Tag::To || *tag == Tag::Det || *tag == Tag::Conj) return true;
        return false;
    };
    if (capitalized >= 4 && !long_lower && (lower == 0 || function_word())) {
        for (Token& t : toks) t.capital = false;
        return;
    }
    if (caps < 3) return;
    std::size_t run_begin = 0, words = 0, long_words = 0;
    auto close_run = [&](std::size_t end) {
        if (words >= 3 && long_words >= 2)
            for (std::size_t k = run_begin; k < end; ++k) toks[k].capital = false;
        words = long_words = 0;
        run_begin = end + 1;
    };
    for (std::size_t i = 0; i < toks.size(); ++i) {
        switch (kind(toks[i])) {
            case 0: break;
            case 1:
                ++words;
                if (toks[i].end - toks[i].begin >= 4) ++long_words;
                break;
            default: close_run(i);
        }
    }
    close_run(toks.size());
}

struct VerbMatch {
    const VerbEntry* entry = nullptr;
    VerbForm form = VerbForm::Base;
    std::size_t last = 0;  // index of the last token of the verb (multi-word lemmas)
};

}  // namespace

// What the lexicon says of one lowercase word, whatever its context.
struct WordInfo {
    // The fields read for every token first, in the object's first cache line: the infos of a
    // text's vocabulary do not fit the L2 cache, and each further line read is a miss.
    bool closed = false;           // a closed-class word: closed_class() gives it `closed_tag`
    Tag closed_tag = Tag::Word;
    Tense tense = Tense::Unknown;  // resolve::word_tense()
    std::size_t noun_words = 0;    // the most words of an event noun among them (0: no event noun)
    std::size_t noun_count = 0;
    NounEntries nouns[4] = {};     // Lexicon::noun_candidates()
    // Its readings as a verb (of the word after a short prefix: "re-elected"). One inline: most words
    // have none or one, and a small WordInfo keeps a text's vocabulary in the cache.
    boost::container::small_vector<VerbAnalysis, 1> forms;
    bool one_word_verb = false;  // it has verb readings, none of a lemma of several words ("look forward")
    bool direct_verb = false;    // the word itself has verb readings (not only after a prefix: "re-elected")
};

namespace {

// Fills w (a default WordInfo, in place: it is large) with what the lexicon says of `lower`.
void word_info(std::string_view lower, WordInfo& w) {
    const auto& lex = Lexicon::get();
    VerbForms forms = lex.verb_forms(lower);
    w.direct_verb = !forms.empty();
    if (forms.empty()) {  // "re-elected", "co-founded": the verb after the prefix
        auto dash = lower.rfind('-');
        if (dash != std::string::npos && dash + 3 < lower.size() && dash <= 3) forms = lex.verb_forms(lower.substr(dash + 1));
    }
    w.forms.assign(forms.begin(), forms.end());
    w.one_word_verb = !forms.empty();
    for (auto& f : forms)
        for (auto& e : f.entries) w.one_word_verb = w.one_word_verb && e.rest.empty();
    w.noun_count = lex.noun_candidates(lower, w.nouns);
    for (std::size_t l = 0; l < w.noun_count; ++l)
        for (auto& e : w.nouns[l]) w.noun_words = std::max(w.noun_words, e.words.size());
    w.tense = resolve::word_tense(lower);
    if (const Tag* tag = closed_class().find(lower)) {
        w.closed = true;
        w.closed_tag = *tag;
    }
}

// word_info() of the words met so far, one per thread: news text repeats its words, and one probe
// here replaces the dozen lexicon probes of the morphology. Bounded: emptied between sentences when
// it holds too many words.
class WordCache {
public:
    // Inline: a hit (nearly every call) is a hash, a probe or two and a compare; a miss is a call.
    // `w` is a token's word: 16 bytes from its start may be read. A word of up to 16 bytes is keyed by
    // its bytes as two numbers (and its length), which needs no hash of the bytes and no byte compare.
    [[gnu::always_inline]] const WordInfo& get(std::string_view w) { return get(w, ClosedClass::key_of(w)); }
    [[gnu::always_inline]] const WordInfo& get(std::string_view w, const ClosedClass::Key& key) {
        const std::size_t n = w.size();
        const bool short_word = key.short_word;
        const std::uint64_t k = key.k, k2 = key.k2, h = key.h;
        if (!slots_.empty())
            for (std::size_t i = std::size_t(h >> shift_);; i = (i + 1) & mask_) {
                const Slot& s = slots_[i];
                if (!s.info) break;
                if (s.key_or_hash == k && s.key2 == k2 && s.key.size() == n &&
                    (short_word || same_bytes(s.key.data(), w.data(), n)))
                    return *s.info;
            }
        return insert(w, k, k2, h);
    }
    // Call only when no WordInfo handed out is still in use.
    void limit(std::size_t max_words) {
        if (infos_.size() <= max_words) return;
        slots_.clear();
        infos_.clear();
        chars_.clear();
        mask_ = 0;
    }

private:
    struct Slot {
        std::uint64_t key_or_hash = 0, key2 = 0;  // a short word's keys, else its word_hash() and 0
        std::uint64_t hash = 0;                   // its top bits say where the probe starts
        std::string_view key;
        const WordInfo* info = nullptr;
    };
    [[gnu::noinline]] const WordInfo& insert(std::string_view w, std::uint64_t k, std::uint64_t k2, std::uint64_t h) {
        if ((infos_.size() + 1) * 2 > slots_.size()) grow();
        word_info(w, infos_.emplace_back());
        Slot s{k, k2, h, store(w), &infos_.back()};
        std::size_t i = std::size_t(h >> shift_);
        while (slots_[i].info) i = (i + 1) & mask_;
        slots_[i] = s;
        return *s.info;
    }
    std::string_view store(std::string_view w) {
        constexpr std::size_t kChunk = 16384;
        if (chars_.empty() || used_ + w.size() > chunk_size_) {
            chunk_size_ = std::max(kChunk, w.size());
            chars_.push_back(std::make_unique<char[]>(chunk_size_));
            used_ = 0;
        }
        char* p = chars_.back().get() + used_;
        w.copy(p, w.size());
        used_ += w.size();
        return {p, w.size()};
    }
    void grow() {
        std::size_t cap = slots_.empty() ? 1024 : slots_.size() * 2;
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(cap, Slot{});
        mask_ = cap - 1;
        shift_ = unsigned(64 - std::countr_zero(cap));
        for (auto& s : old) {
            if (!s.info) continue;
            std::size_t i = std::size_t(s.hash >> shift_);
            while (slots_[i].info) i = (i + 1) & mask_;
            slots_[i] = s;
        }
    }
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    unsigned shift_ = 63;  // 64 - log2 of the slot count: the top bits of a hash index the slots
    std::deque<WordInfo> infos_;  // stable addresses
    std::vector<std::unique_ptr<char[]>> chars_;
    std::size_t used_ = 0, chunk_size_ = 0;
};

// The reading of token i as a verb of the lexicon, multi-word lemmas included.
[[gnu::noinline]] std::optional<VerbMatch> verb_at(const Token* toks, std::size_t ntoks, std::size_t i,
                                                   const WordInfo& info) {
    if (info.forms.empty()) return std::nullopt;  // most words
    std::optional<VerbMatch> best;
    for (auto& a : info.forms) {
        for (auto& e : a.entries) {
            bool ok = true;
            for (std::size_t k = 0; k < e.rest.size() && ok; ++k)
                ok = i + 1 + k < ntoks && toks[i + 1 + k].lower == e.rest[k];
            if (!ok) continue;
            VerbMatch m{&e, a.form, i + e.rest.size()};
            if (!best || e.rest.size() > best->entry->rest.size()) best = m;
            break;
        }
    }
    return best;
}

// Previous token that is not an adverb, a quote or a one-word timex adverb ("currently").
std::optional<std::size_t> prev_content(const std::vector<Token>& toks, std::size_t i) {
    while (i > 0) {
        --i;
        const auto& t = toks[i];
        if (t.tag == Tag::Adverb || t.tag == Tag::Quote) continue;
        if (t.timex >= 0 && t.lower.size() > 2 && ends_with2(t.lower, 'l', 'y')) continue;
        if (t.tag == Tag::Word && t.lower.size() > 4 && ends_with2(t.lower, 'l', 'y') &&
            t.timex < 0)
            continue;
        return i;
    }
    return std::nullopt;
}

bool is_past_form(VerbForm f) { return f == VerbForm::Past || f == VerbForm::PastOrParticiple; }
// Whether the timex ending at token `last` opens a noun phrase ("the Friday deadline", "Tuesday's
// closed session", "the 1990 elected officials"): a determiner or possessive before it, or a possessive
// ending it. Otherwise it is an adverbial and a past form after it is the verb ("on Wednesday charged").
template <class Toks>
bool timex_premodifies(const Toks& toks, std::size_t last) {
    std::size_t first = last;
    while (first > 0 && toks[first - 1].timex == toks[last].timex) --first;
    if (last + 1 < toks.size() && toks[last + 1].tag == Tag::Possessive) return true;
    if (first == 0) return false;
    const Tag before = toks[first - 1].tag;
    return before == Tag::Det || before == Tag::Possessive || before == Tag::Number;
}

bool is_participle_form(VerbForm f) { return f == VerbForm::Participle || f == VerbForm::PastOrParticiple; }

// The lexicon's answers for the tokens of one sentence: a token keeps its word's info (Token::info,
// set by the tagging for every lowercase word, looked up on demand for the others), so that a
// question about a token is a load, not a probe.
class Memo {
public:
    void reset(Token* toks, std::size_t n) {
        cache_.limit(1 << 14);
        toks_ = toks;
        n_ = n;
    }
    // The first question about token i (the tagging asks it of every lowercase word): the cache probe
    // inline, with the key the closed-class lookup computed.
    [[gnu::always_inline]] const WordInfo& first_info(std::size_t i, const ClosedClass::Key& key) {
        Token& t = toks_[i];
        t.info = &cache_.get(t.lower, key);
        return *t.info;
    }
    [[gnu::always_inline]] const WordInfo& info(std::size_t i) {
        const Token& t = toks_[i];
        if (t.info) return *t.info;
        return lookup(i);
    }
    // Inline: most words have no verb reading; most of those that have one have no lemma of several words.
    [[gnu::always_inline]] std::optional<VerbMatch> verb(std::size_t i) {
        const WordInfo& w = info(i);
        if (w.forms.empty()) return std::nullopt;
        if (w.one_word_verb)  // what verb_at() finds: no later reading has a longer lemma
            return VerbMatch{&w.forms.front().entries.front(), w.forms.front().form, i};
        return verb_at(toks_, n_, i, w);
    }
    // The event noun ending at token j and starting at i (i <= j), or nullptr.
    // Inline: most words end no event noun of that many words, which needs no call.
    [[gnu::always_inline]] const NounEntry* noun(std::size_t i, std::size_t j) {
        const WordInfo& c = info(j);
        if (j - i + 1 > c.noun_words) return nullptr;
        return noun_entry(i, j, c);
    }

private:
    [[gnu::noinline]] const WordInfo& lookup(std::size_t i) {
        Token& t = toks_[i];
        t.info = &cache_.get(t.lower);
        return *t.info;
    }
    [[gnu::noinline]] const NounEntry* noun_entry(std::size_t i, std::size_t j, const WordInfo& c) const {
        const Token* toks = toks_;
        for (std::size_t l = 0; l < c.noun_count; ++l)
            for (auto& e : c.nouns[l]) {
                if (e.words.size() != j - i + 1) continue;
                bool ok = true;
                for (std::size_t k = 0; k + 1 < e.words.size() && ok; ++k)
                    ok = toks[i + k].tag == Tag::Word && toks[i + k].timex < 0 && toks[i + k].lower == e.words[k];
                if (ok) return &e;
            }
        return nullptr;
    }

    Token* toks_ = nullptr;
    std::size_t n_ = 0;
    WordCache cache_;
};

Tense tense_of_aux(std::string_view w) {
    if (w == "was" || w == "were" || w == "had" || w == "did") return Tense::Past;
    if (w == "is" || w == "are" || w == "am" || w == "has" || w == "have" || w == "does" || w == "do" || w == "'s" ||
        w == "'re" || w == "'m" || w == "'ve")
        return Tense::Present;
    return Tense::Unknown;
}

}  // namespace

bool clause_boundary(const std::vector<Token>& toks, std::size_t i) {
    const auto& t = toks[i];
    if (t.timex >= 0) return false;  // "Aug. 6", "January 19, 2024 – 9:21 p.m."
    switch (t.tag) {
        case Tag::Punct:
            // A hyphen or en dash inside a word or number ends nothing: "voted 52-48 on Tuesday", "a
            // co-defendant", "a 14-hour debate".
            return !(i > 0 && i + 1 < toks.size() && toks[i - 1].end == t.begin && toks[i + 1].begin == t.end &&
                     (is(t.lower, "-") || is(t.lower, "\xE2\x80\x93")));
        case Tag::Quote:
        case Tag::Subord:
        case Tag::Rel: return true;
        case Tag::Comma:
            return i + 1 < toks.size() &&
                   (toks[i + 1].tag == Tag::Conj || toks[i + 1].tag == Tag::Subord || toks[i + 1].tag == Tag::Rel ||
                    toks[i + 1].tag == Tag::Quote);
        case Tag::Conj:  // "and" before a new subject + verb is handled by the comma; a bare one joins
        default: return false;
    }
}

namespace {

// A view of the tokens of a sentence (see analyze_sentence).
struct Tokens {
    Token* p;
    std::size_t n;
    Token& operator[](std::size_t i) const { return p[i]; }
    std::size_t size() const { return n; }
    Token* begin() const { return p; }
    Token* end() const { return p + n; }
};

}  // namespace

SentenceAnalysis analyze_sentence(std::string_view text, const Sentence& s, std::size_t index,
                                  const std::vector<Timex>& timexes) {
    SentenceAnalysis a;
    analyze_sentence(text, s, index, timexes, a);
    return a;
}

void analyze_sentence(std::string_view text, const Sentence& s, std::size_t index, const std::vector<Timex>& timexes,
                      SentenceAnalysis& a) {
    a.sentence = index;
    a.timex_first = a.timex_end = 0;
    a.events.start();
    a.event_token.clear();
    // Sized before tokenizing and not touched after: the tokens' views into it stay valid.
    // (24 bytes more than the sentence: the tokenizer stores words 8 bytes at a time, a punctuation
    // mark at the sentence's end may run past it by 2 bytes, and lookups read 16 bytes from a word's
    // start.)
    a.lower_buffer.resize(std::max<std::size_t>(s.end > s.begin ? s.end - s.begin : 0, 1) + 24);
    tokenize(text, s.begin, s.end, a.tokens, a.lower_buffer.data());
    // The tokens as a pointer and a count held in registers: a store to a one-byte field (Tag) may
    // alias anything, and would make the compiler reload the vector's bounds on every access.
    // The token vector does not change size below.
    normalize_case(text, a.tokens);
    const Tokens toks{a.tokens.data(), a.tokens.size()};
    // Room for the form of every event the passes below can find (at most one per token): written by
    // index, no push.
    if (a.event_form.size() < toks.size()) a.event_form.resize(toks.size());
    static thread_local Memo memo;
    memo.reset(toks.p, toks.n);
    const ClosedClass& closed = closed_class_filter();
    // Timex membership and closed classes (from the word cache: the lookup is the one the event pass
    // below makes anyway), in one pass.
    auto tx = std::lower_bound(timexes.begin(), timexes.end(), s.begin,
                               [](const Timex& t, std::size_t b) { return t.end <= b; });
    // A token before the current timex's start is in no timex: one compare for most tokens.
    constexpr std::size_t kNone = std::size_t(-1);
    std::size_t tx_begin = tx != timexes.end() ? tx->begin : kNone;
    const MultiNounFilter& multi_filter = multi_noun_filter();
    bool any_multi = false;  // some word may end an event noun of several words
    bool any_if = false;     // some token is the subordinator "if" (opens a conditional scope)
    a.back_reference = false;
    // The tokens the passes below look at, in text order: words still open-class after each pass,
    // forms of "be" (reused from sentence to sentence).
    // Each a third of one scratch array that only grows (a list never holds more than the tokens), its
    // pointer and count in registers: no capacity check per push.
    struct IndexList {
        std::uint32_t* p;
        std::size_t n = 0;
        void push_back(std::uint32_t i) { p[n++] = i; }
        const std::uint32_t* begin() const { return p; }
        const std::uint32_t* end() const { return p + n; }
    };
    static thread_local std::vector<std::uint32_t> index_scratch;
    if (index_scratch.size() < 3 * toks.size()) index_scratch.resize(3 * toks.size());
    IndexList words{index_scratch.data()}, candidates{index_scratch.data() + toks.size()},
        be_forms{index_scratch.data() + 2 * toks.size()};
    // What a closed-class word tells the passes below: an "if", a preposition that may refer back
    // to an earlier event ("since that meeting": anchoring's rule 2).
    auto note_closed = [&](const Token& t) {
        if (t.tag == Tag::Subord && is(t.lower, "if")) any_if = true;
        if (t.tag == Tag::Prep && (is(t.lower, "since") || is(t.lower, "after") || is(t.lower, "before") ||
                                   is(t.lower, "following") || is(t.lower, "until")))
            a.back_reference = true;
    };
    for (std::size_t i = 0; i < toks.size(); ++i) {
        auto& t = toks[i];
        if (t.begin >= tx_begin) {
            while (tx != timexes.end() && tx->end <= t.begin) ++tx;
            tx_begin = tx != timexes.end() ? tx->begin : kNone;
            if (tx != timexes.end() && tx->begin <= t.begin && t.end <= tx->end) {
                t.timex = int(tx - timexes.begin());
                if (a.timex_end == 0) a.timex_first = i;
                a.timex_end = i + 1;
            }
        }
        if (t.tag != Tag::Word) continue;
        if (ascii::is_digit(t.lower[0])) {
            t.tag = Tag::Number;
            continue;
        }
        if (t.capital) {
            // Mostly names, which the event pass skips: the small closed-class table, not the word
            // cache (a name's first lookup there pays the whole lexicon analysis); most names are
            // ruled out by their first letter and length alone.
            if (const Tag* tag = closed.find_padded(t.lower)) {
                t.tag = *tag;
                note_closed(t);
            }
            // Not looked up: unknown, unless no multi-word event noun can end with it.
            t.noun_words = multi_filter.may_hold(t.lower) ? 0xFF : 1;
        } else if (const ClosedClass::Key key = ClosedClass::key_of(t.lower);
                   const Tag* tag = closed.find_padded(t.lower, key)) {
            // (The word cache would say the same: WordInfo::closed comes from the same table.)
            t.tag = *tag;
            note_closed(t);
            t.noun_words = 0;  // no longer a Word: the look-ahead for event nouns skips it
            // ("'s" and "'d" are closed-class words, lowercase.)
            if (t.lower[0] == '\'' && is(t.lower, "'s")) {
                // "it's", "that's", "there's" -> is; a noun's "'s" -> possessive
                bool pron = i > 0 && (toks[i - 1].tag == Tag::Pronoun || is(toks[i - 1].lower, "that") ||
                                      is(toks[i - 1].lower, "what") || is(toks[i - 1].lower, "who"));
                t.tag = pron ? Tag::Be : Tag::Possessive;
            }
            if (t.lower[0] == '\'' && is(t.lower, "'d")) t.tag = Tag::Modal;
        } else {
            const WordInfo& info = memo.first_info(i, key);  // (the key computed once for both lookups)
            t.noun_words = std::uint8_t(std::min<std::size_t>(info.noun_words, 254));
        }
        if (t.noun_words >= 2) any_multi = true;
        if (t.tag == Tag::Word) words.push_back(std::uint32_t(i));
        else if (t.tag == Tag::Be) be_forms.push_back(std::uint32_t(i));
    }
    // "that": relative before a verb, complementizer before a subject, determiner before a noun.
    // "going to" + verb: future. (One pass: neither retagging is seen by the other, as in two.)
    // Then "-ly" adverbs, in the same pass: token i is retagged after the "that" before it has seen
    // it, as in a pass of its own after this one.
    auto that_or_going = [&](std::size_t i) {
        if (is(toks[i].lower, "going")) {
            if (i + 2 < toks.size() && toks[i + 1].tag == Tag::To && memo.verb(i + 2)) toks[i].tag = Tag::Modal;
            return;
        }
        if (!is(toks[i].lower, "that") || toks[i].tag != Tag::Word) return;
        if (i + 1 >= toks.size()) {
            toks[i].tag = Tag::Pronoun;
            return;
        }
        const auto& n = toks[i + 1];
        if (n.tag == Tag::Det || n.tag == Tag::Possessive || n.tag == Tag::Pronoun || n.capital ||
            n.tag == Tag::Number || n.tag == Tag::Quote || n.tag == Tag::Modal)
            toks[i].tag = Tag::Subord;
        else if (n.tag == Tag::Be || n.tag == Tag::Have || n.tag == Tag::Do || n.tag == Tag::Adverb ||
                 (memo.info(i + 1).direct_verb && !memo.noun(i + 1, i + 1) &&
                  n.lower.size() > 1 && n.lower.back() == 's'))
            toks[i].tag = Tag::Rel;
        else if (n.tag == Tag::Comma || n.tag == Tag::Punct)
            toks[i].tag = Tag::Pronoun;
        else
            toks[i].tag = Tag::Det;
    };
    for (std::size_t i : words) {  // (neither rule retags anything but a word)
        auto& t = toks[i];
        that_or_going(i);
        if (t.tag == Tag::Word && t.lower.size() > 4 && ends_with2(t.lower, 'l', 'y') &&
            !is(t.lower, "family") && !is(t.lower, "italy") && !is(t.lower, "rally") && !is(t.lower, "supply") &&
            !is(t.lower, "assembly") && !is(t.lower, "july") && !is(t.lower, "reply") && !is(t.lower, "ally"))
            t.tag = Tag::Adverb;
        if (t.tag == Tag::Word && t.timex < 0) candidates.push_back(std::uint32_t(i));
    }

    // An -ing form right after a main verb and before a plural noun modifies that noun ("heard closing
    // arguments", "reported rising sales"), unless the verb takes an -ing complement ("began selling
    // cars", "denied taking bribes"). `i` is the -ing word, `n` the token after it, `p` the previous one.
    auto modifies_plural = [&](std::size_t i, std::size_t n, std::optional<std::size_t> p) {
        if (!p || *p + 1 != i || n >= toks.size()) return false;
        const Token& pv = toks[*p];
        if (!pv.verb || pv.event < 0 || a.events[std::size_t(pv.event)].noun) return false;
        const Token& nx = toks[n];
        if (nx.tag != Tag::Word || nx.capital || nx.timex >= 0 || nx.lower.size() < 4 || nx.lower.back() != 's' ||
            nx.lower[nx.lower.size() - 2] == 's' || memo.info(n).tense == Tense::Past)
            return false;
        if (n + 1 < toks.size() && (toks[n + 1].tag == Tag::Det || toks[n + 1].tag == Tag::Pronoun ||
                                    toks[n + 1].tag == Tag::Possessive))
            return false;  // "kept sending troops the message": the -ing word takes two objects
        static constexpr std::string_view takes_ing[] = {
            "begin", "start", "stop", "keep", "continue", "finish", "avoid", "resume", "quit", "consider",
            "deny", "admit", "risk", "suggest", "recommend", "enjoy", "mind", "miss", "practice", "delay",
            "postpone", "discuss", "propose", "favor", "oppose", "support", "try", "spend", "end", "cease",
            "halt", "imagine", "prevent", "resist", "fear", "hate", "like", "love", "prefer", "regret"};
        std::string_view lemma = a.events[std::size_t(pv.event)].lemma;
        return std::find(std::begin(takes_ing), std::end(takes_ing), lemma) == std::end(takes_ing);
    };

    // Events, left to right.
    bool any_opener = false;  // some verb opens a hypothetical scope (Token::hypothetical set)
    std::size_t next = 0;  // the tokens before it belong to an event found already
    for (const std::size_t i : candidates) {  // words outside timexes
        if (i < next) continue;
        auto& t = toks[i];
        bool sentence_initial = i == 0 || (i == 1 && toks[0].tag == Tag::Quote);
        if (t.capital && !sentence_initial) continue;  // names
        auto p = prev_content(a.tokens, i);
        Tag prev = p ? toks[*p].tag : Tag::Punct;
        bool prev_noun_ctx = prev == Tag::Det || prev == Tag::Possessive || prev == Tag::Number ||
                             (p && toks[*p].timex >= 0 && prev != Tag::Adverb);
        // Multi-word event nouns starting here ("press conference").
        const NounEntry* multi = nullptr;
        std::size_t multi_end = i;
        for (std::size_t j = any_multi ? std::min(toks.size() - 1, i + 3) : i; j > i; --j)
            if (toks[j].timex < 0 && toks[j].tag == Tag::Word && toks[j].noun_words >= j - i + 1)
                if (auto* e = memo.noun(i, j)) {
                    multi = e;
                    multi_end = j;
                    break;
                }
        auto v = memo.verb(i);
        const NounEntry* noun = multi ? multi : memo.noun(i, i);
        std::size_t noun_end = multi ? multi_end : i;

        bool is_verb = false;
        if (v && !multi) {
            VerbForm f = v->form;
            std::size_t n = i + 1 + v->entry->rest.size();
            bool next_object = n < toks.size() && (toks[n].tag == Tag::Det || toks[n].tag == Tag::Possessive ||
                                                   toks[n].tag == Tag::Pronoun);
            // (A participle spelled as its base is the base here: "will run", "to come", "may become".)
            if (prev == Tag::Modal || prev == Tag::Do || prev == Tag::To)
                is_verb = f != VerbForm::Participle || v->entry->lemma.view().substr(0, t.lower.size()) == t.lower;
            else if (prev == Tag::Neg) is_verb = true;
            else if (prev == Tag::Have) is_verb = is_participle_form(f);
            else if (prev == Tag::Be) is_verb = f == VerbForm::Gerund || is_participle_form(f);
            else if (prev == Tag::Det || prev == Tag::Possessive) is_verb = false;  // "the meeting", "a visit"
            else if (prev == Tag::Prep) is_verb = f == VerbForm::Gerund && !(noun && !next_object);
            else if (prev_noun_ctx && is_past_form(f) && toks[*p].timex >= 0 && !timex_premodifies(toks, *p))
                is_verb = true;  // "Prosecutors on Wednesday charged ...", "The Senate late Tuesday passed ..."
            else if (prev_noun_ctx) is_verb = false;
            else if (f == VerbForm::Gerund && modifies_plural(i, n, p)) is_verb = false;  // "heard closing arguments"
            else if (f == VerbForm::Gerund) is_verb = !noun || next_object;
            else if (is_past_form(f)) is_verb = true;
            else if ((f == VerbForm::ThirdSingular || f == VerbForm::Base) && p && counts_what_follows(toks[*p].lower)) {
                is_verb = false;  // "two suspects", "dozens of" aside: a counted plural, not "(he) suspects"
            } else if (f == VerbForm::ThirdSingular || f == VerbForm::Base) {
                // After a pronoun or relative: a verb. After a noun ("Blinken says", "officials say",
                // "the company reports earnings") only when what follows can complement a verb, so
                // that "U.S. forces were" and "member states" stay nouns.
                const Token* q = p ? &toks[*p] : nullptr;
                bool after_noun = q && q->tag == Tag::Word &&
                                  (q->capital || f == VerbForm::ThirdSingular ||
                                   (q->lower.size() > 3 && q->lower.back() == 's' && q->lower[q->lower.size() - 2] != 's'));
                bool complement = true;
                if (after_noun && !noun) {
                    const Token* nx = n < toks.size() ? &toks[n] : nullptr;
                    bool ends = !nx || nx->tag == Tag::Comma || nx->tag == Tag::Punct;
                    bool verbish = nx && (nx->tag == Tag::Be || nx->tag == Tag::Have || nx->tag == Tag::Do ||
                                          nx->tag == Tag::Modal || nx->tag == Tag::Conj ||
                                          (nx->tag == Tag::Word && memo.verb(n).has_value() &&
                                           memo.info(n).tense == Tense::Past));
                    complement = !verbish && (!ends || v->entry->event_class == "REPORTING");
                }
                is_verb = q && (q->tag == Tag::Pronoun || q->tag == Tag::Rel || q->tag == Tag::Conj ||
                                (after_noun && !noun && complement) || (q->capital && q->tag == Tag::Word && complement));
            }
            if (f == VerbForm::Base && p && toks[*p].tag == Tag::Conj && noun) is_verb = false;
        }
        if (!is_verb && !v && !noun && !t.capital) {
            // Verbs missing from the lexicon: a past form after its subject or an auxiliary, or a base
            // form after a modal ("would criminalize").
            bool ed = memo.info(i).tense == Tense::Past && t.lower.size() > 4 &&
                      ends_with2(t.lower, 'e', 'd');
            if (ed && (prev == Tag::Pronoun || prev == Tag::Have || prev == Tag::Be || prev == Tag::Rel ||
                       prev == Tag::Word || prev == Tag::Conj))
                is_verb = true;
            if ((prev == Tag::Modal || prev == Tag::Do) && std::all_of(t.lower.begin(), t.lower.end(), ::isalpha))
                is_verb = true;
            if (is_verb) {
                Event& e = a.events.emplace_back();
                put(e.lemma, ed ? t.lower.substr(0, t.lower.size() - 2) : t.lower);
                put(e.event_class, "OCCURRENCE");
                a.event_form[a.events.size() - 1] = 0;
                a.event_token.push_back(i);
                t.event = int(a.events.size() - 1);
                t.verb = true;
                continue;
            }
        }
        if (is_verb) {
            Event& e = a.events.emplace_back();
            put(e.lemma, v->entry->lemma);
            put(e.event_class, v->entry->event_class);
            e.noun = false;
            // remember the form for now; the verb group pass below fills tense/aspect/modality
            a.event_form[a.events.size() - 1] = v->form == VerbForm::Gerund ? 1 : is_participle_form(v->form) ? 2 : 0;
            if (is_past_form(v->form)) e.tense = Tense::Past;
            else if (v->form == VerbForm::ThirdSingular) e.tense = Tense::Present;
            else if (v->form == VerbForm::Base && prev != Tag::To && prev != Tag::Modal && prev != Tag::Do &&
                     prev != Tag::Neg)
                e.tense = Tense::Present;
            a.event_token.push_back(i);
            t.event = int(a.events.size() - 1);
            for (std::size_t k = i; k <= v->last; ++k) toks[k].verb = true;
            if (v->entry->hypothetical) {
                t.hypothetical = true;  // marks the start of a hypothetical scope
                any_opener = true;
            }
            next = v->last + 1;
            continue;
        }
        if (noun) {
            // An event noun right before another one modifies it ("expulsion operation"): only the head
            // is an event.
            if (noun_end + 1 < toks.size() && toks[noun_end + 1].tag == Tag::Word && toks[noun_end + 1].timex < 0 &&
                !toks[noun_end + 1].capital && memo.noun(noun_end + 1, noun_end + 1))
                continue;
            // A plural or singular event noun; a verb reading lost above ("talks" after a subject) keeps it.
            Event& e = a.events.emplace_back();
            put(e.lemma, noun->lemma);
            put(e.event_class, noun->event_class);
            e.noun = true;
            put(e.aspect, "NONE");
            a.event_form[a.events.size() - 1] = 0;
            a.event_token.push_back(noun_end);
            toks[noun_end].event = int(a.events.size() - 1);
            for (std::size_t k = i; k <= noun_end; ++k) toks[k].noun_event = true;
            next = noun_end + 1;
            continue;
        }
    }

    // Copulas: a form of "be" not followed by a participle or gerund that is a verb event.
    // Scopes: complements of wishes/attempts/threats (opened right after such a verb) and if-clauses,
    // both closed by a comma, a quote or other punctuation.
    // A token's own mark (set above on a wish/attempt/threat verb) is read before the scope overwrites it.
    // One pass for both: a copula looks only at the tokens after it, which the scopes do not change,
    // and the scopes set only the events' factual/conditional marks, which the verb groups below
    // do not read (they may only set conditional as well).
    auto mark_copula = [&](std::size_t i) {
        auto& t = toks[i];
        if (t.tag == Tag::Be && !is(t.lower, "been") && !is(t.lower, "being") && !is(t.lower, "be")) {
            std::size_t j = i + 1;
            while (j < toks.size() && (toks[j].tag == Tag::Adverb || toks[j].tag == Tag::Neg)) ++j;
            bool aux = j < toks.size() && (toks[j].verb || toks[j].tag == Tag::Be);
            if (!aux) t.main_be = true;
        }
    };
    // Without an "if" and a scope opener (most sentences) no token is in a scope and no token's mark
    // is set: only the copulas are looked for.
    const bool scopes = any_if || any_opener;
    if (!scopes)
        for (std::size_t i : be_forms) mark_copula(i);
    bool hypo = false, cond = false;
    for (std::size_t i = 0; scopes && i < toks.size(); ++i) {
        auto& t = toks[i];
        mark_copula(i);
        const bool opener = t.hypothetical;
        if (!hypo && !cond) {  // outside both scopes (most tokens): nothing to close or mark
            t.hypothetical = false;
            if (t.tag == Tag::Subord && is(t.lower, "if")) cond = true;
            if (opener) hypo = true;
            continue;
        }
        if (t.timex < 0 && (t.tag == Tag::Quote || t.tag == Tag::Punct || t.tag == Tag::Comma)) hypo = cond = false;
        if (t.tag == Tag::Subord && !is(t.lower, "if")) cond = false;
        t.hypothetical = hypo;
        t.conditional = cond;
        if (t.event >= 0) {
            Event& e = a.events[std::size_t(t.event)];
            if (hypo) e.factual = false;
            if (cond) {
                if (!e.noun) e.conditional = true;
                e.factual = false;
            }
        }
        if (is(t.lower, "if") && t.tag == Tag::Subord) cond = true;
        if (opener) hypo = true;
    }

    // Verb groups: tense, aspect, modality, negation, trigger span.
    static thread_local std::vector<std::size_t> chain;  // the auxiliaries of one group (reused)
    for (std::size_t k = 0; k < a.events.size(); ++k) {
        Event& e = a.events[k];
        std::size_t head = a.event_token[k];
        std::size_t first = head, last = head;
        if (e.noun) {
            while (first > 0 && toks[first - 1].noun_event && toks[first - 1].event < 0) --first;
        } else {
            while (last + 1 < toks.size() && toks[last + 1].verb && toks[last + 1].event < 0) ++last;
            // Auxiliaries to the left.
            bool have = false, be = false, nonfinite = false, future = false, negated = false;
            std::string_view modality;  // a literal or a token's word
            Tense tense = e.tense;
            std::size_t j = head;
            chain.clear();
            while (j > 0) {
                const Token& q = toks[j - 1];
                bool skip = q.tag == Tag::Adverb || q.tag == Tag::Quote ||
                            (q.timex >= 0 && q.lower.size() > 2 && ends_with2(q.lower, 'l', 'y'));
                bool aux = q.tag == Tag::Be || q.tag == Tag::Have || q.tag == Tag::Do || q.tag == Tag::Modal ||
                           q.tag == Tag::Neg || q.tag == Tag::To;
                if (!skip && !aux) break;
                if (q.tag == Tag::Be && q.main_be) break;
                --j;
                if (aux) chain.push_back(j);
                if (q.tag == Tag::To) break;
            }
            std::reverse(chain.begin(), chain.end());
            Tense finite = Tense::Unknown;
            bool have_finite = false;
            for (std::size_t c : chain) {
                const Token& q = toks[c];
                switch (q.tag) {
                    case Tag::Modal:
                        if (is(q.lower, "will") || is(q.lower, "shall") || is(q.lower, "'ll") || is(q.lower, "wo") ||
                            is(q.lower, "sha") || is(q.lower, "going"))
                            future = true;
                        else modality = is(q.lower, "ca") || is(q.lower, "cannot") ? "can" : is(q.lower, "'d") ? "would" : q.lower;
                        if (is(q.lower, "cannot")) negated = true;
                        if (!have_finite) {
                            finite = Tense::Future;
                            have_finite = true;
                        }
                        break;
                    case Tag::Have:
                        have = true;
                        if (!have_finite && tense_of_aux(q.lower) != Tense::Unknown) {
                            finite = tense_of_aux(q.lower);
                            have_finite = true;
                        } else if (have_finite && finite == Tense::Future && !future && !modality.empty()) {
                            finite = Tense::Past;  // "could have done"
                        }
                        break;
                    case Tag::Be:
                        be = true;
                        if (!have_finite && tense_of_aux(q.lower) != Tense::Unknown) {
                            finite = tense_of_aux(q.lower);
                            have_finite = true;
                        }
                        break;
                    case Tag::Do:
                        if (!have_finite) {
                            finite = tense_of_aux(q.lower);
                            have_finite = true;
                        }
                        break;
                    case Tag::Neg: negated = true; break;
                    case Tag::To: nonfinite = !have_finite; break;
                    default: break;
                }
                first = std::min(first, c);
            }
            const bool ing = a.event_form[k] == 1, en = a.event_form[k] == 2;
            if (have_finite) tense = finite;
            else if (nonfinite || ing) tense = Tense::Unknown;
            if (en && !have_finite && !have && !be) tense = Tense::Past;
            bool progressive = be && ing;
            bool perfective = have && (en || (be && ing));
            put(e.aspect, perfective && progressive ? std::string_view("PERFECTIVE_PROGRESSIVE")
                          : perfective            ? std::string_view("PERFECTIVE")
                          : progressive           ? std::string_view("PROGRESSIVE")
                                                  : std::string_view("NONE"));
            e.tense = tense;
            put(e.modality, modality);
            e.negated = negated;
            if (modality == "would") e.conditional = true;
            // Trigger words: the chain (without "to") and the verb, written in place.
            std::string& trig = e.trigger;
            std::size_t tb = std::string::npos;
            for (std::size_t c : chain) {
                if (toks[c].tag == Tag::To) continue;
                if (tb == std::string::npos) tb = toks[c].begin;
                std::string_view w = text.substr(toks[c].begin, toks[c].end - toks[c].begin);
                if (!trig.empty() && !is(toks[c].lower, "n't")) trig += ' ';
                trig += w;
            }
            for (std::size_t c = head; c <= last; ++c) {
                if (tb == std::string::npos) tb = toks[c].begin;
                if (!trig.empty()) trig += ' ';
                trig += text.substr(toks[c].begin, toks[c].end - toks[c].begin);
            }
            e.begin = tb;
            e.end = toks[last].end;
            e.sentence = index;
            continue;
        }
        std::string& trig = e.trigger;  // written in place
        for (std::size_t c = first; c <= head; ++c) {
            if (!trig.empty()) trig += ' ';
            trig += text.substr(toks[c].begin, toks[c].end - toks[c].begin);
        }
        e.begin = toks[first].begin;
        e.end = toks[head].end;
        e.sentence = index;
    }

    // Tense of non-finite verbs and nouns: the nearest verb of the sentence with a tense, the left one
    // when both are as near. Left to right, so a verb given a tense here lends it to those after it.
    // Linear: the nearest such verb on the right is found by one scan from the right (those are not
    // changed before they are read), the one on the left is carried along.
    const std::size_t n = a.events.size();
    static thread_local std::vector<std::size_t> right_source;  // reused
    right_source.assign(n, n);
    for (std::size_t k = n; k-- > 1;)
        right_source[k - 1] = !a.events[k].noun && a.events[k].tense != Tense::Unknown ? k : right_source[k];
    std::size_t left_source = n;  // none yet
    for (std::size_t k = 0; k < n; ++k) {
        Event& e = a.events[k];
        if (e.tense == Tense::Unknown) {
            const std::size_t r = right_source[k];
            if (left_source < n && (r == n || k - left_source <= r - k)) e.tense = a.events[left_source].tense;
            else if (r < n) e.tense = a.events[r].tense;
        }
        if (!e.noun && e.tense != Tense::Unknown) left_source = k;
    }
}

std::vector<Event> find_events_in(std::string_view text, const std::vector<Sentence>& sentences,
                                  const std::vector<Timex>& timexes, std::vector<SentenceAnalysis>* analyses) {
    std::vector<Event> out;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        if (sentences[i].header) continue;
        auto a = analyze_sentence(text, sentences[i], i, timexes);
        if (analyses) {  // the caller numbers the events itself
            analyses->push_back(std::move(a));
            continue;
        }
        for (auto& e : a.events) {
            e.eid = event_id(out.size() + 1);
            out.push_back(std::move(e));
        }
    }
    return out;
}

}  // namespace dateline::events

namespace dateline {

std::vector<Event> find_events(std::string_view text, const std::vector<Sentence>& sentences,
                               const std::vector<Timex>& timexes) {
    return events::find_events_in(text, sentences, timexes, nullptr);
}

}  // namespace dateline
