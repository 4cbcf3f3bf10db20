// Dateline public API: errors reported for bad input.
#pragma once
#include <stdexcept>
#include <string>

namespace dateline {

// The input cannot be processed (invalid UTF-8, binary, malformed TimeML, impossible DCT...).
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace dateline
