// annotate(): document -> timexes. Validation, DCT, segmentation, recognition, tense, resolution
// with the narrative reference time carried forward.
#include "dateline/annotate.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "annotate_internal.hpp"
#include "dateline/document.hpp"
#include "dateline/error.hpp"
#include "recognize/recognizer.hpp"
#include "resolve/resolver.hpp"
#include "resolve/tense.hpp"
#include "document/segment_internal.hpp"

namespace dateline {
namespace {

bool starts_with_ci(std::string_view s, std::string_view p) {
    if (s.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
    return true;
}

// Fills t (a new Timex) from the mention and its resolution.
void fill_timex(Timex& t, std::string_view text, const recognize::Mention& m, resolve::Resolution&& r, Tense tense,
                std::size_t index) {
    std::string tid(1, 't');
    tid += std::to_string(index);
    t.tid = std::move(tid);
    t.begin = m.begin;
    t.end = m.end;
    t.text.assign(text.substr(m.begin, m.end - m.begin));
    t.type = r.type;
    t.value = std::move(r.value);
    t.mod = std::move(r.mod);
    t.quant = std::move(r.quant);
    t.freq = std::move(r.freq);
    t.interval = r.interval;
    t.granularity = r.granularity;
    t.known = r.known;
    t.implied = r.implied;
    t.temporal_function = r.temporal_function;
    t.anchor = std::move(r.anchor);
    t.tense = tense;
    t.explanation = std::move(r.explanation);
}

Timex make_timex(std::string_view text, const recognize::Mention& m, resolve::Resolution&& r, Tense tense,
                 std::size_t index) {
    Timex t;
    fill_timex(t, text, m, std::move(r), tense, index);
    return t;
}

// A full date (year, month, day) said in the text, with its time of day if any.
std::optional<Dct> full_date_in(std::string_view line) {
    for (auto& m : recognize::recognize(line)) {
        const auto& e = m.expr;
        if (e.shape != grammar::Shape::Calendar || e.year <= 0 || e.two_digit_year || e.month <= 0 || e.day <= 0)
            continue;
        date::year_month_day ymd{date::year{e.year} / date::month(unsigned(e.month)) / date::day(unsigned(e.day))};
        if (!ymd.ok()) continue;
        Dct d{ymd, std::nullopt};
        if (e.hour >= 0) {
            int h = e.hour;
            if (e.ampm == 2 && h < 12) h += 12;
            if (e.ampm == 1 && h == 12) h = 0;
            if (h < 24) d.seconds = h * 3600 + std::max(e.minute, 0) * 60;
        }
        return d;
    }
    return std::nullopt;
}

std::optional<std::pair<Dct, DctSource>> find_dct(std::string_view text) {
    // 1. A header line: "Published: ...", "Updated ...", "First change: ...", "Posted on ...".
    static constexpr std::string_view headers[] = {"first published", "published", "first change", "posted",
                                                   "updated",         "last updated", "date",        "dateline",
                                                   "last change",     "created"};
    std::size_t limit = std::min<std::size_t>(text.size(), 4000);
    std::optional<Dct> dateline_candidate;
    std::size_t lines = 0;
    for (std::size_t b = 0; b < limit && lines < 40;) {
        std::size_t e = text.find('\n', b);
        if (e == std::string_view::npos) e = text.size();
        std::string_view line = text.substr(b, e - b);
        std::size_t s = 0;
        while (s < line.size() && (line[s] == ' ' || line[s] == '\t')) ++s;
        line.remove_prefix(s);
        for (auto h : headers) {
            if (starts_with_ci(line, h)) {
                auto rest = line.substr(h.size());
                if (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest[0]))) continue;
                if (auto d = full_date_in(rest.substr(0, 80))) return std::pair{*d, DctSource::Header};
            }
        }
        // 2. A dateline: a short line, or one with an agency in parentheses, that starts with a full date
        //    or has one before the agency: "WASHINGTON, Jan. 19, 2024 (AP) --", "Friday, January 19, 2024".
        //    Or a dash ends it before the story: "NEW YORK, Oct. 24, 2023 — Acme Corp. reported ...".
        if (!dateline_candidate && !line.empty()) {
            auto paren = line.find(" (");
            bool agency = paren != std::string_view::npos && paren < 80;
            std::size_t dash = std::string_view::npos;
            for (std::string_view d : {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- ", " - ", "\xE2\x80\x94"}) {
                auto at = line.substr(0, 80).find(d);
                if (at != std::string_view::npos && at < dash) dash = at;
            }
            if (line.size() < 80 || agency) {
                auto head = line.substr(0, agency ? paren : line.size());
                if (auto d = full_date_in(head)) dateline_candidate = d;
            } else if (dash != std::string_view::npos) {
                if (auto d = full_date_in(line.substr(0, dash))) dateline_candidate = d;
            }
        }
        ++lines;
        b = e + 1;
    }
    if (dateline_candidate) return std::pair{*dateline_candidate, DctSource::Dateline};
    return std::nullopt;
}

// Whether the mention keeps the narrative's reference time where it is: an anaphor that names the
// same time ("that day", "the quarter") does; one that moves the story on or back ("Three weeks
// later", "the next day", "the following spring", "two years after that") does not: the next
// anaphor counts from the time it names.
bool keeps_reference(const grammar::Expr& e) {
    using grammar::Rel;
    if (!e.anaphoric) return false;
    const bool moves = e.shape == grammar::Shape::Offset || e.rel == Rel::Following || e.rel == Rel::Previous ||
                       e.rel == Rel::Next || e.rel == Rel::Last;
    return !moves;
}

// "In January, the company ...": the mention opens the sentence [sb, ...) (after quotes and an
// optional "In") and a comma closes it.
bool fronted_adjunct(std::string_view text, std::size_t sb, std::size_t begin, std::size_t end) {
    std::size_t k = sb;
    while (k < begin && (text[k] == ' ' || text[k] == '\n' || text[k] == '"' || text[k] == '`' || text[k] == '\''))
        ++k;
    if (k + 3 <= begin && (text[k] == 'I' || text[k] == 'i') && text[k + 1] == 'n' && text[k + 2] == ' ') k += 3;
    return k == begin && end < text.size() && text[end] == ',';
}

// The word (ASCII letters) that ends at offset k, after any spaces, no further back than sb; k moves to
// its start. Empty when something else than a letter comes first (punctuation, a digit: a clause or
// phrase ends there).
std::string_view word_before(std::string_view text, std::size_t sb, std::size_t& k) {
    while (k > sb && text[k - 1] == ' ') --k;
    std::size_t e = k;
    while (k > sb && static_cast<unsigned char>((text[k - 1] | 0x20) - 'a') < 26) --k;
    return text.substr(k, e - k);
}

// Whether w (letters only) is the lowercase word `lower`, without case and without a copy.
bool is_word(std::string_view w, std::string_view lower) {
    if (w.size() != lower.size()) return false;
    for (std::size_t i = 0; i < w.size(); ++i)
        if (char(w[i] | 0x20) != lower[i]) return false;
    return true;
}

// "Scholz last met Biden in the White House in March": "last" before a past form says the event has
// happened, so the time it governs lies before the DCT however near the next March is. True when
// such a pair is among the eight words before the mention, within its sentence [sb, ...) and with
// nothing but words and spaces between.
// Whether w (ASCII letters, any case) is a past form for the tense cues ("met", "was", "arrested").
bool is_past_form(std::string_view w) {
    if (w.size() >= 24) return false;
    char lower[24];
    for (std::size_t i = 0; i < w.size(); ++i) lower[i] = char(w[i] | 0x20);
    return resolve::word_tense(std::string_view(lower, w.size())) == Tense::Past;
}

bool last_before_past_verb(std::string_view text, std::size_t sb, std::size_t begin) {
    std::size_t k = begin;
    std::string_view after;  // the word after the current one, in text order
    for (int n = 0; n < 8 && k > sb; ++n) {
        std::string_view w = word_before(text, sb, k);
        if (w.empty()) return false;  // not a word: the clause ends
        if (is_word(w, "last") && !after.empty() && after.size() < 24) return is_past_form(after);
        after = w;
    }
    return false;
}

// The first offset p in [b, e - 4] where text[p, p + 4) is "last" in any case (each byte | 0x20), or
// npos. last_before_past_verb can only find its "last" at such an offset: a sentence without one
// (most) is settled without walking back from each of its timexes. Sixteen bytes at a time.
std::size_t first_last(std::string_view text, std::size_t b, std::size_t e) {
    const auto* u = reinterpret_cast<const unsigned char*>(text.data());
    auto at = [&](std::size_t p) {
        return (u[p + 1] | 0x20) == 'a' && (u[p + 2] | 0x20) == 's' && (u[p + 3] | 0x20) == 't';
    };
    if (e < b + 4) return std::string_view::npos;
    const std::size_t end = e - 3;  // candidate starts are below this
    std::size_t p = b;
#if defined(__SSE2__)
    for (; p + 16 <= end; p += 16) {
        const __m128i v = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(u + p)), _mm_set1_epi8(0x20));
        for (unsigned m = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('l')))); m; m &= m - 1) {
            const std::size_t q = p + std::size_t(__builtin_ctz(m));
            if (at(q)) return q;
        }
    }
