// Dateline public API: timeline exporters. Each returns the whole document as a string.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "dateline/timeline.hpp"

namespace dateline {

struct ExportOptions {
    std::string source_name = "-";  // file name shown in outputs and used in ICS UIDs
    std::string tz;                  // IANA zone for ICS times ("" = floating/UTC as resolved)
    bool color = false;              // ANSI colors in the table (only when writing to a TTY)
    int width = 100;                 // terminal width for the table
};

std::string to_table(const Timeline& t, const ExportOptions& o = {});
nlohmann::json to_json(const Timeline& t, const ExportOptions& o = {});
std::string to_ics(const Timeline& t, const ExportOptions& o = {});         // RFC 5545
std::string to_html(const Timeline& t, const ExportOptions& o = {});        // self-contained page
nlohmann::json to_timelinejs(const Timeline& t, const ExportOptions& o = {});  // Knight Lab TimelineJS3

}  // namespace dateline
