// Dateline public API: document text: validation and segmentation into paragraphs and sentences.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

// Throws InputError naming the byte offset when `text` is not valid UTF-8 or holds NUL bytes
// (binary input).
void validate_text(std::string_view text);

struct Sentence {
    std::size_t begin = 0;  // byte offsets, [begin, end), trimmed of surrounding whitespace
    std::size_t end = 0;
    std::size_t paragraph = 0;  // index of the paragraph (blank-line separated block)
    bool header = false;        // a title, section header, metadata line or dateline, not running text
};

struct Paragraph {
    std::size_t begin = 0;  // byte offsets, [begin, end), trimmed of surrounding whitespace
    std::size_t end = 0;
};

// Splits text into sentences. Robust to abbreviations (Jan., U.S., p.m., Dr.), decimal numbers,
// quotes after the final period, and datelines ("Washington (AFP) –", split off as a header
// segment); a line break inside a paragraph ends a sentence only after a line that has no final
// punctuation and is short (a header).
std::vector<Sentence> segment(std::string_view text);

// The paragraphs (blank-line separated blocks) of text; Sentence::paragraph indexes this list.
std::vector<Paragraph> paragraphs(std::string_view text);

}  // namespace dateline
