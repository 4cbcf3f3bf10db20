// libFuzzer target: normalize() of one expression against a random DCT, tense and strategy.
// Input layout: 8 header bytes, then the expression text:
//   [0..1] year (big-endian, mod 9999, + 1)  [2] month (mod 12, + 1)  [3] day (mod 31, + 1; an
//   impossible day is clamped to the month's last)  [4] hour (mod 25; 24 = no time of day)
//   [5] minute (mod 60)  [6] tense (mod 4)  [7] strategy (mod 4)
// (tests/fuzz/make_seeds.py writes seeds in this layout from the grammar corpora.)
// The expression is either normalized or rejected (no value, or InputError for invalid UTF-8);
// a result must have a value and a well-formed interval.
#include <cstdint>
#include <exception>
#include <string_view>

#include "dateline/annotate.hpp"
#include "dateline/error.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 8) return 0;
    using namespace date;
    int y = (data[0] << 8 | data[1]) % 9999 + 1;
    unsigned m = data[2] % 12 + 1, d = data[3] % 31 + 1;
    year_month_day day{year{y} / month{m} / date::day{d}};
    if (!day.ok()) day = year_month_day{year{y} / month{m} / last};
    dateline::Dct dct{day, {}};
    if (data[4] % 25 < 24) dct.seconds = (data[4] % 25) * 3600 + (data[5] % 60) * 60;
    auto tense = static_cast<dateline::Tense>(data[6] % 4);
    auto strategy = static_cast<dateline::Strategy>(data[7] % 4);
    std::string_view text(reinterpret_cast<const char*>(data + 8), size - 8);
    try {
        auto t = dateline::normalize(text, dct, tense, strategy);
        if (t) {
            if (t->value.empty()) dateline_fuzz::fail("fuzz_normalize", "empty value", text);
            if (t->interval && !(t->interval->begin <= t->interval->end))
                dateline_fuzz::fail("fuzz_normalize", "interval ends before it begins", text);
        }
    } catch (const dateline::InputError&) {
    } catch (const std::exception& e) {
        dateline_fuzz::fail("fuzz_normalize", e.what(), text);
    }
    return 0;
}
