// dateline [OPTIONS] FILE...: annotate documents (the default subcommand).
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "dateline/annotate.hpp"
#include "dateline/error.hpp"
#include "dateline/json.hpp"
#include "dateline/timeml.hpp"
#include "cli/commands.hpp"

namespace {

std::string read_input(const std::string& path) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw dateline::InputError("cannot open " + path);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw dateline::InputError("cannot read " + path);
    return s;
}

}  // namespace

int run_annotate(int argc, char** argv) {
    CLI::App app{"dateline: finds and resolves the temporal expressions of news text"};
    std::vector<std::string> files;
    std::string dct_text, format = "json", strategy_text = "news";
    app.add_option("files", files, "input files (plain text or TimeML); - for stdin")->required();
    app.add_option("--dct", dct_text, "document creation time, YYYY-MM-DD[THH:MM]; detected when absent");
    app.add_option("--format", format, "output format")->check(CLI::IsMember({"json", "timeml"}));
    app.add_option("--strategy", strategy_text, "resolution strategy")
        ->check(CLI::IsMember({"news", "narrative", "past", "future"}));
    app.set_version_flag("--version", std::string("dateline ") + DATELINE_VERSION);
    CLI11_PARSE(app, argc, argv);

    dateline::Options opts;
    if (!dct_text.empty()) {
        opts.dct = dateline::parse_dct(dct_text);
        if (!opts.dct) {
            std::cerr << "dateline: invalid --dct \"" << dct_text << "\" (expected a real date as YYYY-MM-DD)\n";
            return 2;
        }
    }
    opts.strategy = *dateline::parse_strategy(strategy_text);
    int status = 0;
    for (const auto& file : files) {
        try {
            std::string bytes = read_input(file);
            if (bytes.empty()) throw dateline::InputError("empty input");
            std::string text = bytes;
            std::string id = file;
            auto o = opts;
            if (dateline::looks_like_timeml(bytes)) {
                auto doc = dateline::read_timeml(bytes, file);
                text = doc.text;
                id = doc.id;
                if (!o.dct && doc.dct) o.dct = doc.dct;
            }
            auto a = dateline::annotate(text, o);
            if (format == "timeml") {
                std::cout << dateline::write_timeml(text, a, id);
            } else {
                auto j = dateline::to_json(a);
                j["file"] = file;
                std::cout << j.dump(2) << "\n";
            }
            for (auto& w : a.warnings) std::cerr << "dateline: " << file << ": warning: " << w << "\n";
        } catch (const dateline::InputError& e) {
            std::cerr << "dateline: " << file << ": error: " << e.what() << "\n";
            status = 1;
        }
    }
    return status;
}
