// WordTable: a read-only hash table from words (string_view) to values, built once from a word
// list and probed on hot paths (the tense cues, the closed-class tags, the event lexicon). Open
// addressing with a short multiplicative hash: one probe costs a few dozen instructions and no
// allocation, where std::unordered_map<std::string_view, ...> pays std::_Hash_bytes and a node
// chase. Keys are views: the caller keeps the storage they point to alive (string literals, or the
// keys of a node-based map the table indexes). Internal to the library.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::detail {

// The 8 or 4 bytes at p as an unsigned number (unaligned, native byte order).
inline std::uint64_t load_u64(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
inline std::uint32_t load_u32(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

// A quick "not in the set" for words looked at on hot paths (the scanner's triggers, the tense
// cues): false when no word of the set has this length, first two and last bytes (in either case);
// true may be a false positive, to be settled by the table itself.
class WordShapes {
public:
    static constexpr std::size_t kMaxLength = 31;  // longer words are in no set (may_contain: false)
    bool may_contain(std::string_view w) const noexcept {
        if (w.empty() || w.size() > kMaxLength) return false;
        const std::uint32_t s = shape(w);
        return (bits_[s >> 6] >> (s & 63)) & 1u;
    }
    void add(std::string_view w) noexcept {
        if (w.empty() || w.size() > kMaxLength) return;
        const std::uint32_t s = shape(w);
        bits_[s >> 6] |= std::uint64_t(1) << (s & 63);
    }

private:
    // Length, first two and last bytes (the same for either case of a letter), hashed to 16 bits.
    static std::uint32_t shape(std::string_view w) noexcept {
        const std::uint32_t len = std::uint32_t(w.size());
        const std::uint32_t a = static_cast<unsigned char>(w[0]) & 31u;
        const std::uint32_t b = w.size() > 1 ? static_cast<unsigned char>(w[1]) & 31u : 0;
        const std::uint32_t z = static_cast<unsigned char>(w[w.size() - 1]) & 31u;
        const std::uint32_t key = (((len << 5 | a) << 5 | b) << 5) | z;
        return (key * 2654435761u) >> 16;  // Knuth's multiplicative hash: the top 16 bits
    }
    std::array<std::uint64_t, 65536 / 64> bits_{};
};

// Hash of a short word: 8 bytes at a time, each mixed in with a multiply.
inline std::uint64_t word_hash(std::string_view s) noexcept {
    const char* p = s.data();
    std::size_t n = s.size();
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    // The last 0-7 bytes: two overlapping 4-byte loads, or three single bytes (the length is mixed in
    // above, so different words rarely collide; equal hashes are compared in full anyway).
    std::uint64_t w = 0;
    if (n >= 4) {
        std::uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + n - 4, 4);
        w = lo | (std::uint64_t(hi) << 32);
    } else if (n > 0) {
        w = std::uint64_t(static_cast<unsigned char>(p[0])) | std::uint64_t(static_cast<unsigned char>(p[n >> 1])) << 8 |
            std::uint64_t(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    h = (h ^ w) * 0x94d049bb133111ebull;
    h ^= h >> 29;
    return h;
}

template <class V>
class WordTable {
public:
    WordTable() = default;

    // Inserts or overwrites (the last insertion of a key wins, as with map[key] = value).
    void set(std::string_view key, V value) {
        if (V* v = find_mutable(key)) {
            *v = std::move(value);
            return;
        }
        if ((size_ + 1) * 2 > slots_.size()) grow();
        place(key, std::move(value));
    }

    const V* find(std::string_view key) const noexcept {
        if (slots_.empty()) return nullptr;
        std::uint64_t h = word_hash(key);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (!s.used) return nullptr;
            if (s.hash == h && s.key == key) return &s.value;
        }
    }
    bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }
    std::size_t size() const noexcept { return size_; }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::string_view key;
        V value{};
        bool used = false;
    };

    V* find_mutable(std::string_view key) noexcept { return const_cast<V*>(std::as_const(*this).find(key)); }

    void place(std::string_view key, V value) {
        std::uint64_t h = word_hash(key);
        std::size_t i = h & mask_;
        while (slots_[i].used) i = (i + 1) & mask_;
        slots_[i].hash = h;
        slots_[i].key = key;
        slots_[i].value = std::move(value);
        slots_[i].used = true;
        ++size_;
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        std::size_t cap = old.empty() ? 16 : old.size() * 2;
        slots_.assign(cap, Slot{});
        mask_ = cap - 1;
        size_ = 0;
        for (auto& s : old)
            if (s.used) place(s.key, std::move(s.value));
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
};

// ASCII character classes by table (the C locale's isalpha/tolower/... without a call per byte).
namespace ascii {
inline bool is_alpha(char c) noexcept { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
inline bool is_digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }
inline bool is_alnum(char c) noexcept { return is_alpha(c) || is_digit(c); }
inline bool is_upper(char c) noexcept { return static_cast<unsigned char>(c - 'A') < 26; }
inline bool is_space(char c) noexcept { return c == ' ' || static_cast<unsigned char>(c - '\t') < 5; }
inline char to_lower(char c) noexcept { return is_upper(c) ? char(c | 0x20) : c; }
}  // namespace ascii

}  // namespace dateline::detail
