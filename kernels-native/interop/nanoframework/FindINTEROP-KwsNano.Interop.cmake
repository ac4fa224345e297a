#
# KwsNano native interop for nf-interpreter (NF_INTEROP_ASSEMBLIES "KwsNano.Interop").
# Copy this file to nf-interpreter/CMake/Modules/ and the folder kernels-native/interop/nanoframework to
# nf-interpreter/InteropAssemblies/KwsNano.Interop/, or point KWSNANO_ROOT at a KwsNano checkout
# (docs/custom-firmware.md). Adds the glue, the platform port and the portable C engine (kernels-native/src).
#

# native code directory
set(BASE_PATH_FOR_THIS_MODULE ${BASE_PATH_FOR_CLASS_LIBRARIES_MODULES}/KwsNano.Interop)

if(NOT KWSNANO_ROOT)
    # default: the InteropAssemblies folder holds a copy of kernels-native next to the glue
    set(KWSNANO_ROOT ${BASE_PATH_FOR_THIS_MODULE}/kwsnano)
endif()

# set include directories
list(APPEND KwsNano.Interop_INCLUDE_DIRS ${BASE_PATH_FOR_THIS_MODULE})
list(APPEND KwsNano.Interop_INCLUDE_DIRS ${KWSNANO_ROOT}/kernels-native/include)
list(APPEND KwsNano.Interop_INCLUDE_DIRS ${KWSNANO_ROOT}/kernels-native/src)

# source files: the Metadata Processor layout plus one platform port
set(KwsNano.Interop_SRCS
    KwsNano_Interop.cpp
    KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp
    kws_nf_session.c
)
if(RTOS STREQUAL "ESP32")
    list(APPEND KwsNano.Interop_SRCS kws_nf_port_esp32.c)
elseif(RTOS STREQUAL "ChibiOS")
    list(APPEND KwsNano.Interop_SRCS kws_nf_port_chibios.c)
else()
    message(FATAL_ERROR "KwsNano.Interop: no platform port for RTOS '${RTOS}' (ESP32 and ChibiOS are supported)")
endif()

foreach(SRC_FILE ${KwsNano.Interop_SRCS})
    set(KwsNano.Interop_SRC_FILE SRC_FILE-NOTFOUND)
    find_file(KwsNano.Interop_SRC_FILE ${SRC_FILE}
        PATHS ${BASE_PATH_FOR_THIS_MODULE}
        CMAKE_FIND_ROOT_PATH_BOTH)
    list(APPEND KwsNano.Interop_SOURCES ${KwsNano.Interop_SRC_FILE})
endforeach()

# the engine: every C file of kernels-native/src except the host/default clock ports
file(GLOB_RECURSE KWSNANO_ENGINE_SOURCES ${KWSNANO_ROOT}/kernels-native/src/*.c)
list(FILTER KWSNANO_ENGINE_SOURCES EXCLUDE REGEX ".*/src/port/.*")
# exactly one dispatch point: the optimized kernels (portable C on Xtensa, DSP code on Cortex-M4/M7) unless
# KWSNANO_KERNELS is "reference" (sources.cmake's KWS_KERNELS for the other builds)
if(KWSNANO_KERNELS STREQUAL "reference")
    list(FILTER KWSNANO_ENGINE_SOURCES EXCLUDE REGEX ".*/src/model/kws_dispatch_opt\\.c$")
else()
    list(FILTER KWSNANO_ENGINE_SOURCES EXCLUDE REGEX ".*/src/model/kws_dispatch\\.c$")
endif()
list(APPEND KwsNano.Interop_SOURCES ${KWSNANO_ENGINE_SOURCES})

include(FindPackageHandleStandardArgs)

FIND_PACKAGE_HANDLE_STANDARD_ARGS(KwsNano.Interop DEFAULT_MSG KwsNano.Interop_INCLUDE_DIRS KwsNano.Interop_SOURCES)
