// TimeML reading (pugixml) and writing.
#include "dateline/timeml.hpp"

#include <pugixml.hpp>

#include <fmt/format.h>

#include "dateline/error.hpp"

namespace dateline {
namespace {

void collect(const pugi::xml_node& node, TimemlDocument& doc) {
    for (auto child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            doc.text += child.value();
        } else if (child.type() == pugi::node_element) {
            std::size_t b = doc.text.size();
            collect(child, doc);
            if (std::string_view(child.name()) == "TIMEX3") {
                GoldTimex g;
                g.tid = child.attribute("tid").value();
                g.begin = b;
                g.end = doc.text.size();
                g.text = doc.text.substr(b);
                g.type = child.attribute("type").value();
                g.value = child.attribute("value").value();
                g.mod = child.attribute("mod").value();
                doc.timexes.push_back(std::move(g));
            }
        }
    }
}

void escape_into(std::string& out, std::string_view s, bool attribute) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"':
                if (attribute) out += "&quot;";
                else out += c;
                break;
            // A literal CR would be read back as LF (XML end-of-line handling): a reference keeps it,
            // so the text and its offsets round-trip.
            case '\r': out += "&#13;"; break;
            case '\t':
            case '\n': out += c; break;
            default:
                // Other C0 controls cannot appear in XML 1.0, not even as references: a space keeps
                // the offsets of everything after it.
                if (static_cast<unsigned char>(c) < 0x20) out += ' ';
                else out += c;
        }
    }
}

}  // namespace

bool looks_like_timeml(std::string_view b) {
    auto head = b.substr(0, 4096);
    return head.find("<TimeML") != std::string_view::npos ||
           (head.find("<?xml") != std::string_view::npos && b.find("<TEXT>") != std::string_view::npos);
}

TimemlDocument read_timeml(std::string_view xml, std::string_view name) {
    pugi::xml_document x;
    auto res = x.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
    if (!res) throw InputError(fmt::format("malformed TimeML: {} at byte {}", res.description(), res.offset));
    auto root = x.document_element();
    TimemlDocument doc;
    doc.id = root.child("DOCID").text().as_string(std::string(name).c_str());
    if (doc.id.empty()) doc.id = std::string(name);
    for (auto t : root.child("DCT").children("TIMEX3")) {
        doc.dct_value = t.attribute("value").value();
        doc.dct = parse_dct(doc.dct_value);
        if (!doc.dct && !doc.dct_value.empty())
            throw InputError(fmt::format("impossible DCT value \"{}\"", doc.dct_value));
    }
    auto text = root.child("TEXT");
    if (!text) throw InputError("TimeML without a <TEXT> element");
    collect(text, doc);
    return doc;
}

std::string write_timeml(std::string_view text, const Annotation& a, std::string_view id) {
    std::string out;
    out.reserve(text.size() * 2 + 512);
    out += "<?xml version=\"1.0\" ?>\n<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n<DOCID>";
    escape_into(out, id, false);
    out += "</DOCID>\n\n<DCT>";
    if (a.dct) {
        auto v = to_string(*a.dct);
        out += fmt::format("<TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{}\" temporalFunction=\"false\" "
                           "functionInDocument=\"CREATION_TIME\">{}</TIMEX3>",
                           v.substr(0, 10), v.substr(0, 10));
    }
    out += "</DCT>\n\n<TEXT>";
    std::size_t pos = 0;
    for (const auto& t : a.timexes) {
        escape_into(out, text.substr(pos, t.begin - pos), false);
        out += fmt::format("<TIMEX3 tid=\"{}\" type=\"{}\" value=\"", t.tid, to_string(t.type));
        escape_into(out, t.value, true);
        out += '"';
        if (!t.mod.empty()) out += fmt::format(" mod=\"{}\"", t.mod);
        if (!t.quant.empty()) out += fmt::format(" quant=\"{}\"", t.quant);
        if (!t.freq.empty()) out += fmt::format(" freq=\"{}\"", t.freq);
        out += fmt::format(" temporalFunction=\"{}\" functionInDocument=\"NONE\"", t.temporal_function ? "true" : "false");
        if (t.anchor == "dct" && a.dct) out += " anchorTimeID=\"t0\"";
        out += '>';
        escape_into(out, text.substr(t.begin, t.end - t.begin), false);
        out += "</TIMEX3>";
        pos = t.end;
    }
    escape_into(out, text.substr(pos), false);
    out += "</TEXT>\n\n</TimeML>\n";
    return out;
}

}  // namespace dateline
