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
// Each first token also carries what may follow it inside the rule (its "follow": the first set of
// the rest, or "anything", and whether the rule may end right after it). So a rule is skipped when
// its first two tokens cannot be the two at the input: "the" starts dozens of rules, but "the
// company" starts none of them. Text tokens are runs of letters/digits (a run of digits after a
// number) or single other bytes, with spaces between them skipped; the rule's second token is
// compared as a prefix of the text's (never stricter than the parser).
//
// At run time the recognizer announces each candidate position (begin_candidate); try_rule() asks
// may_start(rule) and skips the rule when its first tokens cannot match the input there.
// The answer per (first word, rule) is cached per thread with the follow set the second token must
// meet. Adding a rule needs nothing here.
#pragma once
#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/spirit/home/x3.hpp>

namespace dateline::grammar::first {
namespace x3 = boost::spirit::x3;

struct First;

// The first sets live as long as the process (the registry's rules point into them), so their words
// and follow sets are kept in arenas that are never freed: an Item is then a few trivially copied
// bytes (the walk copies and merges item lists at every level of a parser tree), not a string and
// a reference count. Both arenas stay reachable from a global (no leak for LeakSanitizer).

// A lowercase copy of s, kept for good.
inline std::string_view keep_lower(std::string_view s) {
    constexpr std::size_t kChunk = 16384;
    struct Chunks {
        std::mutex m;
        std::vector<std::unique_ptr<char[]>> all;
    };
    static auto& chunks = *new Chunks();  // never destroyed
    thread_local char* cur = nullptr;
    thread_local std::size_t left = 0;
    if (s.size() > left) {
        const std::size_t n = std::max(kChunk, s.size());
        auto c = std::make_unique<char[]>(n);
        std::lock_guard lock(chunks.m);
        cur = c.get();
        left = n;
        chunks.all.push_back(std::move(c));
    }
    char* w = cur;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        w[i] = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
    }
    cur += s.size();
    left -= s.size();
    return {w, s.size()};
}

// A new first set, kept for good.
inline First* keep_first(First&& f);

// What may follow a first token inside its rule: the first set of the rest (`next`; null: anything),
// and whether the rule may end right after the token (then anything may follow it too).
struct Follow {
    const First* next = nullptr;
    bool may_end = false;
    bool anything() const { return !next || may_end; }
};

struct Item {
    std::string_view word;  // lowercase letters/digits (kept for good: keep_lower)
    bool closed = false;
    bool at_end = false;  // the literal is the last thing its parser consumed
    Follow follow;
};

// A number (x3::uint_parser) that may start a rule: how many digits it takes (max -1: no limit; it
// takes as many as it can) and what may follow it.
struct DigitRun {
    int min = 1, max = -1;
    Follow follow;
};

struct First {
    bool nullable = false;
    bool any = false;
    bool digit = false;
    std::vector<DigitRun> digit_runs;  // when digit: the numbers that may start the rule
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
        digit_runs.insert(digit_runs.end(), o.digit_runs.begin(), o.digit_runs.end());
        punct += o.punct;
        items.insert(items.end(), o.items.begin(), o.items.end());
    }
    void add(First&& o) {
        if (items.empty() && digit_runs.empty() && punct.empty()) {  // take o's lists as they are
            any |= o.any;
            digit |= o.digit;
            digit_runs = std::move(o.digit_runs);
            punct = std::move(o.punct);
            items = std::move(o.items);
            return;
        }
        add(static_cast<const First&>(o));
    }
    void not_at_end() {
        for (auto& i : items) i.at_end = false;
    }
    // Repetition (kleene, plus, list): the same tokens may follow again; give up on follows.
    void follow_anything() {
        for (auto& i : items) i.follow = Follow{};
        for (auto& r : digit_runs) r.follow = Follow{};
    }
    // This parser is followed by `rest`: tokens that may end this parser may be followed by rest's
    // first tokens.
    void followed_by(const First& rest) {
        const First* rest1 = nullptr;  // built once, shared by the tokens that only end here
        // Tokens whose follow sets read the same one deep share their extension (the words of a
        // table such as "sept ." all have a follow of their own, equal ones): old -> new, this call.
        std::vector<std::pair<const First*, const First*>> extended;
        for (auto& i : items) extend(i.follow, rest, rest1, extended);
        for (auto& r : digit_runs) extend(r.follow, rest, rest1, extended);
    }

