// Dateline public API: TempEval-3 (SemEval-2013 Task 1, Task A) scoring of TIMEX3 annotations.
//
// A system timex and a gold timex match *strictly* when their extents are identical and
// *relaxed* when they overlap (one-to-one: each gold timex is paired with at most one system
// timex, the one that overlaps it most). Attribute figures (value, type) count only relaxed
// matches whose attribute is right: P = correct / system timexes, R = correct / gold timexes.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dateline/annotate.hpp"
#include "dateline/options.hpp"
#include "dateline/timeml.hpp"

namespace dateline {

// Raw counts; add them up over documents, then compute figures.
struct EvalCounts {
    std::size_t gold = 0;            // gold TIMEX3
    std::size_t system = 0;          // system TIMEX3
    std::size_t strict = 0;          // pairs with identical extents
    std::size_t relaxed = 0;         // pairs with overlapping extents (includes strict)
    std::size_t value_correct = 0;   // relaxed pairs with the same value
    std::size_t type_correct = 0;    // relaxed pairs with the same type
    EvalCounts& operator+=(const EvalCounts& o);
};

struct PRF {
    double precision = 0, recall = 0, f1 = 0;
};

struct EvalFigures {
    PRF strict;
    PRF relaxed;
    PRF value;                  // value F1 as in TempEval-3
    PRF type;                   // type F1
    double value_accuracy = 0;  // value_correct / relaxed
    double type_accuracy = 0;   // type_correct / relaxed
};
EvalFigures figures(const EvalCounts& c);

// A timex as scored: from a gold file, a system file, or the engine.
struct ScoredTimex {
    std::size_t begin = 0, end = 0;  // byte offsets into the gold TEXT
    std::string text;
    std::string type;
    std::string value;
    std::string explanation;  // the resolver's explanation (engine output only)
    std::string rule;         // unused for gold; reserved for the grammar rule when known
};

enum class EvalErrorKind : std::uint8_t {
    Missed,      // a gold timex no system timex overlaps
    Spurious,    // a system timex that overlaps no gold timex
    Extent,      // overlapping but not identical extents
    WrongValue,  // overlapping, value differs
    WrongType,   // overlapping, type differs
};
std::string_view to_string(EvalErrorKind k) noexcept;  // "missed", "spurious", "extent", "value", "type"

struct EvalError {
    EvalErrorKind kind = EvalErrorKind::Missed;
    std::string document;
    std::optional<ScoredTimex> gold;
    std::optional<ScoredTimex> system;
    std::string context;  // the text around the timex, on one line
    std::string error_class;  // a coarse class for the histogram ("missed DURATION: <num> <unit>")
};

struct DocumentScore {
    std::string id;
    EvalCounts counts;
    std::vector<EvalError> errors;
};

struct EvalReport {
    std::vector<DocumentScore> documents;
    EvalCounts total;
    EvalFigures figures;
};

// Scores one document: `system` timexes carry byte offsets into `gold.text`.
DocumentScore score_document(const TimemlDocument& gold, const std::vector<ScoredTimex>& system);

// Scores a system TimeML document against its gold. When the two TEXTs differ only in
// whitespace, system offsets are mapped onto the gold text; otherwise throws InputError.
DocumentScore score_document(const TimemlDocument& gold, const TimemlDocument& system);

// Runs the engine on the gold TEXT with the gold DCT (Options::dct, no detection) and scores it.
DocumentScore score_engine(const TimemlDocument& gold, const Options& options = {});

// Totals and figures over documents.
EvalReport make_report(std::vector<DocumentScore> documents);

// Engine output in scoring form.
std::vector<ScoredTimex> scored_timexes(const Annotation& a);

// JSON form of a report: totals, figures, per-document counts, errors when `with_errors`.
nlohmann::json to_json(const EvalReport& r, bool with_errors);

}  // namespace dateline
