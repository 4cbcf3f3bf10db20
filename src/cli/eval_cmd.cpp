// dateline eval GOLD [SYSTEM]: TempEval-3 Task A scores of the engine (or of SYSTEM TimeML files)
// against TimeML gold files. A thin layer over include/dateline/eval.hpp.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "dateline/error.hpp"
#include "dateline/eval.hpp"
#include "dateline/timeml.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw dateline::InputError("cannot open " + p.string());
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw dateline::InputError("cannot read " + p.string());
    return s;
}

// The TimeML files under `arg`: the file itself, or every *.tml / *.xml below a folder, sorted.
std::vector<fs::path> timeml_files(const std::string& arg) {
    fs::path p(arg);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
        std::vector<fs::path> out;
        for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            if (!it->is_regular_file()) continue;
            auto ext = it->path().extension().string();
            if (ext == ".tml" || ext == ".TML" || ext == ".xml") out.push_back(it->path());
        }
        if (ec) throw dateline::InputError(fmt::format("cannot list {}: {}", arg, ec.message()));
        std::sort(out.begin(), out.end());
        if (out.empty()) throw dateline::InputError(fmt::format("no .tml files in {}", arg));
        return out;
    }
    if (!fs::exists(p, ec)) throw dateline::InputError(fmt::format("{}: no such file or folder", arg));
    return {p};
}

dateline::TimemlDocument load(const fs::path& p) {
    auto bytes = read_file(p);
    if (!dateline::looks_like_timeml(bytes)) throw dateline::InputError(p.string() + ": not a TimeML document");
    try {
        return dateline::read_timeml(bytes, p.filename().string());
    } catch (const dateline::InputError& e) {
        throw dateline::InputError(p.string() + ": " + e.what());
    }
}

std::string pct(double x) { return fmt::format("{:.4f}", x); }

void print_text(const dateline::EvalReport& r, bool documents, bool errors, std::size_t top) {
    const auto& f = r.figures;
    const auto& c = r.total;
    if (documents) {
        std::size_t w = 8;
        for (const auto& d : r.documents) w = std::max(w, d.id.size());
        std::cout << fmt::format("{:<{}}  {:>5} {:>5} {:>6} {:>7} {:>6} {:>6} {:>6} {:>6}\n", "document", w, "gold",
                                 "sys", "strict", "relaxed", "value", "type", "str.F1", "val.F1");
        for (const auto& d : r.documents) {
            auto df = dateline::figures(d.counts);
            std::cout << fmt::format("{:<{}}  {:>5} {:>5} {:>6} {:>7} {:>6} {:>6} {:>6.3f} {:>6.3f}\n", d.id, w,
                                     d.counts.gold, d.counts.system, d.counts.strict, d.counts.relaxed,
                                     d.counts.value_correct, d.counts.type_correct, df.strict.f1, df.value.f1);
        }
        std::cout << "\n";
    }
    if (errors) {
        std::map<std::string, std::size_t> by_kind, by_class;
        for (const auto& d : r.documents)
            for (const auto& e : d.errors) {
                std::cout << fmt::format("{:<8} {}\n", to_string(e.kind), e.document);
                if (e.gold) std::cout << fmt::format("  gold:   {} \"{}\" {}\n", e.gold->type, e.gold->text, e.gold->value);
                if (e.system) {
                    std::cout << fmt::format("  system: {} \"{}\" {}\n", e.system->type, e.system->text,
                                             e.system->value);
                    if (!e.system->explanation.empty()) std::cout << "  why:    " << e.system->explanation << "\n";
                } else if (e.kind == dateline::EvalErrorKind::Missed) {
                    std::cout << "  why:    no grammar rule matched here\n";
                }
                std::cout << "  text:   " << e.context << "\n";
                ++by_kind[std::string(to_string(e.kind))];
                ++by_class[e.error_class];
            }
        std::cout << "\nerrors by kind:\n";
        for (auto& [k, n] : by_kind) std::cout << fmt::format("  {:>5}  {}\n", n, k);
        std::vector<std::pair<std::string, std::size_t>> classes(by_class.begin(), by_class.end());
        std::stable_sort(classes.begin(), classes.end(), [](auto& a, auto& b) { return a.second > b.second; });
        std::cout << fmt::format("\nerror classes (top {} of {}):\n", std::min(top, classes.size()), classes.size());
        for (std::size_t i = 0; i < classes.size() && i < top; ++i)
            std::cout << fmt::format("  {:>5}  {}\n", classes[i].second, classes[i].first);
        std::cout << "\n";
    }
    std::cout << fmt::format("documents {}, gold TIMEX3 {}, system TIMEX3 {}\n", r.documents.size(), c.gold, c.system);
    std::cout << fmt::format("{:<16} {:>9} {:>9} {:>9}\n", "", "precision", "recall", "F1");
    auto row = [](const char* name, const dateline::PRF& p) {
        std::cout << fmt::format("{:<16} {:>9} {:>9} {:>9}\n", name, pct(p.precision), pct(p.recall), pct(p.f1));
    };
    row("strict match", f.strict);
    row("relaxed match", f.relaxed);
    row("value", f.value);
    row("type", f.type);
    std::cout << fmt::format("value accuracy {} ({} of {} relaxed matches), type accuracy {}\n", pct(f.value_accuracy),
                             c.value_correct, c.relaxed, pct(f.type_accuracy));
}

}  // namespace