#endif
    for (; p < end; ++p)
        if ((u[p] | 0x20) == 'l' && at(p)) return p;
    return std::string_view::npos;
}

// "He was arrested in March", "Sales rose 5% in March": the past form of the event's own verb right
// before "in <month>" (an object of up to four words between): the month has happened, however near
// the next one is. Not a plan ("was planned for March", "decided to admit them in March") or a
// deadline ("by May"): only "in" and "during", and no word of intent, infinitive or modal between.
bool past_verb_before_in(std::string_view text, std::size_t sb, std::size_t begin) {
    std::size_t k = begin;
    std::string_view w = word_before(text, sb, k);
    // The later months of a list share its preposition: "were held in June and November", "in May,
    // June and July".
    static constexpr std::string_view months[] = {"january", "february", "march",     "april",   "may",
                                                  "june",    "july",     "august",    "september", "october",
                                                  "november", "december"};
    auto is_month = [&](std::string_view x) {
        for (auto m : months)
            if (is_word(x, m)) return true;
        return false;
    };
    for (int hops = 0; hops < 4; ++hops) {
        if (!is_word(w, "and") && !is_word(w, "or")) {  // else a comma after the month before: "May, June"
            std::size_t j = k;
            while (j > sb && text[j - 1] == ' ') --j;
            if (!w.empty() || j == sb || text[j - 1] != ',') break;
            k = j - 1;
        }
        std::size_t m = k;
        std::string_view prev = word_before(text, sb, m);
        if (!is_month(prev)) return false;
        k = m;
        w = word_before(text, sb, k);
    }
    if (!is_word(w, "in") && !is_word(w, "during") && !is_word(w, "between") && !is_word(w, "from")) return false;
    for (int n = 0; n < 6 && k > sb; ++n) {
        std::size_t before = k;
        w = word_before(text, sb, k);
        if (w.empty()) {
            // Digits, "%", "$" and the like of an amount ("rose 5% in March") are passed over; other
            // punctuation ends the clause.
            while (k > sb && text[k - 1] == ' ') --k;
            if (k == before || k == sb) return false;
            char c = text[k - 1];
            if (!(c >= '0' && c <= '9') && c != '%' && c != '$' && c != '.' && c != ',') return false;
            if ((c == '.' || c == ',') && !(k >= 2 && text[k - 2] >= '0' && text[k - 2] <= '9')) return false;
            while (k > sb && text[k - 1] != ' ') --k;
            continue;
        }
        if (w.size() >= 24) return false;
        static constexpr std::string_view stop[] = {"to", "planned", "scheduled", "expected", "set", "due",
                                                    "slated", "supposed", "agreed", "would", "could", "might",
                                                    "should", "will", "may", "must", "can", "shall", "plans",
                                                    "plan", "agreement", "intends", "hopes", "aims"};
        for (auto s : stop)
            if (is_word(w, s)) return false;
        if (is_past_form(w)) {
            // A participle after a present or bare "be" is no past ("when the case is heard in May",
            // "would be paid ... in January").
            std::string_view p = word_before(text, sb, k);
            // After a determiner or degree word it is an adjective ("a still unspecified date").
            static constexpr std::string_view adjective_after[] = {"a",    "an",   "the",  "still", "very", "its",
                                                                   "his",  "her",  "their", "this",  "that", "some",
                                                                   "more", "most", "less", "newly", "recently"};
            bool adjective = false;
            for (auto d : adjective_after) adjective = adjective || is_word(p, d);
            if (adjective) continue;
            return !(is_word(p, "is") || is_word(p, "are") || is_word(p, "am") || is_word(p, "be") ||
                     is_word(p, "being") || is_word(p, "to"));
        }
    }
    return false;
}

