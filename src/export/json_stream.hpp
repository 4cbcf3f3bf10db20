// The JSON of a timeline written straight to text, without building the nlohmann::json tree first:
// the same bytes as to_json(t).dump() (keys in the same sorted order, the same escapes and
// indentation), at a fraction of the time and memory on large documents (the tree holds a map node
// per key and a copy of every sentence an entry carries). Internal to the library and the CLI.
#pragma once
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "dateline/exporters.hpp"

namespace dateline::exporter {

struct JsonStyle {
    int indent = 2;                // spaces per level as in dump(indent); -1: compact, as dump()
    int level = 0;                 // nesting level the object starts at (inside an array: 1)
    bool replace_invalid = false;  // invalid UTF-8: replaced as error_handler_t::replace, else thrown as strict
};

struct TimelineJsonParts {
    bool document = true;  // "source", "paragraphs", "sentences" and "events" (else only the annotation and "timeline")
    std::vector<std::pair<std::string, nlohmann::json>> extra;  // more top-level keys ("file", "id", ...)
};

// Appends to `out` what `j.dump(style.indent, ' ', false, handler)` prints for the object j =
// to_json(t, o) without the parts left out and with the extra keys set. When `os` is given, the
// text is written to it in pieces as it grows (and `out` is left empty).
void write_timeline_json(std::string& out, const Timeline& t, const ExportOptions& o, const TimelineJsonParts& parts,
                         const JsonStyle& style, std::ostream* os = nullptr);

}  // namespace dateline::exporter
