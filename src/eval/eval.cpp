// TempEval-3 Task A scoring. See include/dateline/eval.hpp.
#include "dateline/eval.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "dateline/error.hpp"

namespace dateline {
namespace {

double ratio(std::size_t a, std::size_t b) { return b == 0 ? 0.0 : double(a) / double(b); }
PRF prf(std::size_t correct, std::size_t system, std::size_t gold) {
    PRF p;
    p.precision = ratio(correct, system);
    p.recall = ratio(correct, gold);
    p.f1 = p.precision + p.recall == 0 ? 0.0 : 2 * p.precision * p.recall / (p.precision + p.recall);
    return p;
}

std::size_t overlap(const ScoredTimex& a, const ScoredTimex& b) {
    std::size_t lo = std::max(a.begin, b.begin), hi = std::min(a.end, b.end);
    return hi > lo ? hi - lo : 0;
}

bool utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The text around [b, e) on one line, the timex between [[ ]].
std::string context_of(std::string_view t, std::size_t b, std::size_t e) {
    constexpr std::size_t reach = 60;
    std::size_t from = b > reach ? b - reach : 0, to = std::min(t.size(), e + reach);
    while (from > 0 && utf8_continuation(t[from])) --from;
    while (to < t.size() && utf8_continuation(t[to])) ++to;
    std::string s;
    auto put = [&](std::string_view part) {
        for (char c : part) {
            bool ws = c == '\n' || c == '\r' || c == '\t' || c == ' ';
            if (ws) {
                if (!s.empty() && s.back() != ' ') s += ' ';
            } else {
                s += c;
            }
        }
    };
    put(t.substr(from, b - from));
    s += "[[";
    put(t.substr(b, e - b));
    s += "]]";
    put(t.substr(e, to - e));
    return s;
}

// Coarse shape of an expression for the error histogram: words that vary (numbers, month and
// weekday names, units) become placeholders so that "three weeks" and "five days" share a class.
std::string text_pattern(std::string_view text) {
    static constexpr std::string_view months[] = {"january", "february", "march", "april", "may", "june", "july",
                                                  "august", "september", "october", "november", "december",
                                                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                                                  "oct", "nov", "dec"};
    static constexpr std::string_view weekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                                    "saturday", "sunday"};
    static constexpr std::string_view numbers[] = {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "a", "an", "several", "few"};
    static constexpr std::string_view units[] = {"second", "minute", "hour", "day", "week", "month", "year",
                                                 "decade", "century", "quarter", "night", "weekend"};
    std::string out;
    std::size_t i = 0;
    int words = 0;
    while (i < text.size() && words < 6) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (std::isspace(c)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        std::string w;
        if (std::isdigit(c)) {
            while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
            w = j - i == 4 ? "<yyyy>" : "<n>";
        } else if (std::isalpha(c)) {
            while (j < text.size() && (std::isalpha(static_cast<unsigned char>(text[j])) || text[j] == '\'')) ++j;
            std::string lw(text.substr(i, j - i));
            for (auto& ch : lw) ch = char(std::tolower(static_cast<unsigned char>(ch)));
            w = lw;
            auto in = [&](auto& list) { return std::find(std::begin(list), std::end(list), lw) != std::end(list); };
            std::string sing = lw.size() > 1 && lw.back() == 's' ? lw.substr(0, lw.size() - 1) : lw;
            if (in(months)) w = "<month>";
            else if (in(weekdays)) w = "<weekday>";
            else if (in(numbers)) w = "<n>";
            else if (std::find(std::begin(units), std::end(units), sing) != std::end(units)) w = "<unit>";
            else if (sing == "centurie") w = "<unit>";
        } else {
            j = i + 1;
            while (j < text.size() && utf8_continuation(text[j])) ++j;
            w = std::string(text.substr(i, j - i));
        }
        if (!out.empty() && w != "-" && out.back() != '-') out += ' ';
        out += w;
        ++words;
        i = j;
    }
    if (i < text.size()) out += " ...";
    return out;
}

// Shape of a value: digits become 9 ("1998-01-08" -> "9999-99-99").
std::string value_shape(std::string_view v) {
    std::string s(v);
    for (auto& c : s)
        if (std::isdigit(static_cast<unsigned char>(c))) c = '9';
    return s;
}

std::string classify(const EvalError& e) {
    switch (e.kind) {
        case EvalErrorKind::Missed: return fmt::format("missed {}: {}", e.gold->type, text_pattern(e.gold->text));
        case EvalErrorKind::Spurious:
            return fmt::format("spurious {}: {}", e.system->type, text_pattern(e.system->text));
        case EvalErrorKind::Extent: {
            const auto& g = *e.gold;
            const auto& s = *e.system;
            const char* how = s.begin <= g.begin && s.end >= g.end   ? "system longer"
                              : s.begin >= g.begin && s.end <= g.end ? "system shorter"
                                                                     : "shifted";
            return fmt::format("extent ({}): gold {}", how, text_pattern(g.text));
        }
        case EvalErrorKind::WrongValue:
            return fmt::format("value {}: gold {} vs system {}", e.gold->type, value_shape(e.gold->value),
                               value_shape(e.system->value));
        case EvalErrorKind::WrongType:
            return fmt::format("type: gold {} vs system {}", e.gold->type, e.system->type);
    }
    return "";
}

ScoredTimex from_gold(const GoldTimex& g) {
    ScoredTimex s;
    s.begin = g.begin;
    s.end = g.end;
    s.text = g.text;
    s.type = g.type;
    s.value = g.value;
    return s;
}

// Trims ASCII whitespace off a timex extent (annotators sometimes include a trailing space).
void trim_extent(std::string_view text, ScoredTimex& t) {
    while (t.begin < t.end && std::isspace(static_cast<unsigned char>(text[t.begin]))) ++t.begin;
    while (t.end > t.begin && std::isspace(static_cast<unsigned char>(text[t.end - 1]))) --t.end;
    t.text = std::string(text.substr(t.begin, t.end - t.begin));
}

}  // namespace