Annotation annotate_mentions(std::string_view text, const std::vector<recognize::Mention>& mentions,
                             const std::vector<Sentence>& sentences, const Options& options);

}  // namespace

std::optional<Dct> detect_dct(std::string_view text) {
    if (auto d = find_dct(text)) return d->first;
    return std::nullopt;
}

Annotation annotate(std::string_view text, const Options& options) {
    validate_text(text);
    // Only the sentences that hold a mention are needed: the paragraphs without one are not segmented.
    auto mentions = recognize::recognize(text);
    std::vector<std::size_t> begins;
    begins.reserve(mentions.size());
    for (const auto& m : mentions) begins.push_back(m.begin);
    return annotate_mentions(text, mentions, detail::segment_around(text, begins), options);
}

namespace {

// The digits of a zero-padded four-digit year ("0001".."0999") right after a mention that ends in a
// day number ("January 1, 0001"), if there is one.
std::optional<std::string_view> zero_padded_year_after(std::string_view text, std::size_t begin, std::size_t end) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (end == begin || !digit(text[end - 1])) return std::nullopt;
    std::size_t p = end;
    if (p < text.size() && text[p] == ',') ++p;
    if (p < text.size() && text[p] == ' ') ++p;
    if (p == end || p + 4 > text.size() || text[p] != '0') return std::nullopt;
    for (std::size_t k = p; k < p + 4; ++k)
        if (!digit(text[k])) return std::nullopt;
    if (p + 4 < text.size() && (std::isalnum(static_cast<unsigned char>(text[p + 4])) || text[p + 4] == ':'))
        return std::nullopt;
    return text.substr(p, 4);
}

