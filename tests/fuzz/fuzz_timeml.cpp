// libFuzzer target: the TimeML reader. Any bytes are either read or rejected with InputError. A
// document that is read has gold offsets inside its text; its text is then annotated (with its DCT)
// and written back as TimeML, which must read again with the same text and the same timexes (C0
// control characters other than tab, LF and CR are written as spaces: XML 1.0 cannot carry them).
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "dateline/annotate.hpp"
#include "dateline/error.hpp"
#include "dateline/timeml.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view xml(reinterpret_cast<const char*>(data), size);
    dateline::TimemlDocument doc;
    try {
        (void)dateline::looks_like_timeml(xml);
        doc = dateline::read_timeml(xml, "fuzz");
    } catch (const dateline::InputError&) {
        return 0;
    } catch (const std::exception& e) {
        dateline_fuzz::fail("fuzz_timeml (read)", e.what(), xml);
    }
    for (const auto& g : doc.timexes)
        if (g.begin > g.end || g.end > doc.text.size()) dateline_fuzz::fail("fuzz_timeml", "gold offsets outside the text", xml);
    dateline::Annotation a;
    try {
        dateline::Options o;
        o.dct = doc.dct;
        a = dateline::annotate(doc.text, o);
    } catch (const dateline::InputError&) {
        return 0;  // e.g. a NUL character reference in the text
    } catch (const std::exception& e) {
        dateline_fuzz::fail("fuzz_timeml (annotate)", e.what(), xml);
    }
    try {
        auto out = dateline::write_timeml(doc.text, a, doc.id);
        auto back = dateline::read_timeml(out, "fuzz-out");
        // The text comes back unchanged, except C0 controls XML 1.0 cannot carry, written as spaces.
        std::string expected = doc.text;
        for (char& c : expected)
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
        if (back.text != expected) dateline_fuzz::fail("fuzz_timeml", "written TimeML reads back with another text", xml);
        if (back.timexes.size() != a.timexes.size())
            dateline_fuzz::fail("fuzz_timeml", "written TimeML reads back with another number of timexes", xml);
        for (std::size_t i = 0; i < a.timexes.size(); ++i)
            if (back.timexes[i].begin != a.timexes[i].begin || back.timexes[i].end != a.timexes[i].end ||
                back.timexes[i].value != a.timexes[i].value)
                dateline_fuzz::fail("fuzz_timeml", "written TimeML reads back with another timex", xml);
    } catch (const std::exception& e) {
        dateline_fuzz::fail("fuzz_timeml (write + read back)", e.what(), xml);
    }
    return 0;
}
