// First sets of the grammar rules, computed from the X3 parser expressions themselves, so that a
// rule is only run where its first token can start it ("dispatch by the first token").
//
// For every rule, first_of() walks the parser tree once and collects what its first token can be:
// words (lowercase, from literals and symbol tables: "last", "january", "the"), digits, punctuation
// bytes ("'" of "'90s"), or "anything" for parsers it does not know (which keeps it sound: an unknown
// parser never filters anything out). A word is "closed" when the literal continues with a
// non-alphanumeric character or is followed by a word boundary (the run of letters/digits at the
// input must then equal it), "open" otherwise (the run must start with it).
//
// At run time the recognizer announces each candidate position (begin_candidate); try_rule() asks
// may_start(rule) and skips the rule when its first set cannot match the letters/digits there.
// The answer per (word, rule) is cached per thread. Adding a rule needs nothing here.
#pragma once
#include <array>
#include <atomic>
#include <bitset>
#include <memory>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/spirit/home/x3.hpp>

namespace dateline::grammar::first {
namespace x3 = boost::spirit::x3;

struct Item {
    std::string word;  // lowercase letters/digits
    bool closed = false;
    bool at_end = false;  // the literal is the last thing its parser consumed
};

struct First {
    bool nullable = false;
    bool any = false;
    bool digit = false;
    std::string punct;  // first bytes that are not letters/digits
    std::vector<Item> items;

    static First anything() {
        First f;
        f.any = f.nullable = true;
        return f;
    }
    static First empty() {
        First f;
        f.nullable = true;
        return f;
    }
    void add(const First& o) {
        any |= o.any;
        digit |= o.digit;
        punct += o.punct;
        items.insert(items.end(), o.items.begin(), o.items.end());
    }
    void not_at_end() {
        for (auto& i : items) i.at_end = false;
    }
};

inline bool is_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }

inline First of_string(std::string_view s) {
    First f;
    if (s.empty()) return First::empty();
    if (!is_alnum(static_cast<unsigned char>(s[0]))) {
        f.punct.push_back(s[0]);
        return f;
    }
    std::size_t n = 0;
    while (n < s.size() && is_alnum(static_cast<unsigned char>(s[n]))) ++n;
    Item it;
    for (std::size_t i = 0; i < n; ++i) it.word.push_back(lower(s[i]));
    it.closed = n < s.size();
    it.at_end = !it.closed;
    f.items.push_back(std::move(it));
    return f;
}

// ---- the walk ------------------------------------------------------------------------------------
// Every overload takes a Tag so that argument-dependent lookup finds all of them (and the grammar's
// own, next to its custom parsers and rules) whatever their order of declaration.

struct Tag {};

template <class P> First first_of(const P&, Tag) { return First::anything(); }  // unknown parsers
// Rules (x3::rule) are opaque: a grammar declares first_of_rule(ID*, Tag) next to a rule's definition;
// without it the rule may start with anything.
template <class ID> First first_of_rule(ID*, Tag) { return First::anything(); }
template <class P> bool boundary_first(const P&, Tag) { return false; }

