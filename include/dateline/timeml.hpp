// Dateline public API: TimeML documents (TempEval-3 .tml) in and out.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/annotate.hpp"
#include "dateline/timex.hpp"

namespace dateline {

// A TIMEX3 as annotated in a TimeML file, with byte offsets into the plain TEXT.
struct GoldTimex {
    std::string tid;
    std::size_t begin = 0, end = 0;
    std::string text;
    std::string type;
    std::string value;
    std::string mod;
};

struct TimemlDocument {
    std::string id;                 // DOCID, or the file name
    std::optional<Dct> dct;         // the CREATION_TIME TIMEX3 of <DCT>
    std::string dct_value;          // its value as written
    std::string text;               // TEXT with every tag removed, entities decoded
    std::vector<GoldTimex> timexes; // TIMEX3 annotated inside TEXT
};

// True when the bytes look like a TimeML document (a <TimeML> root or a <TEXT> element).
bool looks_like_timeml(std::string_view bytes);

// Parses a TimeML document. Throws InputError on malformed XML or a missing <TEXT>.
TimemlDocument read_timeml(std::string_view xml, std::string_view name = {});

// Writes TempEval-3 TimeML: DOCID, DCT, and TEXT = the original text unchanged with
// <TIMEX3 tid type value [mod] ...> tags inserted around each timex; valid XML. C0 control
// characters other than tab, LF and CR (which XML 1.0 cannot represent) are written as spaces.
std::string write_timeml(std::string_view text, const Annotation& a, std::string_view id = "document");

}  // namespace dateline