EvalCounts& EvalCounts::operator+=(const EvalCounts& o) {
    gold += o.gold;
    system += o.system;
    strict += o.strict;
    relaxed += o.relaxed;
    value_correct += o.value_correct;
    type_correct += o.type_correct;
    return *this;
}

EvalFigures figures(const EvalCounts& c) {
    EvalFigures f;
    f.strict = prf(c.strict, c.system, c.gold);
    f.relaxed = prf(c.relaxed, c.system, c.gold);
    f.value = prf(c.value_correct, c.system, c.gold);
    f.type = prf(c.type_correct, c.system, c.gold);
    f.value_accuracy = ratio(c.value_correct, c.relaxed);
    f.type_accuracy = ratio(c.type_correct, c.relaxed);
    return f;
}

std::string_view to_string(EvalErrorKind k) noexcept {
    switch (k) {
        case EvalErrorKind::Missed: return "missed";
        case EvalErrorKind::Spurious: return "spurious";
        case EvalErrorKind::Extent: return "extent";
        case EvalErrorKind::WrongValue: return "value";
        case EvalErrorKind::WrongType: return "type";
    }
    return "";
}

DocumentScore score_document(const TimemlDocument& gold, const std::vector<ScoredTimex>& system_in) {
    DocumentScore d;
    d.id = gold.id;
    std::vector<ScoredTimex> golds;
    golds.reserve(gold.timexes.size());
    for (const auto& g : gold.timexes) {
        golds.push_back(from_gold(g));
        trim_extent(gold.text, golds.back());
    }
    std::vector<ScoredTimex> sys = system_in;
    for (auto& s : sys) {
        if (s.begin > s.end || s.end > gold.text.size())
            throw InputError(fmt::format("{}: system timex \"{}\" lies outside the text", gold.id, s.text));
        trim_extent(gold.text, s);
    }
    auto by_begin = [](const ScoredTimex& a, const ScoredTimex& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    };
    std::stable_sort(golds.begin(), golds.end(), by_begin);
    std::stable_sort(sys.begin(), sys.end(), by_begin);
    d.counts.gold = golds.size();
    d.counts.system = sys.size();

    // One-to-one pairing: each gold takes the free system timex that overlaps it most.
    std::vector<int> sys_pair(sys.size(), -1), gold_pair(golds.size(), -1);
    // Identical extents first, so that an overlap never steals another gold's exact match.
    for (std::size_t gi = 0; gi < golds.size(); ++gi)
        for (std::size_t si = 0; si < sys.size(); ++si)
            if (sys_pair[si] < 0 && sys[si].begin == golds[gi].begin && sys[si].end == golds[gi].end) {
                gold_pair[gi] = int(si);
                sys_pair[si] = int(gi);
                break;
            }
    for (std::size_t gi = 0; gi < golds.size(); ++gi) {
        if (gold_pair[gi] >= 0) continue;
        std::size_t best_overlap = 0;
        int best = -1;
        for (std::size_t si = 0; si < sys.size(); ++si) {
            if (sys_pair[si] >= 0) continue;
            auto ov = overlap(golds[gi], sys[si]);
            if (ov > best_overlap) {
                best_overlap = ov;
                best = int(si);
            }
        }
        if (best >= 0) {
            gold_pair[gi] = best;
            sys_pair[std::size_t(best)] = int(gi);
        }
    }
    auto error = [&](EvalErrorKind k, const ScoredTimex* g, const ScoredTimex* s) {
        EvalError e;
        e.kind = k;
        e.document = gold.id;
        if (g) e.gold = *g;
        if (s) e.system = *s;
        std::size_t b = g ? g->begin : s->begin, en = g ? g->end : s->end;
        if (g && s) {
            b = std::min(g->begin, s->begin);
            en = std::max(g->end, s->end);
        }
        e.context = context_of(gold.text, b, en);
        e.error_class = classify(e);
        d.errors.push_back(std::move(e));
    };
    for (std::size_t gi = 0; gi < golds.size(); ++gi) {
        const auto& g = golds[gi];
        if (gold_pair[gi] < 0) {
            error(EvalErrorKind::Missed, &g, nullptr);
            continue;
        }
        const auto& s = sys[std::size_t(gold_pair[gi])];
        ++d.counts.relaxed;
        if (s.begin == g.begin && s.end == g.end) ++d.counts.strict;
        else error(EvalErrorKind::Extent, &g, &s);
        if (s.value == g.value) ++d.counts.value_correct;
        else error(EvalErrorKind::WrongValue, &g, &s);
        if (s.type == g.type) ++d.counts.type_correct;
        else error(EvalErrorKind::WrongType, &g, &s);
    }
    for (std::size_t si = 0; si < sys.size(); ++si)
        if (sys_pair[si] < 0) error(EvalErrorKind::Spurious, nullptr, &sys[si]);
    std::stable_sort(d.errors.begin(), d.errors.end(), [](const EvalError& a, const EvalError& b) {
        auto pos = [](const EvalError& e) { return e.gold ? e.gold->begin : e.system->begin; };
        return pos(a) < pos(b);
    });
    return d;
}