template <class S> First first_of(const x3::optional<S>& p, Tag t) {
    First f = first_of(p.subject, t);
    f.nullable = true;
    return f;
}
template <class S> First first_of(const x3::kleene<S>& p, Tag t) {
    First f = first_of(p.subject, t);
    f.nullable = true;
    f.not_at_end();
    return f;
}
template <class S> First first_of(const x3::plus<S>& p, Tag t) {
    First f = first_of(p.subject, t);
    f.not_at_end();
    return f;
}
template <class L, class R> First first_of(const x3::list<L, R>& p, Tag t) {
    First f = first_of(p.left, t);
    f.not_at_end();
    return f;
}
template <class L, class R> First first_of(const x3::difference<L, R>& p, Tag t) { return first_of(p.left, t); }
template <class S, class A> First first_of(const x3::action<S, A>& p, Tag t) { return first_of(p.subject, t); }
template <class S> First first_of(const x3::lexeme_directive<S>& p, Tag t) { return first_of(p.subject, t); }
template <class S> First first_of(const x3::no_case_directive<S>& p, Tag t) { return first_of(p.subject, t); }
template <class S> First first_of(const x3::omit_directive<S>& p, Tag t) { return first_of(p.subject, t); }
template <class S> First first_of(const x3::raw_directive<S>& p, Tag t) { return first_of(p.subject, t); }
template <class S, class ID, class T> First first_of(const x3::with_directive<S, ID, T>& p, Tag t) {
    return first_of(p.subject, t);
}
template <class S> First first_of(const x3::not_predicate<S>&, Tag) { return First::empty(); }
template <class S> First first_of(const x3::and_predicate<S>&, Tag) { return First::empty(); }
inline First first_of(const x3::eps_parser&, Tag) { return First::empty(); }
inline First first_of(const x3::semantic_predicate&, Tag) { return First::empty(); }
template <class S, class E, class A> First first_of(const x3::literal_string<S, E, A>& p, Tag) {
    return of_string(std::string_view(p.str));
}
template <class E, class A> First first_of(const x3::literal_char<E, A>& p, Tag) {
    char c = char(p.ch);
    return of_string(std::string_view(&c, 1));
}
template <class E, class T, class L> First first_of(const x3::symbols_parser<E, T, L>& p, Tag) {
    First f;
    bool empty_key = false;
    p.lookup->for_each([&](const std::string& key, const T&) {
        if (key.empty()) empty_key = true;
        else f.add(of_string(key));
    });
    f.nullable = empty_key;
    return f;
}
template <class T, unsigned R, unsigned Min, int Max> First first_of(const x3::uint_parser<T, R, Min, Max>&, Tag) {
    First f;
    f.digit = true;
    return f;
}
template <class ID, class A, bool F> First first_of(const x3::rule<ID, A, F>&, Tag t) {
    return first_of_rule(static_cast<ID*>(nullptr), t);
}
template <class L, class R> First first_of(const x3::sequence<L, R>& p, Tag t) {
    First a = first_of(p.left, t);
    if (boundary_first(p.right, t))
        for (auto& i : a.items)
            if (i.at_end) i.closed = true;
    a.not_at_end();
    if (a.nullable) {
        First b = first_of(p.right, t);
        a.add(b);
        a.nullable = b.nullable;
    }
    return a;
}
template <class L, class R> First first_of(const x3::alternative<L, R>& p, Tag t) {
    First a = first_of(p.left, t);
    First b = first_of(p.right, t);
    a.add(b);
    a.nullable = a.nullable || b.nullable;
    return a;
}

// Does a parser start by checking a word boundary (or a non-alphanumeric character)?
template <class L, class R> bool boundary_first(const x3::sequence<L, R>& p, Tag t) { return boundary_first(p.left, t); }
template <class S, class A> bool boundary_first(const x3::action<S, A>& p, Tag t) { return boundary_first(p.subject, t); }
template <class S> bool boundary_first(const x3::lexeme_directive<S>& p, Tag t) { return boundary_first(p.subject, t); }
template <class S> bool boundary_first(const x3::no_case_directive<S>& p, Tag t) { return boundary_first(p.subject, t); }
template <class S> bool boundary_first(const x3::omit_directive<S>& p, Tag t) { return boundary_first(p.subject, t); }
template <class E, class A> bool boundary_first(const x3::literal_char<E, A>& p, Tag) {
    return !is_alnum(static_cast<unsigned char>(p.ch));
}
template <class S, class E, class A> bool boundary_first(const x3::literal_string<S, E, A>& p, Tag) {
    std::string_view s(p.str);
    return !s.empty() && !is_alnum(static_cast<unsigned char>(s[0]));
}

// ---- the registry and the per-thread candidate ---------------------------------------------------

constexpr std::size_t kMaxRules = 256;
constexpr std::size_t kKeyMax = 48;

inline std::array<First, kMaxRules> registry;
inline std::atomic<int> registered{0};
inline std::mutex registry_mutex;

inline int register_rule(First f) {
    std::lock_guard lock(registry_mutex);
    int i = registered.load();
    if (i >= int(kMaxRules)) return -1;  // beyond the table: always tried
    registry[std::size_t(i)] = std::move(f);
    registered.store(i + 1);
    return i;
}

