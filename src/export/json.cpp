#include "dateline/json.hpp"

namespace dateline {

nlohmann::json to_json(const Timex& t) {
    nlohmann::json j;
    j["tid"] = t.tid;
    j["begin"] = t.begin;
    j["end"] = t.end;
    j["text"] = t.text;
    j["type"] = std::string(to_string(t.type));
    j["value"] = t.value;
    if (!t.mod.empty()) j["mod"] = t.mod;
    if (!t.quant.empty()) j["quant"] = t.quant;
    if (!t.freq.empty()) j["freq"] = t.freq;
    if (t.interval)
        j["interval"] = {{"begin", to_iso(t.interval->begin)}, {"end", to_iso(t.interval->end)}};
    else
        j["interval"] = nullptr;
    j["granularity"] = std::string(to_string(t.granularity));
    j["known"] = fields_to_string(t.known);
    j["implied"] = fields_to_string(t.implied);
    j["temporalFunction"] = t.temporal_function;
    j["anchor"] = t.anchor.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.anchor);
    j["tense"] = std::string(to_string(t.tense));
    j["explanation"] = t.explanation;
    return j;
}

nlohmann::json to_json(const Annotation& a) {
    nlohmann::json j;
    j["dct"] = a.dct ? nlohmann::json(to_string(*a.dct)) : nlohmann::json(nullptr);
    j["dct_source"] = std::string(to_string(a.dct_source));
    j["timexes"] = nlohmann::json::array();
    for (auto& t : a.timexes) j["timexes"].push_back(to_json(t));
    j["warnings"] = a.warnings;
    return j;
}

}  // namespace dateline
