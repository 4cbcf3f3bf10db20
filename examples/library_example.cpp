// A small program that uses the Dateline library: annotate a text against a DCT and print each
// timex with its value and explanation, then normalize one expression on its own.
#include <iostream>

#include <dateline/annotate.hpp>

int main() {
    dateline::Options opts;
    opts.dct = dateline::parse_dct("2024-01-19");
    auto a = dateline::annotate("Last Friday, two children drowned. Officials will meet again next Tuesday.", opts);
    for (const auto& t : a.timexes)
        std::cout << t.text << "\t" << dateline::to_string(t.type) << "\t" << t.value << "\t" << t.explanation << "\n";
    if (auto t = dateline::normalize("three weeks ago", *opts.dct)) std::cout << t->text << " -> " << t->value << "\n";
    return 0;
}
