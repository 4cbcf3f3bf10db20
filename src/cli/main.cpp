// The dateline command: dispatches to a subcommand; a thin layer over the library.
#include <cstring>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    try {
        if (argc > 1 && std::strcmp(argv[1], "eval") == 0) return run_eval(argc - 1, argv + 1);
        if (argc > 1 && std::strcmp(argv[1], "batch") == 0) return run_batch_cmd(argc - 1, argv + 1);
        return run_annotate(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "dateline: error: " << e.what() << "\n";
        return 1;
    }
}
