// Dateline public API: batch processing of many documents on several threads, streaming.
//
// Input is JSON Lines, one document per line:
//     {"id": "a1", "dct": "2024-01-19", "text": "Officials met on Friday ..."}
// ("id" may be any JSON value and is echoed back; "dct" is optional), or plain-text / TimeML files
// (one document each), or folders of them. Output is one JSON line per input line (or per file), in
// input order:
//     {"id": "a1", "line": 1, "dct": ..., "dct_source": ..., "timexes": [...], "timeline": [...], "warnings": [...]}
// A document that cannot be processed (malformed JSON, missing or non-string "text", impossible DCT,
// invalid UTF-8, binary text) gets an error record in its place and the run goes on:
//     {"id": "a1", "line": 7, "error": "impossible DCT \"2024-02-30\""}
//
// Memory stays bounded however large the input: documents are read in chunks of consecutive lines,
// at most `window` chunks are in flight (being read, processed or waiting for their turn to be
// written), and results are written as soon as every earlier one has been.
#pragma once
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/options.hpp"

namespace dateline {

struct BatchOptions {
    unsigned threads = 0;               // worker threads; 0 = one per hardware thread
    std::size_t window = 0;             // chunks in flight; 0 = 4 per worker thread
    std::size_t chunk_bytes = 256 * 1024;  // a chunk groups consecutive lines up to about this size
    Options options;                    // default DCT (a record's "dct" overrides it) and strategy
    bool timeline = true;               // add the timeline (events anchored to times) to each result
    // A document (JSON Lines line or file) larger than this gets an error record instead of being
    // processed; an over-long line is skipped while it is read, never held in memory. 0 = no limit.
    std::size_t max_document_bytes = 64'000'000;
};

struct BatchProgress {
    std::size_t documents = 0;    // result lines written (including error records)
    std::size_t failed = 0;       // error records written
    std::size_t bytes = 0;        // input bytes whose results are written
    std::size_t total_bytes = 0;  // size of all inputs when known (regular files), else 0
    double seconds = 0;           // since the start of the run
};

// Called on the calling thread after results are written, at most about ten times a second, and
// once at the end.
using BatchProgressFn = std::function<void(const BatchProgress&)>;

// The result line (without newline) for one JSON Lines record; `line_no` is 1-based. Sets `failed`
// when the result is an error record.
std::string batch_process_line(std::string_view line, std::size_t line_no, const BatchOptions& o, bool& failed);

// The result line for one document given as its raw bytes (plain text, or TimeML when it looks like
// it), named `name` (used as "id" and "file").
std::string batch_process_document(std::string_view bytes, std::string_view name, const BatchOptions& o,
                                   bool& failed);

// Reads JSON Lines from `in` and writes one result line per input line to `out`, in input order.
BatchProgress run_batch(std::istream& in, std::ostream& out, const BatchOptions& o,
                        const BatchProgressFn& progress = {});

// Processes inputs in order: "-" is JSON Lines on stdin; files ending in .jsonl / .ndjson are JSON
// Lines; a folder stands for the regular files below it (sorted by path, hidden ones skipped); any
// other file is one document. An input that cannot be opened gets an error record.
BatchProgress run_batch(const std::vector<std::string>& inputs, std::ostream& out, const BatchOptions& o,
                        const BatchProgressFn& progress = {});

}  // namespace dateline
