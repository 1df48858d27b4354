# Helper functions shared by the top-level CMakeLists.txt. Each exists so a
# rule (warnings, feature macros, optional dependencies) is written once.

# km_version_from_header(<header> <out-var>)
# Reads KM_VERSION_MAJOR/MINOR/PATCH from include/kemitraan/version.h so the
# header stays the single source of truth for the version.
function(km_version_from_header header out_var)
  file(STRINGS "${header}" _lines
       REGEX "^#define[ \t]+KM_VERSION_(MAJOR|MINOR|PATCH)[ \t]+[0-9]+")
  foreach(_part MAJOR MINOR PATCH)
    set(_value "")
    foreach(_line IN LISTS _lines)
      if(_line MATCHES "^#define[ \t]+KM_VERSION_${_part}[ \t]+([0-9]+)")
        set(_value "${CMAKE_MATCH_1}")
      endif()
    endforeach()
    if(_value STREQUAL "")
      message(FATAL_ERROR "KM_VERSION_${_part} not found in ${header}")
    endif()
    set(_${_part} "${_value}")
  endforeach()
  set(${out_var} "${_MAJOR}.${_MINOR}.${_PATCH}" PARENT_SCOPE)
endfunction()

# km_target_defaults(<target>)
# The project's compile rules: warnings (-Werror with KM_WERROR) and the
# POSIX feature macro. Applied to the library, tests, examples, tools, bench.
function(km_target_defaults target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes)
    if(KM_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
  # pthreads, fsync, mkdtemp, clock_gettime... are POSIX.1-2008; -std=c99
  # alone hides them, so ask for them explicitly.
  target_compile_definitions(${target} PRIVATE ${KM_FEATURE_DEFINITIONS})
endfunction()

# km_link_optional_deps(<target> <source>...)
# Programs that include <sqlite3.h> or <libpq-fe.h> (the SQLite and
# PostgreSQL storage backends live in examples/) get those libraries.
# Returns FALSE in KM_DEPS_OK when a needed library is missing, so the caller
# can skip the program with a message instead of failing the build.
function(km_link_optional_deps target)
  set(_ok TRUE)
  set(_missing "")
  foreach(_src IN LISTS ARGN)
    file(STRINGS "${_src}" _sqlite REGEX "#[ \t]*include[ \t]*[<\"]sqlite3\\.h[>\"]")
    file(STRINGS "${_src}" _pq REGEX "#[ \t]*include[ \t]*[<\"]libpq-fe\\.h[>\"]")
    if(_sqlite)
      find_package(SQLite3 QUIET)
      if(TARGET SQLite::SQLite3)
        if(target)
          target_link_libraries(${target} PRIVATE SQLite::SQLite3)
        endif()
      else()
        set(_ok FALSE)
        list(APPEND _missing "SQLite3 (libsqlite3-dev)")
      endif()
    endif()
    if(_pq)
      find_package(PostgreSQL QUIET)
      if(TARGET PostgreSQL::PostgreSQL)
        if(target)
          target_link_libraries(${target} PRIVATE PostgreSQL::PostgreSQL)
        endif()
      else()
        set(_ok FALSE)
        list(APPEND _missing "PostgreSQL (libpq-dev)")
      endif()
    endif()
  endforeach()
  set(KM_DEPS_OK ${_ok} PARENT_SCOPE)
  set(KM_DEPS_MISSING "${_missing}" PARENT_SCOPE)
endfunction()

# km_add_programs(<kind> <dir> <lib-target> <output-dir> [INSTALL])
# Every <dir>/*.c becomes a program named after its file, built into
# <output-dir>. Target names are <kind>_<name> so an example, a tool and a
# test may share a file name. Sets KM_PROGRAMS (target names) in the caller.
function(km_add_programs kind dir lib output_dir)
  cmake_parse_arguments(ARG "INSTALL" "" "" ${ARGN})
  file(GLOB _sources CONFIGURE_DEPENDS "${dir}/*.c")
  list(SORT _sources)
  set(_targets "")
  foreach(_src IN LISTS _sources)
    get_filename_component(_name "${_src}" NAME_WE)
    set(_target "${kind}_${_name}")
    km_link_optional_deps("" "${_src}")
    if(NOT KM_DEPS_OK)
      message(STATUS "kemitraan: skipping ${kind} ${_name}: needs ${KM_DEPS_MISSING}")
      continue()
    endif()
    add_executable(${_target} "${_src}")
    set_target_properties(${_target} PROPERTIES
      OUTPUT_NAME "${_name}"
      RUNTIME_OUTPUT_DIRECTORY "${output_dir}")
    target_link_libraries(${_target} PRIVATE ${lib})
    km_link_optional_deps(${_target} "${_src}")
    km_target_defaults(${_target})
    if(ARG_INSTALL)
      install(TARGETS ${_target} RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
    endif()
    list(APPEND _targets ${_target})
  endforeach()
  set(KM_PROGRAMS "${_targets}" PARENT_SCOPE)
endfunction()