private:
    static First level_one(const First& f);
    static bool same_level_one(const First& a, const First& b);
    static void extend(Follow& f, const First& rest, const First*& rest1,
                       std::vector<std::pair<const First*, const First*>>& extended);
};

// The first tokens of f without what follows them (a follow set is only ever looked at one deep).
inline First First::level_one(const First& f) {
    First g;
    g.nullable = f.nullable;
    g.any = f.any;
    g.digit = f.digit;
    g.punct = f.punct;
    g.items.reserve(f.items.size());
    for (auto& i : f.items) g.items.push_back({i.word, i.closed, false, {}});
    return g;
}
// Whether level_one(a) and level_one(b) are equal.
inline bool First::same_level_one(const First& a, const First& b) {
    if (a.nullable != b.nullable || a.any != b.any || a.digit != b.digit || a.punct != b.punct ||
        a.items.size() != b.items.size())
        return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (a.items[i].word != b.items[i].word || a.items[i].closed != b.items[i].closed) return false;
    return true;
}
inline void First::extend(Follow& f, const First& rest, const First*& rest1,
                          std::vector<std::pair<const First*, const First*>>& extended) {
    if (!f.next || !f.may_end) return;  // anything follows already / the token is not the last one
    if (!rest1) rest1 = keep_first(level_one(rest));
    if (f.next->any || (!f.next->digit && f.next->punct.empty() && f.next->items.empty())) {
        if (!f.next->any) f.next = rest1;  // nothing of its own yet
    } else {
        // The extension is level_one(*f.next) + rest1: the same for follows equal one deep.
        auto it = std::find_if(extended.begin(), extended.end(),
                               [&](const auto& e) { return e.first == f.next || same_level_one(*e.first, *f.next); });
        if (it != extended.end()) {
            f.next = it->second;
        } else {
            First n = level_one(*f.next);
            n.add(*rest1);
            const First* old = f.next;
            f.next = keep_first(std::move(n));
            extended.emplace_back(old, f.next);
        }
    }
    f.may_end = rest.nullable;
}

inline bool is_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }

inline bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The follow of a token after which the rule's next parser comes ("nothing of its own yet": extend()
// replaces it, never changes it): one shared object instead of one allocation per literal.
inline First* keep_first(First&& f) {
    struct Firsts {
        std::mutex m;
        std::deque<First> all;  // never moves its elements
    };
    static auto& firsts = *new Firsts();  // never destroyed
    std::lock_guard lock(firsts.m);
    return &firsts.all.emplace_back(std::move(f));
}

inline const First* nothing_yet() {
    static const First* none = keep_first(First{});
    return none;
}

// The first token of the literal s, added to f (false: s is spaces only, it consumes no token).
inline bool add_string(First& f, std::string_view s) {
    // The dispatch's tokens skip spaces (see Tokens): a literal's leading spaces are no token of
    // their own, and a literal of spaces only ("5 1/2" is uint >> ' ' >> "1/2") consumes none.
    while (!s.empty() && is_space(static_cast<unsigned char>(s[0]))) s.remove_prefix(1);
    if (s.empty()) return false;
    if (!is_alnum(static_cast<unsigned char>(s[0]))) {
        f.punct.push_back(s[0]);
        return true;
    }
    std::size_t n = 0;
    while (n < s.size() && is_alnum(static_cast<unsigned char>(s[n]))) ++n;
    Item it;
    it.word = keep_lower(s.substr(0, n));
    it.closed = n < s.size();
    it.at_end = !it.closed;
    // The literal's own next token (after its spaces), or nothing yet: the rest of the rule follows.
    std::size_t k = n;
    while (k < s.size() && s[k] == ' ') ++k;
    if (k == s.size()) {
        it.follow = {nothing_yet(), true};
    } else {
        First next;
        std::size_t e = k;
        while (e < s.size() && is_alnum(static_cast<unsigned char>(s[e]))) ++e;
        if (e == k) {
            next.punct.push_back(s[k]);
        } else {
            Item w;
            w.word = keep_lower(s.substr(k, e - k));
            next.items.push_back(w);
        }
        it.follow = {keep_first(std::move(next)), false};
    }
    f.items.push_back(it);
    return true;
}