// Whether rule `f` can start at a position whose run of letters/digits (lowercase) is `run`,
// whose first byte is `c`.
inline bool matches(const First& f, std::string_view run, unsigned char c, bool truncated) {
    if (f.any) return true;
    if (c >= '0' && c <= '9' && f.digit) return true;
    if (!is_alnum(c)) return f.punct.find(char(c)) != std::string::npos;
    for (const auto& i : f.items) {
        if (i.word.size() > run.size()) {
            if (truncated) return true;
            continue;
        }
        if (i.closed ? (run == i.word && !truncated) : run.substr(0, i.word.size()) == i.word) return true;
    }
    return false;
}

struct Decisions {
    std::bitset<kMaxRules> known, may;
};

// Constant-initialized, so that reading it from may_start() needs no thread-local init guard.
struct Candidate {
    const char* first = nullptr;
    const char* last = nullptr;
    Decisions* decisions = nullptr;
    char run[kKeyMax] = {};
    std::size_t run_size = 0;
    bool truncated = false;
    unsigned char c = 0;
};

inline thread_local constinit Candidate current;
// Off: every rule is tried everywhere (the reference behaviour the dispatch must reproduce; tests).
inline std::atomic<bool> enabled{true};

// Called by match_at() before it tries the rules at `first`; end_candidate() after.
inline void begin_candidate(const char* first, const char* last) {
    Candidate& k = current;
    k.first = nullptr;  // no filter (every rule is tried) unless set below
    // Off, or at a space (the skipper runs first, the rule's first token comes later): no filter.
    if (!enabled.load(std::memory_order_relaxed) || first == last) return;
    if (unsigned char c0 = static_cast<unsigned char>(*first);
        c0 == ' ' || c0 == '\t' || c0 == '\n' || c0 == '\r' || c0 == '\f' || c0 == '\v')
        return;
    k.last = last;
    k.run_size = 0;
    k.truncated = false;
    k.c = first < last ? static_cast<unsigned char>(*first) : 0;
    const char* p = first;
    while (p < last && is_alnum(static_cast<unsigned char>(*p))) {
        if (k.run_size == kKeyMax) {
            k.truncated = true;
            break;
        }
        k.run[k.run_size++] = lower(*p);
        ++p;
    }
    // Rules tell digits apart only by "a digit": all numbers share one entry.
    std::string key;
    if (k.c >= '0' && k.c <= '9') key = "#";
    else if (k.run_size == 0) key = std::string("\x01") + char(k.c);
    else key.assign(k.run, k.run_size);
    if (k.truncated) key += "\x02";
    thread_local std::unordered_map<std::string, Decisions> cache;  // (first word, rule) -> may start
    if (cache.size() > 4096) cache.clear();
    k.decisions = &cache[key];
    k.first = first;
}
inline void end_candidate() { current.first = nullptr; }

// Cheap test run by try_rule before the X3 parse. `rule` is the rule's index in the registry.
inline bool may_start(int rule, const char* first, const char* last) {
    Candidate& k = current;
    if (k.first != first || k.last != last || rule < 0) return true;  // not announced (or no filter): try it
    auto i = std::size_t(rule);
    Decisions& d = *k.decisions;
    if (d.known[i]) [[likely]]
        return d.may[i];
    {
        std::string_view run(k.run, k.run_size);
        bool m = matches(registry[i], run, k.c, k.truncated);
        // Digits share one cache entry: only valid when no word of the rule starts with a digit.
        if (k.c >= '0' && k.c <= '9' && !m)
            for (auto& it : registry[i].items)
                if (!it.word.empty() && it.word[0] >= '0' && it.word[0] <= '9') m = true;
        d.may[i] = m;
        d.known[i] = true;
    }
    return d.may[i];
}

// The registry index of a rule object (first use computes its first set).
template <class P>
int rule_index(const P& p) {
    struct Slot {
        const void* addr;
        int index;
    };
    static const Slot slot{std::addressof(p), register_rule(first_of(p, Tag{}))};  // X3 overloads unary &
    if (slot.addr == std::addressof(p)) return slot.index;
    // Another rule object of the same type: look it up by address.
    static std::mutex m;
    static std::unordered_map<const void*, int> others;
    std::lock_guard lock(m);
    auto it = others.find(std::addressof(p));
    if (it == others.end()) it = others.emplace(std::addressof(p), register_rule(first_of(p, Tag{}))).first;
    return it->second;
}

}  // namespace dateline::grammar::first
