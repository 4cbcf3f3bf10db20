# Compiles the event word lists into the library: writes OUT, a C++ file that defines one
# std::string_view per DIR/*.txt file (dateline::events::data::<name>), so the installed binary
# does not read the source tree. Run at build time by add_custom_command (see CMakeLists.txt).
file(GLOB lists "${DIR}/*.txt")
list(SORT lists)
set(body "// Generated from grammars/en/events/*.txt by embed.cmake; do not edit.\n#include <string_view>\n\nnamespace dateline::events::data {\n")
foreach(f IN LISTS lists)
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" content)
  string(FIND "${content}" ")dlx\"" bad)
  if(NOT bad EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter )dlx\"")
  endif()
  string(APPEND body "extern const std::string_view ${name};\nconst std::string_view ${name} = R\"dlx(${content})dlx\";\n")
endforeach()
string(APPEND body "}  // namespace dateline::events::data\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
