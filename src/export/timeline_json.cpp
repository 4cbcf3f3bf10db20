// JSON form of a timeline: the annotation keys (dct, dct_source, timexes, warnings) plus the
// paragraphs, sentences, events and ordered timeline entries. Schema documented in README.md.
#include "dateline/exporters.hpp"
#include "export/export_common.hpp"
#include "dateline/json.hpp"

namespace dateline {

namespace {

nlohmann::json interval_json(const std::optional<Interval>& i) {
    if (!i) return nullptr;
    return {{"begin", to_iso(i->begin)}, {"end", to_iso(i->end)}};
}

nlohmann::json event_json(const Event& e) {
    return {{"eid", e.eid},
            {"begin", e.begin},
            {"end", e.end},
            {"trigger", e.trigger},
            {"lemma", e.lemma},
            {"pos", e.noun ? "noun" : "verb"},
            {"class", e.event_class},
            {"tense", std::string(to_string(e.tense))},
            {"aspect", e.aspect},
            {"modality", e.modality.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.modality)},
            {"negated", e.negated},
            {"conditional", e.conditional},
            {"factual", e.factual},
            {"sentence", e.sentence}};
}

}  // namespace

nlohmann::json to_json(const Timeline& t, const ExportOptions& o) {
    nlohmann::json j = to_json(t.annotation);
    j["source"] = o.source_name;
    j["paragraphs"] = nlohmann::json::array();
    for (auto& p : paragraphs(t.source)) j["paragraphs"].push_back({{"begin", p.begin}, {"end", p.end}});
    j["sentences"] = nlohmann::json::array();
    for (auto& s : t.sentences)
        j["sentences"].push_back(
            {{"begin", s.begin}, {"end", s.end}, {"paragraph", s.paragraph}, {"header", s.header}});
    j["events"] = nlohmann::json::array();
    for (auto& e : t.events) j["events"].push_back(event_json(e));
    j["timeline"] = nlohmann::json::array();
    for (auto& e : t.entries) {
        const Sentence* s = e.sentence < t.sentences.size() ? &t.sentences[e.sentence] : nullptr;
        j["timeline"].push_back(
            {{"value", e.value.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.value)},
             {"interval", interval_json(e.interval)},
             {"granularity", std::string(to_string(e.granularity))},
             {"relation", std::string(to_string(e.relation))},
             {"dated", e.dated},
             {"tid", e.tid.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.tid)},
             {"time_text", e.time_text.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.time_text)},
             {"eid", e.event.eid},
             {"trigger", e.event.trigger},
             {"begin", e.event.begin},
             {"end", e.event.end},
             {"text", e.text},
             {"text_begin", e.text_begin},
             {"text_end", e.text_end},
             {"sentence", e.sentence},
             {"sentence_text",
              s ? nlohmann::json(exporter::entry_sentence(t, e)) : nlohmann::json(nullptr)},  // window over 2,000 B
             {"rule", e.rule},
             {"event", event_json(e.event)}});
    }
    return j;
}

}  // namespace dateline
