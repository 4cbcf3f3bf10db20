// Shared by the accuracy guards (test_eval.cpp over TimeBank + AQUAINT, test_news_eval.cpp over our own
// news set): the .tml files under a folder, in name order, and the engine's report on them.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dateline/eval.hpp"
#include "dateline/timeml.hpp"

namespace eval_test {

inline std::vector<std::filesystem::path> tml_files(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".tml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

// The engine run on each gold document's text with its DCT, scored against the gold.
inline dateline::EvalReport engine_report(const std::vector<std::filesystem::path>& files) {
    std::vector<dateline::DocumentScore> docs;
    for (auto& p : files) {
        std::ifstream in(p, std::ios::binary);
        std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        docs.push_back(dateline::score_engine(dateline::read_timeml(xml, p.filename().string())));
    }
    return dateline::make_report(std::move(docs));
}

}  // namespace eval_test
