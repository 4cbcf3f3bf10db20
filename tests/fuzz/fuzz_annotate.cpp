// Fuzz target for the whole annotation path (validation, DCT detection, recognition, resolution,
// TimeML writing, the timeline with every event and every exporter). Built two ways:
//  - with clang and -fsanitize=fuzzer (DATELINE_LIBFUZZER=ON): a libFuzzer target;
//  - otherwise: a standalone driver that runs a deterministic stream of generated inputs (random
//    bytes, and random sequences of temporal words, digits and punctuation) under the sanitizers.
// Every input must either be annotated or rejected with InputError; anything else is a bug.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <random>
#include <string>
#include <string_view>

#include "dateline/annotate.hpp"
#include "dateline/error.hpp"
#include "dateline/exporters.hpp"
#include "dateline/timeline.hpp"
#include "dateline/timeml.hpp"
#include "fuzz_common.hpp"

namespace {

void check_one(std::string_view text) {
    try {
        dateline::Options o;
        o.dct = dateline::parse_dct("2024-01-19");
        auto a = dateline::annotate(text, o);
        std::size_t last = 0;
        for (const auto& t : a.timexes) {
            if (t.begin < last || t.end <= t.begin || t.end > text.size() || t.value.empty())
                dateline_fuzz::fail("fuzz_annotate", "timex offsets out of order or an empty value", text);
            last = t.end;
        }
        (void)dateline::write_timeml(text, a, "fuzz");
        dateline::TimelineOptions all;
        all.all_events = true;
        auto tl = dateline::build_timeline(text, std::move(a), o, all);
        for (const auto& e : tl.entries)
            if (e.event.begin > e.event.end || e.event.end > text.size() || e.text_begin > e.text_end ||
                e.text_end > text.size())
                dateline_fuzz::fail("fuzz_annotate", "timeline offsets outside the text", text);
        (void)dateline::to_table(tl);
        (void)dateline::to_json(tl).dump();
        (void)dateline::to_ics(tl);
        (void)dateline::to_html(tl);
        (void)dateline::to_timelinejs(tl).dump();
        dateline::Options detect;
        (void)dateline::annotate(text, detect);  // DCT detection path, no DCT fallback
    } catch (const dateline::InputError&) {
    } catch (const std::exception& e) {
        dateline_fuzz::fail("fuzz_annotate", e.what(), text);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    check_one(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}

#ifndef DATELINE_LIBFUZZER
int main(int argc, char** argv) {
    long iterations = argc > 1 ? std::atol(argv[1]) : 20000;
    std::mt19937_64 rng(argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20240119);
    static const char* words[] = {
        "last", "next", "this", "the", "a", "an", "of", "on", "in", "ago", "later", "earlier", "every", "each",
        "January", "Feb.", "May", "march", "Sept.", "December", "Friday", "sun.", "today", "tonight", "yesterday",
        "week", "weeks", "month", "year", "years", "decade", "century", "quarter", "third", "first", "21st", "27th",
        "1998", "2024", "'90s", "1990s", "19", "31", "0", "99999999", "2024-01-19", "1/19/2024", "20240230",
        "9:21", "p.m.", "a.m.", "EST", "noon", "midnight", "o'clock", "twenty-one", "three", "and", "a half",
        "dozen", "several", "mid-", "early", "late", "the end of", "Christmas", "Thanksgiving", "Easter",
        "fiscal", "FY2023", "Q3", "now", "recently", "the future", "past", "twice", "times", "per", ",", ".",
        "-", "\xE2\x80\x93", "'", "$", "%", "\n", "\n\n", "(AFP)", "First change:", "Published:", "\xC3\xA9"};
    const std::size_t nwords = sizeof words / sizeof *words;
    std::string s;
    for (long i = 0; i < iterations; ++i) {
        s.clear();
        if (i % 4 == 0) {
            std::size_t n = rng() % 64;
            for (std::size_t k = 0; k < n; ++k) s += char(rng() % 256);
        } else {
            std::size_t n = 1 + rng() % 24;
            for (std::size_t k = 0; k < n; ++k) {
                s += words[rng() % nwords];
                if (rng() % 3) s += ' ';
            }
        }
        check_one(s);
    }
    std::printf("fuzz_annotate: %ld generated inputs, no crash\n", iterations);
    return 0;
}
#endif
