// dateline [OPTIONS] [FILE...]: the default subcommand. Annotates documents and prints their
// timeline (table, json, ics, html, timelinejs) or their TimeML. A thin layer over the library.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "dateline/annotate.hpp"
#include "dateline/error.hpp"
#include "dateline/exporters.hpp"
#include "dateline/json.hpp"
#include "export/json_stream.hpp"
#include "dateline/timeline.hpp"
#include "dateline/timeml.hpp"

namespace {

[[noreturn]] void too_large(std::size_t limit, const std::string& size) {
    throw dateline::InputError(fmt::format("input of {} bytes is larger than the limit of {} bytes (--max-mb); not processed",
                                           size, limit));
}

// The bytes of a file ("-" = stdin), at most `limit` of them: a larger input is an error, found
// from the file size or, for a pipe, after reading limit + 1 bytes.
std::string read_input(const std::string& path, std::size_t limit) {
    std::size_t block = 1 << 20;
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) throw dateline::InputError("is a directory");
        file.open(path, std::ios::binary);
        if (!file) throw dateline::InputError(fmt::format("cannot open file: {}", std::strerror(errno)));
        auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > limit) too_large(limit, std::to_string(size));
        // A regular file is read in one block of its size (+1 to see the end): no 1 MB buffer to
        // zero for a 5 KB article.
        if (!ec && size < block) block = std::size_t(size) + 1;
        in = &file;
    }
    std::string s;
    while (*in) {
        std::size_t have = s.size();
        s.resize(have + block);
        in->read(s.data() + have, std::streamsize(block));
        s.resize(have + std::size_t(in->gcount()));
        if (s.size() > limit) too_large(limit, "more than " + std::to_string(limit));
    }
    if (in->bad()) throw dateline::InputError("cannot read file");
    return s;
}

// The name shown in outputs: a path is bytes, the outputs (JSON, XML, HTML, iCalendar) are UTF-8,
// so bytes that are not valid UTF-8 become U+FFFD.
std::string display_name(const std::string& path) {
    using nlohmann::json;
    return json::parse(json(path).dump(-1, ' ', false, json::error_handler_t::replace)).get<std::string>();
}

// An IANA zone name that exists in the system's zone database ("Europe/Paris"), or UTC.
bool valid_zone(const std::string& z) {
    if (z == "UTC" || z == "Etc/UTC" || z == "GMT" || z == "Z") return true;
    if (z.empty() || z.front() == '/' || z.find("..") != std::string::npos) return false;
    for (char c : z)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+'))
            return false;
    const char* dir = std::getenv("TZDIR");
    std::error_code ec;
    return std::filesystem::is_regular_file(std::filesystem::path(dir && *dir ? dir : "/usr/share/zoneinfo") / z, ec);
}

int terminal_width(bool to_terminal) {
    if (const char* c = std::getenv("COLUMNS")) {
        int n = std::atoi(c);
        if (n > 0) return n;
    }
    if (to_terminal) {
        winsize ws{};
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    }
    return 120;
}

}  // namespace

