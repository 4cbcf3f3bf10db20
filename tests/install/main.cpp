#include <iostream>

#include <dateline/annotate.hpp>

int main() {
    auto dct = dateline::parse_dct("2024-01-19");
    auto t = dateline::normalize("last Friday", *dct);
    if (!t || t->value != "2024-01-12") {
        std::cerr << "unexpected value\n";
        return 1;
    }
    std::cout << t->text << " -> " << t->value << "\n";
    return 0;
}