DocumentScore score_document(const TimemlDocument& gold, const TimemlDocument& system) {
    std::vector<ScoredTimex> sys;
    sys.reserve(system.timexes.size());
    if (system.text == gold.text) {
        for (const auto& t : system.timexes) sys.push_back(from_gold(t));
        return score_document(gold, sys);
    }
    // Map each non-whitespace byte of the system text onto the same byte of the gold text.
    auto is_ws = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    std::vector<std::size_t> map(system.text.size() + 1, std::size_t(-1));
    std::size_t gi = 0;
    for (std::size_t si = 0; si < system.text.size(); ++si) {
        if (is_ws(system.text[si])) continue;
        while (gi < gold.text.size() && is_ws(gold.text[gi])) ++gi;
        if (gi >= gold.text.size() || gold.text[gi] != system.text[si])
            throw InputError(fmt::format("{}: the system TEXT differs from the gold TEXT near system byte {}",
                                         gold.id, si));
        map[si] = gi++;
    }
    while (gi < gold.text.size() && is_ws(gold.text[gi])) ++gi;
    if (gi != gold.text.size())
        throw InputError(fmt::format("{}: the system TEXT is shorter than the gold TEXT", gold.id));
    for (const auto& t : system.timexes) {
        std::size_t b = t.begin, e = t.end;
        while (b < e && map[b] == std::size_t(-1)) ++b;
        while (e > b && map[e - 1] == std::size_t(-1)) --e;
        if (b == e) continue;  // an empty or all-space timex: nothing to score
        ScoredTimex s = from_gold(t);
        s.begin = map[b];
        s.end = map[e - 1] + 1;
        sys.push_back(std::move(s));
    }
    return score_document(gold, sys);
}

