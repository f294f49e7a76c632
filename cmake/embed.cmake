# Turns a text file into a C++ source defining `const char NAME[]` (cmake -P).
# Inputs: INPUT, OUTPUT, NAME. Keeps one copy of each schema: the file in the tree.
file(READ "${INPUT}" content)
set(text "// Generated from ${INPUT_REL} by cmake/embed.cmake. Do not edit.\n")
string(APPEND text "namespace envkit::embedded {\nextern const char ${NAME}[];\n")
string(APPEND text "const char ${NAME}[] = R\"__envkit_embed__(${content})__envkit_embed__\";\n}\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL text)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${text}")
