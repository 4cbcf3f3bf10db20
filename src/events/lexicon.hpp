// The event lexicon: verbs and event nouns from the word lists in grammars/en/events/, with the
// morphology that maps an inflected form back to its lemma. The lists are compiled at BUILD time
// (grammars/en/events/gen_lexicon.cpp) into constant tables: entries, and open-addressing hash
// tables over them, all constant-initialized, so that nothing is built when a process starts.
// Hash lookups only: analysing a word costs a handful of probes.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <boost/container/small_vector.hpp>

#include "core/word_table.hpp"

namespace dateline::events {

enum class VerbForm : std::uint8_t { Base, ThirdSingular, Past, Participle, PastOrParticiple, Gerund };

namespace tables {

// The generated tables hold their strings as offsets into one character pool, not as pointers: a
// position-independent executable then loads them as they are, read-only and paged in only where
// looked at, instead of relocating (writing) every string pointer of every table at start-up.
extern const char pool[];

// A string of the pool.
struct Str {
    std::uint32_t off = 0, len = 0;
    std::string_view view() const noexcept { return {pool + off, len}; }
    operator std::string_view() const noexcept { return view(); }
    std::size_t size() const noexcept { return len; }
    friend bool operator==(Str a, std::string_view b) noexcept { return a.view() == b; }
};

// The entries' words, one array: an entry's words are a range of it.
extern const Str word_list[];

struct Words {
    std::uint32_t begin = 0, count = 0;
    std::size_t size() const noexcept { return count; }
    bool empty() const noexcept { return count == 0; }
    std::string_view operator[](std::size_t i) const noexcept { return word_list[begin + i]; }
    std::string_view back() const noexcept { return word_list[begin + count - 1]; }
};

}  // namespace tables

struct VerbEntry {
    tables::Str lemma;         // "drown", "look forward"
    tables::Words rest;        // words after the first one ("forward")
    tables::Str event_class;   // TimeML class
    bool hypothetical = false; // its complement is a wish, attempt or threat
};

struct NounEntry {
    tables::Str lemma;       // "press conference"
    tables::Words words;     // its words, the last one singular
    tables::Str event_class;
};

// The readings of an irregular form: its base and which form it is ("left" -> "leave", past or participle).
struct IrregularForm {
    tables::Str base;
    VerbForm form = VerbForm::Past;
};

using VerbEntries = std::span<const VerbEntry>;  // the entries of one first-word lemma, longest first
using NounEntries = std::span<const NounEntry>;  // the entries of one last word, longest first

struct VerbAnalysis {
    const VerbEntry* entry = nullptr;  // the first-word entries are tried by the caller for `rest`
    VerbEntries entries;               // all entries of first_lemma (entry is the first)
    std::string_view first_lemma;      // lemma of the first word ("look"), a key of the lexicon
    VerbForm form = VerbForm::Base;
};

namespace tables {

// One slot of a generated open-addressing table (linear probing, detail::word_hash, at most half full):
// the key and the range [begin, begin + count) of the values it maps to. An empty slot has count 0.
struct Slot {
    std::uint64_t hash;
    Str key;
    std::uint32_t begin, count;
};

struct Table {
    const Slot* slots;
    std::size_t mask;  // slot count - 1 (a power of two)

    const Slot* find(std::string_view key) const noexcept {
        std::uint64_t h = detail::word_hash(key);
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot& s = slots[i];
            if (!s.count) return nullptr;
            if (s.hash == h && s.key == key) return &s;
        }
    }
};

// Defined in the generated file (build/generated/event_lexicon_tables.cpp).
extern const VerbEntry verb_entries[];
extern const NounEntry noun_entries[];
extern const std::size_t noun_entry_count;
extern const IrregularForm irregular_forms[];
extern const Table verbs;      // first word lemma -> verb_entries
extern const Table irregular;  // form -> irregular_forms
extern const Table nouns;      // last word -> noun_entries

}  // namespace tables

using VerbForms = boost::container::small_vector<VerbAnalysis, 4>;

class Lexicon {
public:
    static const Lexicon& get() {
        static constexpr Lexicon lexicon;  // the tables are constants: nothing to build
        return lexicon;
    }

    // Every reading of `lower` as a form of a known verb (several for "read", "found", "left").
    VerbForms verb_forms(std::string_view lower) const;
    // Entries whose first word has lemma `first` ("look" -> "look forward"); empty when none.
    VerbEntries verbs_starting(std::string_view first) const {
        const tables::Slot* s = tables::verbs.find(first);
        return s ? VerbEntries(tables::verb_entries + s->begin, s->count) : VerbEntries();
    }
    // Event nouns whose last word is `last_singular` ("conference" -> "press conference", "conference").
    NounEntries nouns_ending(std::string_view last_singular) const {
        const tables::Slot* s = tables::nouns.find(last_singular);
        return s ? NounEntries(tables::noun_entries + s->begin, s->count) : NounEntries();
    }
    // The candidate lists for_each_noun_ending() would visit for `lower`, in its order (at most 4).
    std::size_t noun_candidates(std::string_view lower, NounEntries (&out)[4]) const {
        std::size_t n = 0;
        for_each_noun_ending(lower, [&](NounEntries v) {
            if (n < 4) out[n++] = v;
            return false;
        });
        return n;
    }
    // Event nouns whose last word is `lower` or its singular ("elections" -> "election"), calling
    // f(entries) for each candidate until it returns true.
    template <class F>
    bool for_each_noun_ending(std::string_view lower, F&& f) const {
        auto probe = [&](std::string_view w) {
            NounEntries v = nouns_ending(w);
            return !v.empty() && f(v);
        };
        if (probe(lower)) return true;
        std::size_t n = lower.size();
        if (n > 4 && lower.substr(n - 3) == "ies") {
            char buf[64];
            if (n - 2 <= sizeof buf) {
                lower.copy(buf, n - 3);
                buf[n - 3] = 'y';
                if (probe(std::string_view(buf, n - 2))) return true;
            }
        }
        if (n > 3 && lower.substr(n - 2) == "es" && probe(lower.substr(0, n - 2))) return true;
        if (n > 3 && lower.back() == 's' && lower[n - 2] != 's' && probe(lower.substr(0, n - 1))) return true;
        return false;
    }

private:
    constexpr Lexicon() = default;
};

}  // namespace dateline::events