std::vector<ScoredTimex> scored_timexes(const Annotation& a) {
    std::vector<ScoredTimex> out;
    out.reserve(a.timexes.size());
    for (const auto& t : a.timexes) {
        ScoredTimex s;
        s.begin = t.begin;
        s.end = t.end;
        s.text = t.text;
        s.type = std::string(to_string(t.type));
        s.value = t.value;
        s.explanation = t.explanation;
        out.push_back(std::move(s));
    }
    return out;
}

DocumentScore score_engine(const TimemlDocument& gold, const Options& options) {
    Options o = options;
    if (gold.dct) o.dct = gold.dct;
    o.detect_dct = false;
    return score_document(gold, scored_timexes(annotate(gold.text, o)));
}

EvalReport make_report(std::vector<DocumentScore> documents) {
    EvalReport r;
    r.documents = std::move(documents);
    for (const auto& d : r.documents) r.total += d.counts;
    r.figures = figures(r.total);
    return r;
}

namespace {

nlohmann::json prf_json(const PRF& p) {
    return {{"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}};
}
nlohmann::json counts_json(const EvalCounts& c) {
    return {{"gold", c.gold},           {"system", c.system},
            {"strict", c.strict},       {"relaxed", c.relaxed},
            {"value_correct", c.value_correct}, {"type_correct", c.type_correct}};
}
nlohmann::json timex_json(const ScoredTimex& t) {
    nlohmann::json j = {{"begin", t.begin}, {"end", t.end}, {"text", t.text}, {"type", t.type}, {"value", t.value}};
    if (!t.explanation.empty()) j["explanation"] = t.explanation;
    return j;
}

}  // namespace

nlohmann::json to_json(const EvalReport& r, bool with_errors) {
    nlohmann::json j;
    const auto& f = r.figures;
    j["counts"] = counts_json(r.total);
    j["strict"] = prf_json(f.strict);
    j["relaxed"] = prf_json(f.relaxed);
    j["value"] = prf_json(f.value);
    j["type"] = prf_json(f.type);
    j["value_accuracy"] = f.value_accuracy;
    j["type_accuracy"] = f.type_accuracy;
    auto docs = nlohmann::json::array();
    for (const auto& d : r.documents) {
        auto df = figures(d.counts);
        nlohmann::json dj = {{"id", d.id},
                             {"counts", counts_json(d.counts)},
                             {"strict_f1", df.strict.f1},
                             {"relaxed_f1", df.relaxed.f1},
                             {"value_f1", df.value.f1},
                             {"type_f1", df.type.f1}};
        docs.push_back(std::move(dj));
    }
    j["documents"] = std::move(docs);
    if (with_errors) {
        auto errs = nlohmann::json::array();
        for (const auto& d : r.documents)
            for (const auto& e : d.errors) {
                nlohmann::json ej = {{"kind", to_string(e.kind)},
                                     {"document", e.document},
                                     {"class", e.error_class},
                                     {"context", e.context}};
                if (e.gold) ej["gold"] = timex_json(*e.gold);
                if (e.system) ej["system"] = timex_json(*e.system);
                errs.push_back(std::move(ej));
            }
        j["errors"] = std::move(errs);
    }
    return j;
}

}  // namespace dateline