// "the largest strike since last summer", "up 5% since January": a time after "since" starts a span
// that reaches the present; the story is not there, so it does not become the narrative's reference
// time ("a month earlier", "that night" in the next sentences are not counted from it).
bool after_since(std::string_view text, std::size_t begin) {
    std::size_t k = begin;
    while (k > 0 && text[k - 1] == ' ') --k;
    if (k == 0 || (text[k - 1] | 0x20) != 'e') return false;  // (most words do not end so: no walk)
    k = begin;
    return is_word(word_before(text, 0, k), "since");
}

// "postponed until Tuesday morning", "extended its deadline until 9 a.m. Tuesday", "has given them
// until Friday", "We have until Monday": a deadline set or moved lies ahead of the act, whatever the tense of its verb. The
// mention at [begin, ...) follows "until" (or "till"), and a deadline verb is among the few words
// before it in its sentence, which starts at sb.
bool deadline_until(std::string_view text, std::size_t sb, std::size_t begin) {
    // (No lowercase copy: most mentions follow no "until", and the test ends at the first word, or
    // at its last letter.)
    std::size_t k = begin;
    while (k > sb && text[k - 1] == ' ') --k;
    if (k == sb || (text[k - 1] | 0x20) != 'l') return false;
    k = begin;
    auto w = word_before(text, sb, k);
    if (!is_word(w, "until") && !is_word(w, "till")) return false;
    static constexpr std::string_view verbs[] = {"postponed", "postpone", "postpones", "extended", "extend",
                                                 "extends",   "delayed",  "delay",     "deferred", "defer",
                                                 "adjourned", "deadline", "given",     "gave",     "gives",
                                                 "have",      "has"};
    for (int n = 0; n < 6 && k > sb; ++n) {
        std::size_t before = k;
        w = word_before(text, sb, k);
        if (w.empty()) {
            if (k == before) break;  // punctuation: the clause ends here
            continue;
        }
        for (auto v : verbs)
            if (is_word(w, v)) return true;
    }
    return false;
}

// A period of half a year or more: "the nine months" (P9M), "the year" (P1Y), "the first half" (1989-H1).
bool half_year_or_more(const Timex& t) {
    std::string_view v = t.value;
    if (t.type == TimexType::Date) return v.size() > 3 && v[v.size() - 3] == '-' && v[v.size() - 2] == 'H';
    if (t.type != TimexType::Duration || v.size() < 3 || v[0] != 'P') return false;
    std::string_view digits = v.substr(1, v.size() - 2);
    if (digits.empty() || digits.size() > 3 ||
        !std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
        return false;
    int n = std::stoi(std::string(digits));
    return v.back() == 'Y' ? n >= 1 : v.back() == 'M' && n >= 6;
}

}  // namespace

Annotation detail::annotate_segmented(std::string_view text, const std::vector<Sentence>& sentences,
                                      const Options& options) {
    return annotate_mentions(text, recognize::recognize(text), sentences, options);
}

