// libFuzzer target: the JSON Lines batch reader. The input is a JSON Lines stream, run through
// run_batch on one worker thread (with timelines): every input line must give exactly one output
// line, in order, each a JSON object with its line number and either a result or an "error".
#include <cstdint>
#include <exception>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dateline/batch.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    std::size_t lines = 0;
    for (char c : input) lines += c == '\n';
    if (!input.empty() && input.back() != '\n') ++lines;
    std::istringstream in(input);
    std::ostringstream out;
    dateline::BatchOptions o;
    o.threads = 1;
    o.chunk_bytes = 64;  // several chunks for a few lines
    o.options.dct = dateline::parse_dct("2024-01-19");
    try {
        dateline::run_batch(in, out, o);
    } catch (const std::exception& e) {
        dateline_fuzz::fail("fuzz_jsonl", e.what(), input);
    }
    std::string s = out.str();
    std::size_t b = 0, n = 0;
    while (b < s.size()) {
        auto e = s.find('\n', b);
        if (e == std::string::npos) dateline_fuzz::fail("fuzz_jsonl", "output does not end with a newline", input);
        ++n;
        nlohmann::json r;
        try {
            r = nlohmann::json::parse(s.substr(b, e - b));
        } catch (const std::exception& ex) {
            dateline_fuzz::fail("fuzz_jsonl", "an output line is not JSON", input);
        }
        if (!r.is_object() || !r.contains("line") || r["line"] != n)
            dateline_fuzz::fail("fuzz_jsonl", "an output line has not its line number", input);
        if (!r.contains("error") && !r.contains("timexes"))
            dateline_fuzz::fail("fuzz_jsonl", "an output line has neither an error nor timexes", input);
        b = e + 1;
    }
    if (n != lines) dateline_fuzz::fail("fuzz_jsonl", "not one output line per input line", input);
    return 0;
}
