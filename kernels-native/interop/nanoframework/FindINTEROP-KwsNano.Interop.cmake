#
# KwsNano native interop for nf-interpreter: the CMake module of the interop assembly "KwsNano.Interop".
#
# Install (docs/custom-firmware.md, section 2):
#   nf-interpreter/CMake/Modules/FindINTEROP-KwsNano.Interop.cmake      this file
#   nf-interpreter/InteropAssemblies/KwsNano.Interop/                    the glue (*.h, *.cpp, kws_nf_port_*.c)
#   nf-interpreter/InteropAssemblies/KwsNano.Interop/kwsnano/kernels-native/{include,src,sources.cmake}
#                                                                        the engine (or -DKWSNANO_ROOT=<checkout>)
# and name the assembly in the cache variable NF_INTEROP_ASSEMBLIES. nf-interpreter then calls
# find_package(INTEROP-KwsNano.Interop REQUIRED QUIET) and compiles KwsNano.Interop_SOURCES with
# KwsNano.Interop_INCLUDE_DIRS into its NF_NativeAssemblies library (CMake/Modules/FindNF_NativeAssemblies.cmake).
#
# Options (cache variables):
#   KWSNANO_ROOT                   folder holding kernels-native/ (default: the copy inside the interop folder)
#   KWS_KERNELS                    optimized (default) or reference kernels (kernels-native/sources.cmake)
#   KWSNANO_ENGINE_COMPILE_OPTIONS compile options for the engine's sources only, default -O2: nanoFramework's
#                                  MinSizeRel firmware (and ESP-IDF's CONFIG_COMPILER_OPTIMIZATION_SIZE) builds
#                                  with -Os, where GCC stops inlining the requantisation (6-8% slower). Not
#                                  applied in Debug builds. Empty: the engine gets the firmware's flags.
#

# native code directory: where nf-interpreter's interop assemblies live (not BASE_PATH_FOR_CLASS_LIBRARIES_MODULES,
# which is targets/<RTOS>/_nanoCLR)
set(BASE_PATH_FOR_THIS_MODULE ${PROJECT_SOURCE_DIR}/InteropAssemblies/KwsNano.Interop)

set(KWSNANO_ROOT "${BASE_PATH_FOR_THIS_MODULE}/kwsnano" CACHE PATH "Folder holding KwsNano's kernels-native/")
set(KWSNANO_ENGINE_COMPILE_OPTIONS "-O2" CACHE STRING "Compile options for the KwsNano engine sources (not in Debug builds)")

set(KwsNano.Interop_INCLUDE_DIRS)
set(KwsNano.Interop_SOURCES)
set(_kwsnano_missing)
set(_kwsnano_reason)

# glue: the Metadata Processor's layout (assembly table + KwsEngine marshalling), the interop session (kws_nf_session.c) and one platform port
set(_kwsnano_glue KwsNano_Interop.cpp KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp kws_nf_session.c)
if(RTOS STREQUAL "ESP32")
    list(APPEND _kwsnano_glue kws_nf_port_esp32.c)
elseif(RTOS STREQUAL "ChibiOS")
    list(APPEND _kwsnano_glue kws_nf_port_chibios.c)
else()
    set(_kwsnano_reason "no KwsNano platform port for RTOS '${RTOS}' (ESP32 and ChibiOS are supported). ")
endif()
set(_kwsnano_headers KwsNano_Interop.h kws_nf_port.h kws_nf_i2s_dma.h kws_nf_session.h)

foreach(_kwsnano_file ${_kwsnano_glue} ${_kwsnano_headers})
    if(NOT EXISTS "${BASE_PATH_FOR_THIS_MODULE}/${_kwsnano_file}")
        list(APPEND _kwsnano_missing "${BASE_PATH_FOR_THIS_MODULE}/${_kwsnano_file}")
    endif()
endforeach()
foreach(_kwsnano_file ${_kwsnano_glue})
    list(APPEND KwsNano.Interop_SOURCES "${BASE_PATH_FOR_THIS_MODULE}/${_kwsnano_file}")
endforeach()

# engine: kernels-native's own source lists (the same ones the host, Cortex-M and tool builds use)
set(_kwsnano_engine_sources)
if(EXISTS "${KWSNANO_ROOT}/kernels-native/sources.cmake")
    include("${KWSNANO_ROOT}/kernels-native/sources.cmake")
    set(_kwsnano_engine_sources ${KWS_CORE_SOURCES})
    foreach(_kwsnano_file ${_kwsnano_engine_sources} ${KWS_INCLUDE_DIRS}/kws_nano.h ${KWS_INCLUDE_DIRS}/kws_port.h)
        if(NOT EXISTS "${_kwsnano_file}")
            list(APPEND _kwsnano_missing "${_kwsnano_file}")
        endif()
    endforeach()
    list(APPEND KwsNano.Interop_SOURCES ${_kwsnano_engine_sources})
else()
    list(APPEND _kwsnano_missing "${KWSNANO_ROOT}/kernels-native/sources.cmake")
endif()

# include directories: nanoCLR's interop headers, the glue, the engine's public headers
list(APPEND KwsNano.Interop_INCLUDE_DIRS
    ${PROJECT_SOURCE_DIR}/src/CLR/Core
    ${PROJECT_SOURCE_DIR}/src/CLR/Include
    ${PROJECT_SOURCE_DIR}/src/HAL/Include
    ${PROJECT_SOURCE_DIR}/src/PAL/Include
    ${BASE_PATH_FOR_THIS_MODULE}
    ${KWSNANO_ROOT}/kernels-native/include)

if(NOT IS_DIRECTORY "${BASE_PATH_FOR_THIS_MODULE}")
    string(APPEND _kwsnano_reason "no folder ${BASE_PATH_FOR_THIS_MODULE} (docs/custom-firmware.md, section 2)")
elseif(_kwsnano_missing)
    list(JOIN _kwsnano_missing ", " _kwsnano_missing_text)
    string(APPEND _kwsnano_reason "missing: ${_kwsnano_missing_text} (docs/custom-firmware.md, section 2)")
endif()
if(_kwsnano_reason)
    # an empty source list makes find_package_handle_standard_args report the package as not found
    set(KwsNano.Interop_SOURCES)
elseif(KWSNANO_ENGINE_COMPILE_OPTIONS)
    # -O2 (default) for the engine only; source options come after the target's (-Os) on the command line
    foreach(_kwsnano_option ${KWSNANO_ENGINE_COMPILE_OPTIONS})
        set_property(SOURCE ${_kwsnano_engine_sources} APPEND PROPERTY COMPILE_OPTIONS
            "$<$<NOT:$<CONFIG:Debug>>:${_kwsnano_option}>")
    endforeach()
endif()

include(FindPackageHandleStandardArgs)

# the package name is the one find_package was called with, so REQUIRED and QUIET take effect
find_package_handle_standard_args(INTEROP-KwsNano.Interop
    REQUIRED_VARS KwsNano.Interop_SOURCES KwsNano.Interop_INCLUDE_DIRS
    REASON_FAILURE_MESSAGE "${_kwsnano_reason}")
