// Regression guard over our own modern-news gold set (tests/data/news: 12 original articles of
// 2013-2025 in TempEval-3 TimeML, annotated by hand before the engine was run on them; see its
// README.md). Unlike the TimeBank + AQUAINT guard in test_eval.cpp this set lives in the repo, so
// the test never skips. A change that lowers strict, relaxed, value or type F1 by more than 0.01
// fails; raise the floors as accuracy improves. Reproduce with: dateline eval tests/data/news --summary
#include <filesystem>

#include <catch2/catch.hpp>

#include "eval_test_util.hpp"

namespace {

namespace fs = std::filesystem;

// The figures of the last real run, rounded down.
constexpr double kStrictF1 = 0.970, kRelaxedF1 = 0.990, kValueF1 = 0.947, kTypeF1 = 0.963;

}  // namespace

TEST_CASE("eval: accuracy on our modern-news gold set does not regress", "[eval][news]") {
    const fs::path dir = DATELINE_NEWS_DIR;
    REQUIRE(fs::is_directory(dir));
    const auto files = eval_test::tml_files(dir);
    REQUIRE(files.size() == 12);
    const auto r = eval_test::engine_report(files);
    const auto& f = r.figures;
    INFO("strict F1 " << f.strict.f1 << ", relaxed F1 " << f.relaxed.f1 << ", value F1 " << f.value.f1
                      << ", type F1 " << f.type.f1);
    constexpr double tolerance = 0.01;
    CHECK(r.total.gold == 306);
    CHECK(f.strict.f1 >= kStrictF1 - tolerance);
    CHECK(f.relaxed.f1 >= kRelaxedF1 - tolerance);
    CHECK(f.value.f1 >= kValueF1 - tolerance);
    CHECK(f.type.f1 >= kTypeF1 - tolerance);
}