namespace {

// The timexes of the mentions of text; `sentences` hold (at least) every sentence a mention begins in.
Annotation annotate_mentions(std::string_view text, const std::vector<recognize::Mention>& mentions,
                             const std::vector<Sentence>& sentences, const Options& options) {
    Annotation a;
    if (options.dct) {
        a.dct = options.dct;
        a.dct_source = DctSource::Given;
    } else if (options.detect_dct) {
        if (auto d = find_dct(text)) {
            a.dct = d->first;
            a.dct_source = d->second;
        }
    }
    if (!a.dct) a.warnings.push_back("no DCT given or found: relative expressions are left underspecified");

    resolve::Context ctx;
    ctx.dct = a.dct;
    ctx.strategy = options.strategy;
    if (a.dct) ctx.reference = resolve::dct_reference(*a.dct);
    a.timexes.reserve(mentions.size());
    std::size_t si = 0;
    std::size_t index = 1;
    resolve::TenseScratch tense_scratch;  // the words of the sentence read last, for the next mention
    std::size_t last_sentence = sentences.size();  // sentence of the last timex kept
    // Where "last" first appears in sentence `last_scanned` (first_last), found once per sentence.
    std::size_t last_scanned = sentences.size(), last_at = std::string_view::npos;
    auto last_before = [&](std::size_t s, std::size_t begin) {
        if (last_scanned != s) {
            last_scanned = s;
            last_at = first_last(text, sentences[s].begin, sentences[s].end);
        }
        return last_at != std::string_view::npos && last_at + 4 <= begin;
    };
    for (const auto& m : mentions) {
        while (si < sentences.size() && sentences[si].end <= m.begin) ++si;
        ctx.longer_period = !a.timexes.empty() && si < sentences.size() && last_sentence == si &&
                            half_year_or_more(a.timexes.back());
        Tense tense = Tense::Unknown;
        if (si < sentences.size() && sentences[si].begin <= m.begin)
            tense = resolve::detect_tense(text, sentences[si].begin, sentences[si].end, m.begin, m.end, tense_scratch);
        if (!options.tense && tense != Tense::Future && si < sentences.size() && sentences[si].begin <= m.begin &&
            deadline_until(text, sentences[si].begin, m.begin))
            tense = Tense::Future;
        if (options.tense) tense = *options.tense;
        ctx.tense = tense;
        ctx.fronted = si < sentences.size() && sentences[si].begin <= m.begin &&
                      (fronted_adjunct(text, sentences[si].begin, m.begin, m.end) ||
                       (tense == Tense::Past &&
                        ((last_before(si, m.begin) && last_before_past_verb(text, sentences[si].begin, m.begin)) ||
                         past_verb_before_in(text, sentences[si].begin, m.begin))));
        std::string_view span = text.substr(m.begin, m.end - m.begin);
        auto r = resolve::resolve(m.expr, span, ctx);
        if (!r) {
            a.warnings.push_back(fmt::format("ignored \"{}\" at offset {}: not a valid date", span, m.begin));
            continue;
        }
        if (auto y = zero_padded_year_after(text, m.begin, m.end)) {
            // "January 1, 0001": the grammar reads years 1000-2199 only, so the year was left out;
            // the day of the current year would be a wrong answer.
            a.warnings.push_back(fmt::format("ignored \"{}, {}\" at offset {}: year {} is outside the years resolved "
                                             "(1000-2199)",
                                             span, *y, m.begin, *y));
            continue;
        }
        // The narrative's reference time moves to each concrete mention of a day or coarser period,
        // and to each anaphor that moves the story on ("Three weeks later"); anaphora resolve against
        // it. (Taken before the resolution is moved into its timex.)
        std::optional<resolve::Reference> ref;
        // (An anaphor in apposition to the time before it, "In 2010, two years earlier, ...", restates
        // that time: it moves nothing.)
        const bool appositive = m.expr.anaphoric && !a.timexes.empty() && a.timexes.back().end <= m.begin &&
                                text.substr(a.timexes.back().end, m.begin - a.timexes.back().end) == ", ";
        const bool narrative = options.strategy == Strategy::Narrative;
        if ((narrative || (!keeps_reference(m.expr) && !appositive)) &&
            (narrative || !after_since(text, m.begin)))
            ref = resolve::reference_of(*r);
        fill_timex(a.timexes.emplace_back(), text, m, std::move(*r), tense, index++);  // in place: no move of a Timex
        last_sentence = si;
        if (ref) {
            ctx.reference = ref;
            if (ref->granularity == Granularity::Quarter) ctx.quarter = ref;
        }
    }
    return a;
}

}  // namespace

std::optional<Timex> normalize(std::string_view expression, const Dct& dct, Tense tense, Strategy strategy) {
    validate_text(expression);
    auto mentions = recognize::recognize(expression);
    if (mentions.empty()) return std::nullopt;
    // The longest mention stands for the expression.
    auto it = std::max_element(mentions.begin(), mentions.end(),
                               [](auto& x, auto& y) { return x.end - x.begin < y.end - y.begin; });
    resolve::Context ctx;
    ctx.dct = dct;
    ctx.reference = resolve::dct_reference(dct);
    ctx.tense = tense;
    ctx.strategy = strategy;
    auto r = resolve::resolve(it->expr, expression.substr(it->begin, it->end - it->begin), ctx);
    if (!r) return std::nullopt;
    return make_timex(expression, *it, std::move(*r), tense, 1);
}

}  // namespace dateline