inline First of_string(std::string_view s) {
    First f;
    if (!add_string(f, s)) return First::empty();
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
    f.follow_anything();
    return f;
}
template <class S> First first_of(const x3::plus<S>& p, Tag t) {
    First f = first_of(p.subject, t);
    f.not_at_end();
    f.follow_anything();
    return f;
}
template <class L, class R> First first_of(const x3::list<L, R>& p, Tag t) {
    First f = first_of(p.left, t);
    f.not_at_end();
    f.follow_anything();
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
    // A table (months, units) appears in many rules: its first set is computed once.
    static std::mutex m;
    static auto& memo = *new std::unordered_map<const void*, First>();  // never destroyed, as the registry
    std::lock_guard lock(m);
    if (auto it = memo.find(p.lookup.get()); it != memo.end()) return it->second;
    First f;
    bool empty_key = false;
    p.lookup->for_each([&](const std::string& key, const T&) {
        if (key.empty()) empty_key = true;
        else add_string(f, key);  // what f.add(of_string(key)) does, without a First per key
    });
    f.nullable = empty_key;
    memo.emplace(p.lookup.get(), f);
    return f;
}
template <class T, unsigned R, unsigned Min, int Max> First first_of(const x3::uint_parser<T, R, Min, Max>&, Tag) {
    First f;
    f.digit = true;
    f.digit_runs.push_back({int(Min), Max, {nothing_yet(), true}});
    return f;
}
template <class ID, class A, bool F> First first_of(const x3::rule<ID, A, F>&, Tag t) {
    // A rule (quantity, ordinal) appears in many rules: its first set is computed once (its follow
    // sets are never changed, only replaced, so the copies may share them).
    static const First f = first_of_rule(static_cast<ID*>(nullptr), t);
    return f;
}
template <class L, class R> First first_of(const x3::sequence<L, R>& p, Tag t) {
    First a = first_of(p.left, t);
    if (boundary_first(p.right, t))
        for (auto& i : a.items)
            if (i.at_end) i.closed = true;
    a.not_at_end();
    First b = first_of(p.right, t);
    a.followed_by(b);
    if (a.nullable) {
        a.add(std::move(b));
        a.nullable = b.nullable;
    }
    return a;
}
template <class L, class R> First first_of(const x3::alternative<L, R>& p, Tag t) {
    First a = first_of(p.left, t);
    First b = first_of(p.right, t);
    a.add(std::move(b));
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

// Never destroyed (it lives as long as the process): a short run of the CLI does not pay for
// freeing hundreds of first sets at exit.
inline std::array<First, kMaxRules>& registry_slots() {
    static auto* slots = new std::array<First, kMaxRules>();
    return *slots;
}
inline std::atomic<int> registered{0};
inline std::mutex registry_mutex;

inline int register_rule(First f) {
    std::lock_guard lock(registry_mutex);
    int i = registered.load();
    if (i >= int(kMaxRules)) return -1;  // beyond the table: always tried
    registry_slots()[std::size_t(i)] = std::move(f);
    registered.store(i + 1);
    return i;
}

// The text at a candidate: its first token (the run of letters/digits, lowercase; for a number,
// only its digits) and the token after it, spaces skipped (a run of letters/digits, or one byte).
struct Tokens {
    unsigned char c = 0;  // first byte
    std::size_t digits = 0;  // a number: the length of its run of digits
    const char* run = nullptr;  // (lowercase, in the caller's buffer)
    std::size_t run_size = 0;
    bool truncated = false;
    unsigned char c2 = 0;  // first byte of the second token; 0 at the end of the window
    bool has_second = false;
    const char* run2 = nullptr;  // (lowercase, in the caller's buffer)
    std::size_t run2_size = 0;
    bool truncated2 = false;
};

// What the second token must meet (the union of some follow sets), compiled for a quick test:
// words compare as prefixes of the text's run (the rule's token may be glued to more letters),
// bucketed by their first byte.
class Second {
public:
    // The union of the follow sets gs.
    explicit Second(const std::vector<const First*>& gs) {
        std::size_t n = 0;
        for (const First* g : gs) {
            any_ |= g->any;
            digit_ |= g->digit;
            for (char p : g->punct) {
                if (p == ' ' || p == '\t' || p == '\n' || p == '\r' || p == '\f' || p == '\v') any_ = true;  // skipped in the text
                if (punct_.find(p) == std::string::npos) punct_.push_back(p);
            }
            n += g->items.size();
        }
        // The distinct words by bucket, sorted within each: placed by a count per bucket, then each
        // bucket (a few words) sorted on its own.
        std::array<std::size_t, kBuckets + 1> at{};
        for (const First* g : gs)
            for (auto& i : g->items) ++at[std::size_t(bucket(i.word)) + 1];
        for (int k = 0; k < kBuckets; ++k) at[std::size_t(k) + 1] += at[std::size_t(k)];
        std::vector<std::string_view> all(n);
        std::array<std::size_t, kBuckets + 1> fill = at;
        for (const First* g : gs)
            for (auto& i : g->items) all[fill[std::size_t(bucket(i.word))]++] = i.word;
        words_.reserve(all.size());
        for (int k = 0; k < kBuckets; ++k) {
            const auto first = all.begin() + std::ptrdiff_t(at[std::size_t(k)]);
            const auto last = all.begin() + std::ptrdiff_t(at[std::size_t(k) + 1]);
            std::sort(first, last);
            begin_[std::size_t(k)] = std::uint16_t(words_.size());
            std::unique_copy(first, last, std::back_inserter(words_));
        }
        begin_[kBuckets] = std::uint16_t(words_.size());
    }
    bool matches(unsigned char c2, bool has_second, std::string_view run2, bool truncated2) const {
        if (any_) return true;
        if (!has_second) return false;
        if (!is_alnum(c2)) return punct_.find(char(c2)) != std::string::npos;
        if (digit_ && c2 >= '0' && c2 <= '9') return true;
        int b = bucket(static_cast<unsigned char>(lower(char(c2))));
        for (std::size_t i = begin_[std::size_t(b)]; i < begin_[std::size_t(b) + 1]; ++i) {
            const std::string_view w = words_[i];
            if (w.size() > run2.size()) {
                if (truncated2) return true;
                continue;
            }
            std::size_t j = 0;  // w is a prefix of run2 (inline: these words are a few bytes long)
            while (j < w.size() && run2[j] == w[j]) ++j;
            if (j == w.size()) return true;
        }
        return false;
    }

    // The Second of the union of some follow sets (which live in the registry for good); one per
    // follow set when there is one, found by its address.
    static const Second& of(const std::vector<const First*>& nexts) {
        thread_local std::unordered_map<const First*, const Second*> by_address;
        if (nexts.size() == 1) {
            if (auto it = by_address.find(nexts[0]); it != by_address.end()) return *it->second;
        } else if (auto it = by_addresses().find(key_of(nexts)); it != by_addresses().end()) {
            return *it->second;
        }
        const Second& s = interned(Second(nexts));
        if (nexts.size() == 1) by_address.emplace(nexts[0], &s);
        else by_addresses().emplace(key_of(nexts), &s);
        return s;
    }
    // The union of some Seconds (proj(x) for x in [first, last)): it matches a second token when
    // one of them does, so that a token none of them takes is turned away in one test (most second
    // tokens after "the", "a", a number are no rule's) before they are tried one by one.
    template <class It, class Proj>
    static const Second& any_of(It first, It last, Proj proj) {
        Second u;
        std::array<std::vector<std::string_view>, kBuckets> by_bucket;
        for (It i = first; i != last; ++i) {
            const Second& s = *proj(*i);
            u.any_ |= s.any_;
            u.digit_ |= s.digit_;
            for (char p : s.punct_)
                if (u.punct_.find(p) == std::string::npos) u.punct_.push_back(p);
            for (std::size_t k = 0; k < std::size_t(kBuckets); ++k)
                for (std::size_t w = s.begin_[k]; w < s.begin_[k + 1]; ++w) by_bucket[k].push_back(s.words_[w]);
        }
        for (std::size_t k = 0; k < std::size_t(kBuckets); ++k) {
            auto& b = by_bucket[k];
            std::sort(b.begin(), b.end());
            u.begin_[k] = std::uint16_t(u.words_.size());
            std::unique_copy(b.begin(), b.end(), std::back_inserter(u.words_));
        }
        u.begin_[kBuckets] = std::uint16_t(u.words_.size());
        return interned(std::move(u));
    }

    // The one Second per distinct content (per thread): the same follow set serves many first words
    // and rules, so the decision cache holds pointers to a few hundred of them.
    static const Second& interned(Second&& s) {
        std::size_t size = 3 + s.punct_.size();
        for (auto& w : s.words_) size += w.size() + 1;
        std::string key;
        key.reserve(size);
        key += s.any_ ? 'A' : 'a';
        key += s.digit_ ? 'D' : 'd';
        key += s.punct_;
        key += '\0';
        for (auto& w : s.words_) {
            key += w;
            key += '\0';
        }
        thread_local std::unordered_map<std::string, std::unique_ptr<const Second>> pool;
        auto& slot = pool[key];
        if (!slot) slot = std::make_unique<const Second>(std::move(s));
        return *slot;
    }

private:
    Second() = default;
    // The union of several follow sets, found by their addresses in order (the same rule's tokens
    // meet the same follows for many first words).
    static std::string key_of(const std::vector<const First*>& nexts) {
        return std::string(reinterpret_cast<const char*>(nexts.data()), nexts.size() * sizeof(const First*));
    }
    static std::unordered_map<std::string, const Second*>& by_addresses() {
        thread_local std::unordered_map<std::string, const Second*> m;
        return m;
    }
    static constexpr int kBuckets = 37;  // a-z, 0-9, other
    static int bucket(unsigned char c) {
        return c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + (c - '0') : 36;
    }
    static int bucket(std::string_view w) { return w.empty() ? 36 : bucket(static_cast<unsigned char>(w[0])); }
    bool any_ = false, digit_ = false;
    std::string punct_;
    std::vector<std::string_view> words_;  // kept for good (keep_lower)
    std::array<std::uint16_t, kBuckets + 1> begin_{};
};

// What rule `f` needs at a candidate whose first token is k's. No: it cannot start there. Yes: it
// may. Check: it may when the second token meets `second` (the follows of the matching first tokens).
enum class Need : unsigned char { No, Yes, Check };
inline Need needs(const First& f, const Tokens& k, std::vector<const First*>& nexts) {
    if (f.any) return Need::Yes;
    bool found = false;
    auto take = [&](const Follow& fo) {
        found = true;
        if (fo.anything()) return true;
        nexts.push_back(fo.next);
        return false;
    };
    const unsigned char c = k.c;
    if (c >= '0' && c <= '9') {
        // Rules tell numbers apart only by their number of digits (numbers of one length share one
        // cache entry); a word of the rule that starts with a digit would need more: then it may
        // always start.
        for (auto& it : f.items)
            if (!it.word.empty() && it.word[0] >= '0' && it.word[0] <= '9') return Need::Yes;
        if (!f.digit) return Need::No;
        const std::size_t d = k.digits;  // at least 1; at most the window, below 255
        for (const auto& r : f.digit_runs) {
            if (d < std::size_t(r.min) || d >= 255) {
                if (d >= 255) return Need::Yes;  // beyond the key's range: no filter
                continue;  // too short for this number
            }
            if (r.max >= 0 && d > std::size_t(r.max)) {
                // The parser stops inside the run: what follows it must take a digit.
                if (r.follow.anything() || r.follow.next->any || r.follow.next->digit) return Need::Yes;
                continue;
            }
            // The parser takes the whole run; the second token must meet what follows it (a follow
            // that starts with a digit then starts at the second token).
            if (take(r.follow)) return Need::Yes;
        }
        return found ? Need::Check : Need::No;
    }
    if (!is_alnum(c)) return f.punct.find(char(c)) != std::string::npos ? Need::Yes : Need::No;
    std::string_view run(k.run, k.run_size);
    for (const auto& i : f.items) {
        if (i.word.size() > run.size()) {
            if (k.truncated) return Need::Yes;
            continue;
        }
        if (i.word[0] != run[0]) continue;  // words are never empty (of_string)
        if (i.closed) {
            if (run == i.word && !k.truncated && take(i.follow)) return Need::Yes;
        } else if (run.substr(0, i.word.size()) == i.word) {
            return Need::Yes;  // the rule's next token may be inside the same run ("fy2023")
        }
    }
    return found ? Need::Check : Need::No;
}

// A set of rules (registry indices), as words of bits so that a family can walk the rules it may
// try in index order.
struct RuleBits {
    static constexpr std::size_t kWords = kMaxRules / 64;
    std::array<std::uint64_t, kWords> w{};
    void set(std::size_t i, bool v = true) {
        if (v) w[i / 64] |= std::uint64_t(1) << (i % 64);
        else w[i / 64] &= ~(std::uint64_t(1) << (i % 64));
    }
    bool test(std::size_t i) const { return (w[i / 64] >> (i % 64)) & 1u; }
    bool none() const {
        std::uint64_t o = 0;
        for (auto x : w) o |= x;
        return o == 0;
    }
    bool intersects(const RuleBits& b) const {
        std::uint64_t o = 0;
        for (std::size_t i = 0; i < kWords; ++i) o |= w[i] & b.w[i];
        return o != 0;
    }
};

// The rules of each grammar family (grammar.hpp numbers them), set when the family is built, so that
// match_at() calls only the families that have a rule allowed at a candidate.
constexpr std::size_t kMaxFamilies = 16;
inline std::array<RuleBits, kMaxFamilies> family_rules{};

// What every rule needs at one first word: may (it may start there), check (if its second token
// meets seconds[k].second).
struct Decisions {
    std::size_t decided = 0;  // rules 0 .. decided-1 are decided
    RuleBits may_only;        // may start, whatever the second token (may and not check)
    // The rules that may start when the second token meets a follow set, grouped by follow set
    // (interned: many rules share one), so that each is tested once per candidate.
    struct Group {
        const Second* second;
        RuleBits rules;
    };
    std::vector<Group> seconds;
    // The union of the groups' follow sets (Second::any_of), for the first `merged` groups.
    const Second* any_second = nullptr;
    std::size_t merged = 0;
    // The distinct sets of rules allowed after this first word (a few: by which groups the second
    // token meets), which the pair cache of begin_candidate refers to by index.
    std::vector<RuleBits> allowed_sets;
};

// Constant-initialized, so that reading it from may_start() needs no thread-local init guard.
struct Candidate {
    const char* first = nullptr;
    const char* last = nullptr;
    Decisions* decisions = nullptr;
    RuleBits allowed;  // rules below decisions->decided that may start here
    bool complete = false;  // every rule was registered (and so decided) when the candidate began
};

inline thread_local constinit Candidate current;
// Off: every rule is tried everywhere (the reference behaviour the dispatch must reproduce; tests).
inline std::atomic<bool> enabled{true};
// Set once every family has registered its rules (after the first full match_at): from then on a
// candidate where no registered rule may start is skipped without calling the families.
inline std::atomic<bool> sealed{false};

// What rule `rule` needs at candidates whose first token is k's.
[[gnu::noinline]] inline void decide(Decisions& d, std::size_t rule, const Tokens& k) {
    thread_local std::vector<const First*> nexts;
    nexts.clear();
    Need need = needs(registry_slots()[rule], k, nexts);
    d.may_only.set(rule, need == Need::Yes);
    if (need == Need::Check) {
        const Second* second = &Second::of(nexts);
        auto g = std::find_if(d.seconds.begin(), d.seconds.end(), [&](const Decisions::Group& x) { return x.second == second; });
        if (g == d.seconds.end()) g = d.seconds.insert(d.seconds.end(), {second, RuleBits{}});
        g->rules.set(rule);
    }
}

// Called by match_at() before it tries the rules at `first`; end_candidate() after. Returns true
// when no rule can start at `first` (the families need not run at all).
// Letters and digits -> their lowercase; any other byte -> 0.
inline constexpr auto kLowerAlnum = [] {
    std::array<char, 256> a{};
    for (int c = '0'; c <= '9'; ++c) a[std::size_t(c)] = char(c);
    for (int c = 'a'; c <= 'z'; ++c) a[std::size_t(c)] = a[std::size_t(c - 'a' + 'A')] = char(c);
    return a;
}();

inline bool begin_candidate(const char* first, const char* last) {
    Candidate& cand = current;
    cand.first = nullptr;  // no filter (every rule is tried) unless set below
    // Off, or at a space (the skipper runs first, the rule's first token comes later): no filter.
    if (!enabled.load(std::memory_order_relaxed) || first == last || is_space(static_cast<unsigned char>(*first)))
        return false;
    const bool all_registered = sealed.load(std::memory_order_acquire);
    cand.last = last;
    // The key of the (first token, second token) pair, read in one pass with its hash (FNV-1a): the
    // first token (its lowercase run; a number: '#' and its number of digits, as numbers of one
    // length share one entry; another byte: '\x01' and the byte), '\x02' when the run is longer
    // than kKeyMax, '\x03', the second token's first byte (0 at the end of the window) and its
    // lowercase run ('\x02' when truncated). The second token comes after the first token's run
    // (a number's digits only; one byte when the first token is not a run), spaces skipped.
    char pair_buf[2 * kKeyMax + 8];
    std::size_t pair_size = 0;
    std::uint32_t ph = 2166136261u;
    auto put = [&](char ch) {
        pair_buf[pair_size++] = ch;
        ph = (ph ^ static_cast<unsigned char>(ch)) * 16777619u;
    };
    // Puts the lowercase run of letters/digits at p (moving p past it), at most kKeyMax bytes of it;
    // true when the run is longer (p then stops there).
    auto put_run = [&](const char*& p, std::size_t& size) {
        for (char l; p < last && (l = kLowerAlnum[static_cast<unsigned char>(*p)]) != 0; ++p) {
            if (size == kKeyMax) return true;
            put(l);
            ++size;
        }
        return false;
    };
    const unsigned char c = static_cast<unsigned char>(*first);
    const bool number = c >= '0' && c <= '9';
    const char* q = first;
    std::size_t digits = 0, run_size = 0;
    bool truncated = false;
    if (number) {
        while (q < last && *q >= '0' && *q <= '9') ++q;
        digits = std::size_t(q - first);
        put('#');
        put(char(std::min<std::size_t>(digits, 255)));
    } else if (kLowerAlnum[c]) {
        truncated = put_run(q, run_size);
        while (q < last && is_alnum(static_cast<unsigned char>(*q))) ++q;  // a truncated run
        if (truncated) put('\x02');
    } else {
        put('\x01');
        put(char(c));
        ++q;
    }
    const std::size_t key_size = pair_size;
    const std::uint32_t key_hash = ph;  // FNV-1a of the first token's key
    put('\x03');
    while (q < last && is_space(static_cast<unsigned char>(*q))) ++q;
    const bool has_second = q < last;
    const unsigned char c2 = has_second ? static_cast<unsigned char>(*q) : 0;
    put(char(c2));
    const std::size_t run2_at = pair_size;
    std::size_t run2_size = 0;
    const bool truncated2 = put_run(q, run2_size);
    if (truncated2) put('\x02');
    // (first token, second token) -> the rules allowed, for the pairs seen lately: most candidates
    // repeat one ("the year", "last week", a number of the same length and a unit). Only once every
    // rule is registered and decided (then the answer for a pair never changes).
    // (The key in place: most pairs are seen once, and a string longer than its small buffer would
    // cost an allocation per candidate.)
    // An entry is half a cache line: the rules allowed are an index into the first word's distinct
    // sets, and a pair whose key is longer than kPairKey (seldom seen) is not kept. 2048 of them
    // hold a corpus's recurring pairs in less memory than 512 entries with the sets and keys of
    // any length in place did.
    constexpr std::size_t kPairKey = 21;
    struct Pair {
        Decisions* decisions = nullptr;
        std::uint16_t allowed = 0;  // index into decisions->allowed_sets
        std::uint8_t key_size = 0;
        char key[kPairKey];
    };
    static_assert(sizeof(Pair) == 32);
    thread_local std::array<Pair, 2048> pairs;
    Pair& pair = pairs[ph & (pairs.size() - 1)];
    if (all_registered && pair.decisions && pair.key_size == pair_size &&
        std::memcmp(pair.key, pair_buf, pair_size) == 0) {
        cand.allowed = pair.decisions->allowed_sets[pair.allowed];
        cand.decisions = pair.decisions;
        cand.first = first;
        cand.complete = true;
        return cand.allowed.none();
    }
    // The tokens, for the decisions.
    Tokens k;
    k.c = c;
    k.digits = digits;
    k.run_size = run_size;
    k.truncated = truncated;
    k.run = pair_buf;  // (the number's key bytes when it is a number: then never read)
    k.c2 = c2;
    k.has_second = has_second;
    k.run2_size = run2_size;
    k.truncated2 = truncated2;
    k.run2 = pair_buf + run2_at;
    const std::string_view key(pair_buf, key_size);
    // First word -> what each rule needs; a small direct-mapped table of recent words in front.
    thread_local std::unordered_map<std::string, Decisions> cache;
    struct Recent {
        std::string key;
        Decisions* decisions = nullptr;
    };
    thread_local std::array<Recent, 64> recent;
    Recent& r = recent[key_hash & 63];
    if (!r.decisions || r.key != key) {
        if (cache.size() > 4096) {
            cache.clear();
            for (auto& e : recent) e.decisions = nullptr;
            for (auto& e : pairs) e.decisions = nullptr;
        }
        r.key.assign(key);
        r.decisions = &cache[r.key];
    }
    Decisions& d = *r.decisions;
    const std::size_t n_registered = std::size_t(registered.load(std::memory_order_acquire));
    for (; d.decided < n_registered; ++d.decided) decide(d, d.decided, k);
    cand.allowed = d.may_only;
    if (!d.seconds.empty()) {
        if (d.merged != d.seconds.size()) {
            d.any_second = &Second::any_of(d.seconds.begin(), d.seconds.end(), [](const Decisions::Group& g) { return g.second; });
            d.merged = d.seconds.size();
        }
        const std::string_view run2(k.run2, k.run2_size);
        if (d.any_second->matches(k.c2, k.has_second, run2, k.truncated2))
            for (auto& g : d.seconds)
                if (g.second->matches(k.c2, k.has_second, run2, k.truncated2))
                    for (std::size_t w = 0; w < RuleBits::kWords; ++w) cand.allowed.w[w] |= g.rules.w[w];
    }
    cand.decisions = &d;
    cand.first = first;
    cand.complete = all_registered;
    if (all_registered && pair_size <= kPairKey) {
        auto& sets = d.allowed_sets;
        std::size_t i = 0;
        while (i < sets.size() && sets[i].w != cand.allowed.w) ++i;
        if (i == sets.size() && i <= 0xFFFF) sets.push_back(cand.allowed);
        if (i <= 0xFFFF) {
            std::memcpy(pair.key, pair_buf, pair_size);
            pair.key_size = std::uint8_t(pair_size);
            pair.decisions = &d;
            pair.allowed = std::uint16_t(i);
        }
    }
    return all_registered && cand.allowed.none();
}
inline void end_candidate() { current.first = nullptr; }

// Cheap test run by try_rule before the X3 parse. `rule` is the rule's index in the registry.
inline bool may_start(int rule, const char* first, const char* last) {
    Candidate& cand = current;
    if (cand.first != first || cand.last != last || rule < 0) return true;  // not announced (or no filter): try it
    auto i = std::size_t(rule);
    if (i >= cand.decisions->decided) [[unlikely]]
        return true;  // registered during this candidate (first use): decided from the next one on
    return cand.allowed.test(i);
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
