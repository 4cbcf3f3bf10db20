// Dateline public API: find and resolve the temporal expressions of a document.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/options.hpp"
#include "dateline/timex.hpp"

namespace dateline {

enum class DctSource : std::uint8_t { None, Given, Header, Dateline };
std::string_view to_string(DctSource s) noexcept;

struct Annotation {
    std::optional<Dct> dct;           // the DCT used, if any
    DctSource dct_source = DctSource::None;
    std::vector<Timex> timexes;       // in document order, non-overlapping
    std::vector<std::string> warnings;
};

// Annotates UTF-8 text. Throws dateline::InputError when the text is not valid UTF-8.
Annotation annotate(std::string_view text, const Options& options = {});

// Normalizes one expression whose span the caller already has ("last Friday") against a DCT.
// Returns nothing when the text is not a temporal expression.
std::optional<Timex> normalize(std::string_view expression, const Dct& dct,
                               Tense tense = Tense::Unknown, Strategy strategy = Strategy::News);

// Detects the DCT from a dateline or a "Published/Updated/First change: <date>" header.
std::optional<Dct> detect_dct(std::string_view text);

}  // namespace dateline
