// The streamed JSON of a timeline (what `dateline --format json` and batch records print) is the
// same text as the nlohmann tree of to_json() dumped, whatever the content.
#include <sstream>

#include <catch2/catch.hpp>

#include "dateline/exporters.hpp"
#include "dateline/timeline.hpp"
#include "export/json_stream.hpp"

namespace {

const char* kTexts[] = {
    "Published: 2024-01-19\n\nThe \"committee\" met on Friday\\Monday\tand said\x01 it will\x0c vote next week. "
    "\xe2\x80\x9cWe\xe2\x80\x99ll decide on March 3,\xe2\x80\x9d she said. Caf\xc3\xa9 owners protested yesterday.\r\n",
    "Nothing happened.",
    "WASHINGTON (AP) -- The summit, scheduled for March 3, was postponed. Officials met on Thursday and will "
    "meet again next Tuesday; the December 27 meeting in Mexico was cancelled.\n\nElections are due in May.",
};

std::string streamed(const dateline::Timeline& t, const dateline::ExportOptions& eo,
                     const dateline::exporter::TimelineJsonParts& parts, const dateline::exporter::JsonStyle& st,
                     bool through_stream) {
    std::string out;
    if (!through_stream) {
        dateline::exporter::write_timeline_json(out, t, eo, parts, st);
        return out;
    }
    std::ostringstream os;
    dateline::exporter::write_timeline_json(out, t, eo, parts, st, &os);
    return os.str() + out;
}

}  // namespace

TEST_CASE("streamed timeline JSON equals to_json().dump()", "[json]") {
    for (const char* text : kTexts) {
        for (bool all : {false, true}) {
            dateline::Options o;
            o.dct = dateline::parse_dct("2024-01-19");
            dateline::TimelineOptions to;
            to.all_events = all;
            auto t = dateline::build_timeline(text, o, to);
            dateline::ExportOptions eo;
            eo.source_name = "article \"1\".txt";
            INFO("text: " << text << " all_events: " << all);

            // The CLI's document: every key plus "file", indent 2, at the top level and inside an array.
            auto j = dateline::to_json(t, eo);
            j["file"] = "a.txt";
            dateline::exporter::TimelineJsonParts parts;
            parts.extra.emplace_back("file", "a.txt");
            dateline::exporter::JsonStyle st;
            CHECK(streamed(t, eo, parts, st, false) == j.dump(2));
            CHECK(streamed(t, eo, parts, st, true) == j.dump(2));
            auto arr = nlohmann::json::array({j});
            st.level = 1;
            CHECK("[\n  " + streamed(t, eo, parts, st, false) + "\n]" == arr.dump(2));

            // The batch record: compact, without the document parts, with extra keys.
            auto r = dateline::to_json(t);
            for (auto k : {"source", "paragraphs", "sentences", "events"}) r.erase(k);
            r["id"] = {{"n", 1}, {"tags", {"x", "y"}}};
            r["line"] = 7;
            dateline::exporter::TimelineJsonParts bp;
            bp.document = false;
            bp.extra.emplace_back("id", nlohmann::json{{"n", 1}, {"tags", {"x", "y"}}});
            bp.extra.emplace_back("line", 7);
            dateline::exporter::JsonStyle bs;
            bs.indent = -1;
            bs.replace_invalid = true;
            CHECK(streamed(t, {}, bp, bs, false) == r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
            // A nested extra value in the indented form.
            bs.indent = 2;
            CHECK(streamed(t, {}, bp, bs, false) == r.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
        }
    }
}
