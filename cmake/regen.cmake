# Regenerates every file derived from the configuration registry (cmake -P).
# Inputs: SOURCE_DIR (repository root), ENVGEN (the envgen binary); optional CHECK=ON
# compares instead of writing (the `generated_files_fresh` test). Paths are relative to
# the root so that the generated banners do not depend on where the tree is checked out.
if(NOT SOURCE_DIR OR NOT ENVGEN)
  message(FATAL_ERROR "regen.cmake needs -DSOURCE_DIR=<repository root> -DENVGEN=<path to envgen>")
endif()
set(args
  --registry allocator/config/registry.json
  --presets allocator/presets/v1
  --header allocator/include/hakmem/config_generated.h
  --configuration allocator/CONFIGURATION.md
  --deprecated DEPRECATED.md
  --build-flags allocator/BUILD_FLAGS.md)
if(CHECK)
  list(APPEND args --check)
endif()
execute_process(COMMAND ${ENVGEN} ${args}
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "envgen failed (exit ${rc})")
endif()
