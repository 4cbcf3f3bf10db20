// Subcommands of the dateline CLI. Each takes argv with its own name in argv[0].
#pragma once

int run_annotate(int argc, char** argv);  // annotate_cmd.cpp: dateline [OPTIONS] FILE...
int run_eval(int argc, char** argv);      // eval_cmd.cpp: dateline eval GOLD [SYSTEM]
int run_batch_cmd(int argc, char** argv); // batch_cmd.cpp: dateline batch [-j N] [IN.jsonl|-|FILE|DIR...]
