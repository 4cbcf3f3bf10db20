// The recognizer: finds candidate positions cheaply with a trigger-word table, runs the X3
// grammar only there (leftmost-longest), filters implausible matches and merges date + time.
#pragma once
#include <string_view>
#include <vector>

#include "../../grammars/en/ast.hpp"

namespace dateline::recognize {

struct Mention {
    std::size_t begin = 0;  // byte offsets [begin, end)
    std::size_t end = 0;
    grammar::Expr expr;
    const char* rule = "";
};

// Mentions in document order, non-overlapping.
std::vector<Mention> recognize(std::string_view text);

// Appends to `out` (cleared first); reuses its capacity. For hot loops.
void recognize(std::string_view text, std::vector<Mention>& out);

}  // namespace dateline::recognize