int run_eval(int argc, char** argv) {
    CLI::App app{"dateline eval: TempEval-3 Task A scores (TIMEX3 extents, value, type) against TimeML gold files"};
    app.name("dateline eval");
    std::string gold_arg, system_arg, strategy_text = "news";
    bool json = false, errors = false, summary = false;
    std::size_t top = 40;
    app.add_option("gold", gold_arg, "gold TimeML file or folder (searched for *.tml)")->required();
    app.add_option("system", system_arg,
                   "system TimeML file or folder (same file names as the gold); when absent the engine "
                   "annotates each gold TEXT with the gold DCT");
    app.add_flag("--json", json, "JSON output");
    app.add_flag("--errors", errors, "list every missed, spurious, mis-extended and wrongly-valued timex, with "
                                     "its context and the resolver's explanation, and a histogram of error classes");
    app.add_flag("--summary", summary, "omit the per-document table");
    app.add_option("--top", top, "number of error classes in the histogram (text output)");
    app.add_option("--strategy", strategy_text, "resolution strategy of the engine")
        ->check(CLI::IsMember({"news", "narrative", "past", "future"}));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);  // help to stdout, errors to stderr; bad options exit 2 like the main command
        return rc == 0 ? 0 : 2;
    }

    try {
        auto gold_files = timeml_files(gold_arg);
        std::vector<fs::path> system_files;
        std::map<std::string, fs::path> system_by_name;
        if (!system_arg.empty()) {
            system_files = timeml_files(system_arg);
            for (auto& p : system_files) system_by_name[p.filename().string()] = p;
        }
        dateline::Options opts;
        opts.strategy = *dateline::parse_strategy(strategy_text);
        std::vector<dateline::DocumentScore> docs;
        docs.reserve(gold_files.size());
        for (const auto& gp : gold_files) {
            auto gold = load(gp);
            if (system_arg.empty()) {
                if (!gold.dct)
                    std::cerr << "dateline eval: " << gp.string()
                              << ": warning: no DCT in the gold file; relative expressions stay underspecified\n";
                docs.push_back(dateline::score_engine(gold, opts));
                continue;
            }
            fs::path sp;
            if (gold_files.size() == 1 && system_files.size() == 1) {
                sp = system_files.front();
            } else {
                auto it = system_by_name.find(gp.filename().string());
                if (it == system_by_name.end())
                    throw dateline::InputError(
                        fmt::format("no system file named {} under {}", gp.filename().string(), system_arg));
                sp = it->second;
            }
            docs.push_back(dateline::score_document(gold, load(sp)));
        }
        auto report = dateline::make_report(std::move(docs));
        if (json) std::cout << dateline::to_json(report, errors).dump(2) << "\n";
        else print_text(report, !summary, errors, top);
    } catch (const dateline::InputError& e) {
        std::cerr << "dateline eval: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
