// The Unicode spaces other than U+0020 that web text puts inside dates and between words ("Jan.\u00A019",
// "9\u202Fp.m."): the recognizer, the segmenter and the event tokenizer treat them as spaces. Internal
// to the library.
#pragma once
#include <cstddef>
#include <string_view>

namespace dateline::detail {

// The length in bytes of the no-break or thin space at offset i of t (U+00A0: C2 A0; U+2000-U+200A:
// E2 80 80-8A; U+202F: E2 80 AF), else 0.
inline std::size_t unicode_space_at(std::string_view t, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
    if (i + 1 < t.size() && b(i) == 0xC2 && b(i + 1) == 0xA0) return 2;
    if (i + 2 < t.size() && b(i) == 0xE2 && b(i + 1) == 0x80 && (b(i + 2) <= 0x8A || b(i + 2) == 0xAF)) return 3;
    return 0;
}

}  // namespace dateline::detail
