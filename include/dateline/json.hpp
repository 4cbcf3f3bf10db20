// Dateline public API: JSON form of annotations (schema documented in README.md).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "dateline/annotate.hpp"

namespace dateline {

nlohmann::json to_json(const Timex& t);
nlohmann::json to_json(const Annotation& a);

}  // namespace dateline
