// Shared by the fuzz targets: report an unexpected exception with the (escaped) input, then abort,
// so that libFuzzer (or the generated-input driver) records it as a crash.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace dateline_fuzz {

[[noreturn]] inline void fail(const char* target, const char* what, std::string_view input) {
    std::fprintf(stderr, "%s: %s on input of %zu bytes: \"", target, what, input.size());
    for (unsigned char c : input) {
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') std::fputc(c, stderr);
        else std::fprintf(stderr, "\\x%02x", c);
    }
    std::fprintf(stderr, "\"\n");
    std::abort();
}

}  // namespace dateline_fuzz
