// dateline batch [-j N] [--format jsonl] [IN.jsonl|-|FILE|DIR...]: many documents, several threads,
// one JSON result line per input line, in input order. A thin layer over dateline::run_batch.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "dateline/batch.hpp"
#include "cli/commands.hpp"

int run_batch_cmd(int argc, char** argv) {
    CLI::App app{"dateline batch: annotates many documents on several threads, streaming JSON Lines"};
    std::vector<std::string> inputs;
    std::string dct_text, format = "jsonl", strategy_text = "news";
    int jobs = 0;
    bool no_timeline = false;
    app.add_option("inputs", inputs,
                   "JSON Lines ({\"id\", \"dct\"?, \"text\"} per line; - or nothing for stdin), or plain-text / "
                   "TimeML files, or folders of them");
    app.add_option("-j,--jobs", jobs, "worker threads (default: all cores)")->check(CLI::Range(1, 1024));
    app.add_option("--format", format, "output format")->check(CLI::IsMember({"jsonl"}));
    app.add_option("--dct", dct_text, "default document creation time, YYYY-MM-DD (a record's \"dct\" wins)");
    app.add_option("--strategy", strategy_text, "resolution strategy")
        ->check(CLI::IsMember({"news", "narrative", "past", "future"}));
    app.add_flag("--no-timeline", no_timeline, "timexes only, without the event timeline (faster)");
    double max_mb = 64;
    app.add_option("--max-mb", max_mb,
                   "a document (line or file) larger than this many MB gets an error record (default: 64)")
        ->check(CLI::Range(0.000001, 1e6));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);  // help to stdout, errors to stderr; bad options exit 2 like the main command
        return rc == 0 ? 0 : 2;
    }

    dateline::BatchOptions o;
    o.threads = unsigned(jobs);
    o.timeline = !no_timeline;
    o.max_document_bytes = std::size_t(max_mb * 1e6);
    o.options.strategy = *dateline::parse_strategy(strategy_text);
    if (!dct_text.empty()) {
        o.options.dct = dateline::parse_dct(dct_text);
        if (!o.options.dct) {
            std::cerr << "dateline batch: invalid --dct \"" << dct_text << "\" (expected a real date as YYYY-MM-DD)\n";
            return 2;
        }
    }
    if (inputs.empty()) inputs.push_back("-");

    // A progress line on stderr, only for a person watching a terminal.
    bool tty = isatty(STDERR_FILENO) == 1;
    bool shown = false;
    dateline::BatchProgressFn progress;
    if (tty) {
        progress = [&](const dateline::BatchProgress& p) {
            double mb = double(p.bytes) / 1e6;
            double rate = p.seconds > 0 ? mb / p.seconds : 0;
            std::string eta;
            if (p.total_bytes > p.bytes && rate > 0)
                eta = fmt::format(", ETA {:.0f} s", (double(p.total_bytes - p.bytes) / 1e6) / rate);
            else if (p.total_bytes > 0 && p.bytes >= p.total_bytes)
                eta = ", done";
            std::string failed = p.failed ? fmt::format(" ({} failed)", p.failed) : std::string();
            std::cerr << fmt::format("\r\x1b[K{} documents{}, {:.1f} MB, {:.1f} MB/s{}", p.documents, failed, mb,
                                     rate, eta)
                      << std::flush;
            shown = true;
        };
    }
    std::ios::sync_with_stdio(false);
    auto result = dateline::run_batch(inputs, std::cout, o, progress);
    if (shown) std::cerr << "\n";
    if (!std::cout) {
        std::cerr << "dateline batch: error writing the output\n";
        return 2;
    }
    if (result.failed) {
        std::cerr << fmt::format("dateline batch: {} of {} documents failed (see their \"error\" records)\n",
                                 result.failed, result.documents);
        return 1;
    }
    return 0;
}