int run_annotate(int argc, char** argv) {
    CLI::App app{"dateline: finds the temporal expressions of news text, anchors its events to them and prints "
                 "the timeline, oldest first",
                 "dateline"};
    app.footer("Subcommands: dateline eval GOLD [SYSTEM] scores against TimeML gold (see dateline eval --help).\n"
               "Exit status: 0 ok, 1 an input could not be read or processed, 2 bad options.");
    std::vector<std::string> files;
    std::string dct_text, format = "table", strategy_text = "news", tz, output, color = "auto";
    bool all_events = false;
    double max_mb = 64;
    app.add_option("files", files, "input files, plain UTF-8 text or TimeML; - reads stdin")->required();
    app.add_option("--format,-f", format, "output format (default: table)")
        ->check(CLI::IsMember({"table", "json", "timeml", "ics", "html", "timelinejs"}));
    app.add_option("--dct", dct_text,
                   "document creation time, YYYY-MM-DD[THH:MM]; detected from the dateline or a "
                   "\"Published:\" header when absent");
    app.add_option("--strategy", strategy_text,
                   "how relative times are anchored: news (DCT, tense decides), narrative (last mentioned "
                   "time), past, future (default: news)")
        ->check(CLI::IsMember({"news", "narrative", "past", "future"}));
    app.add_option("--tz", tz, "IANA time zone for ics times, e.g. Europe/Paris (default: floating local time)");
    app.add_flag("--all-events", all_events,
                 "also list events without a time of their own, placed relative to the DCT by tense");
    app.add_option("-o,--output", output, "write to FILE instead of standard output");
    app.add_option("--max-mb", max_mb, "refuse an input larger than this many MB (default: 64)")
        ->check(CLI::Range(0.000001, 1e6));
    app.add_option("--color", color, "color the table: auto (only on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.set_version_flag("--version,-V", std::string("dateline ") + DATELINE_VERSION);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);  // prints help/version to stdout, errors to stderr
        return rc == 0 ? 0 : 2;
    }

    dateline::Options opts;
    if (!dct_text.empty()) {
        opts.dct = dateline::parse_dct(dct_text);
        if (!opts.dct) {
            std::cerr << "dateline: invalid --dct \"" << dct_text << "\" (expected a real date as YYYY-MM-DD)\n";
            return 2;
        }
    }
    opts.strategy = *dateline::parse_strategy(strategy_text);
    if (!tz.empty() && !valid_zone(tz)) {
        std::cerr << "dateline: unknown time zone --tz \"" << tz << "\" (expected an IANA name like Europe/Paris)\n";
        return 2;
    }
    if (format == "html" && files.size() > 1) {
        std::cerr << "dateline: --format html draws one document; run it once per file\n";
        return 2;
    }

    std::ofstream file_out;
    if (!output.empty()) {
        file_out.open(output, std::ios::binary);
        if (!file_out) {
            std::cerr << "dateline: cannot write " << output << "\n";
            return 2;
        }
    }
    std::ostream& out = output.empty() ? std::cout : file_out;
    const bool tty = output.empty() && isatty(STDOUT_FILENO);
    const char* no_color = std::getenv("NO_COLOR");
    const bool use_color = color == "always" || (color == "auto" && tty && !(no_color && *no_color));

    dateline::TimelineOptions topts;
    topts.all_events = all_events;
    const bool many = files.size() > 1;
    nlohmann::json collected = nlohmann::json::array();  // timelinejs of several files
    bool json_open = false;  // "[" of several files' json written
    int status = 0;
    bool first = true;
    for (const auto& file : files) {
        try {
            std::string bytes = read_input(file, std::size_t(max_mb * 1e6));
            if (bytes.empty()) throw dateline::InputError("empty input");
            std::string text = bytes;
            const std::string name = file == "-" ? "stdin" : display_name(file);
            std::string id = name;
            auto o = opts;
            if (dateline::looks_like_timeml(bytes)) {
                auto doc = dateline::read_timeml(bytes, file);
                text = doc.text;
                id = display_name(doc.id);
                if (!o.dct && doc.dct) o.dct = doc.dct;
            }
            if (format == "timeml") {
                auto a = dateline::annotate(text, o);
                out << dateline::write_timeml(text, a, id);
                for (auto& w : a.warnings) std::cerr << "dateline: " << file << ": warning: " << w << "\n";
                continue;
            }
            auto timeline = dateline::build_timeline(text, o, topts);
            dateline::ExportOptions eo;
            eo.source_name = name;
            eo.tz = tz;
            eo.color = use_color && format == "table";
            eo.width = terminal_width(tty);
            if (format == "table") {
                if (!first) out << "\n";
                out << dateline::to_table(timeline, eo);
            } else if (format == "json") {
                // Written as it is made: the same text as to_json(timeline, eo) with "file" set, dumped
                // with indent 2 (inside an array for several files), without the tree in memory.
                dateline::exporter::TimelineJsonParts parts;
                parts.extra.emplace_back("file", file == "-" ? file : name);
                dateline::exporter::JsonStyle style;
                style.level = many ? 1 : 0;
                if (many) out << (json_open ? ",\n  " : "[\n  ");
                json_open = true;
                std::string buffer;
                dateline::exporter::write_timeline_json(buffer, timeline, eo, parts, style, &out);
                if (!many) out << "\n";
            } else if (format == "timelinejs") {
                auto j = dateline::to_timelinejs(timeline, eo);
                if (many) collected.push_back(std::move(j));
                else out << j.dump(2) << "\n";
            } else if (format == "ics") {
                out << dateline::to_ics(timeline, eo);
            } else if (format == "html") {
                out << dateline::to_html(timeline, eo);
            }
            first = false;
            for (auto& w : timeline.annotation.warnings)
                std::cerr << "dateline: " << file << ": warning: " << w << "\n";
        } catch (const dateline::InputError& e) {
            std::cerr << "dateline: " << file << ": error: " << e.what() << "\n";
            status = 1;
        }
    }
    if (many && format == "timelinejs") out << collected.dump(2) << "\n";
    if (many && format == "json") out << (json_open ? "\n]\n" : "[]\n");
    out.flush();
    if (!out) {
        std::cerr << "dateline: error writing " << (output.empty() ? "standard output" : output) << "\n";
        return 1;
    }
    return status;
}
