# FindINTEROP-KwsNano.Interop.cmake as nf-interpreter uses it, without nf-interpreter: lays out a fake
# nf-interpreter tree in KWS_WORK with the install commands of docs/custom-firmware.md (the ```sh block after
# "<!-- kws-check: install -->"), configures it (fake-nf/: find_package("INTEROP-KwsNano.Interop" REQUIRED QUIET),
# then the module's sources in a static library built with the firmware's -Os) and checks:
#   - the package is found, every listed source exists, the glue and the RTOS's port (only that one) are listed,
#     and so is every engine source of kernels-native/src except the ports and the unused dispatch point;
#   - the engine's sources, and only they, compile with -O2 after the firmware's -Os (compile_commands.json), and
#     not in Debug builds;
#   - REQUIRED fails the configure (inside find_package) for an unsupported RTOS, a missing glue file and a
#     missing InteropAssemblies/KwsNano.Interop folder.
#   cmake -DKWS_REPO=<repo root> -DKWS_WORK=<scratch dir> -P find_interop_test.cmake
cmake_minimum_required(VERSION 3.19)

if(NOT KWS_REPO OR NOT KWS_WORK)
    message(FATAL_ERROR "usage: cmake -DKWS_REPO=<repo root> -DKWS_WORK=<scratch dir> -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
set(NF "${KWS_WORK}/nf-interpreter")
set(BUILD "${KWS_WORK}/build")
set(INTEROP_DIR "${NF}/InteropAssemblies/KwsNano.Interop")
set(FAILURES 0)

function(check condition message)
    if(NOT ${condition})
        message(SEND_ERROR "FAIL: ${message}")
        math(EXPR n "${FAILURES} + 1")
        set(FAILURES ${n} PARENT_SCOPE)
    endif()
endfunction()

# --- fake nf-interpreter tree, installed as the docs say -------------------------------------------------------
file(REMOVE_RECURSE "${KWS_WORK}")
file(COPY "${CMAKE_CURRENT_LIST_DIR}/fake-nf/" DESTINATION "${NF}")
file(MAKE_DIRECTORY "${NF}/CMake/Modules" "${NF}/targets/ESP32/_nanoCLR" "${NF}/targets/ChibiOS/_nanoCLR")

file(READ "${KWS_REPO}/docs/custom-firmware.md" doc)
string(FIND "${doc}" "<!-- kws-check: install -->" at)
if(at EQUAL -1)
    message(FATAL_ERROR "FAIL: docs/custom-firmware.md has no <!-- kws-check: install --> marker")
endif()
string(SUBSTRING "${doc}" ${at} -1 doc)
string(FIND "${doc}" "\n```sh\n" open)
string(FIND "${doc}" "\n```\n" close)
if(open EQUAL -1 OR close LESS open)
    message(FATAL_ERROR "FAIL: docs/custom-firmware.md has no ```sh block after <!-- kws-check: install -->")
endif()
math(EXPR open "${open} + 7")
math(EXPR length "${close} - ${open} + 1")
string(SUBSTRING "${doc}" ${open} ${length} install_script)
# the docs' placeholder paths (NF=~/nf-interpreter, KWS=~/KwsNano) come from the environment here
string(REGEX REPLACE "(^|\n)(NF|KWS)=[^\n]*" "\\1" install_script "${install_script}")
set(install_script "set -eu\n${install_script}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env "NF=${NF}" "KWS=${KWS_REPO}" bash -c "${install_script}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "FAIL: the install commands of docs/custom-firmware.md failed (${rc}):\n${install_script}\n${out}")
endif()

# --- configure helper -------------------------------------------------------------------------------------------
function(configure rtos build_type)
    file(REMOVE "${BUILD}/kws-facts.cmake")
    execute_process(
        COMMAND ${CMAKE_COMMAND} -S "${NF}" -B "${BUILD}" "-DRTOS=${rtos}" "-DCMAKE_BUILD_TYPE=${build_type}"
                "-DNF_INTEROP_ASSEMBLIES=KwsNano.Interop" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    set(CONFIGURE_RC ${rc} PARENT_SCOPE)
    set(CONFIGURE_OUT "${out}\n${err}" PARENT_SCOPE)
endfunction()

# The last -O option of the compile command of `source` (what GCC uses).
function(last_opt_level source out_var)
    file(READ "${BUILD}/compile_commands.json" json)
    string(JSON count LENGTH "${json}")
    math(EXPR last "${count} - 1")
    set(level "")
    foreach(i RANGE ${last})
        string(JSON file GET "${json}" ${i} file)
        if(file STREQUAL source)
            string(JSON command GET "${json}" ${i} command)
            separate_arguments(arguments UNIX_COMMAND "${command}")
            foreach(argument ${arguments})
                if(argument MATCHES "^-O[0-9sgz]?$")
                    set(level "${argument}")
                endif()
            endforeach()
        endif()
    endforeach()
    set(${out_var} "${level}" PARENT_SCOPE)
endfunction()

# Expected engine sources: every C file of kernels-native/src except the host/default ports and the dispatch point
# the default (optimized) kernels do not use.
file(GLOB_RECURSE expected_engine RELATIVE "${KWS_REPO}/kernels-native/src" "${KWS_REPO}/kernels-native/src/*.c")
list(FILTER expected_engine EXCLUDE REGEX "^port/")
list(REMOVE_ITEM expected_engine "model/kws_dispatch.c")
list(SORT expected_engine)

foreach(rtos_case "ESP32;MinSizeRel;kws_nf_port_esp32.c;kws_nf_port_chibios.c"
                  "ChibiOS;MinSizeRel;kws_nf_port_chibios.c;kws_nf_port_esp32.c"
                  "ESP32;Debug;kws_nf_port_esp32.c;kws_nf_port_chibios.c")
    list(GET rtos_case 0 rtos)
    list(GET rtos_case 1 build_type)
    list(GET rtos_case 2 port)
    list(GET rtos_case 3 other_port)
    set(what "${rtos} ${build_type}")
    configure(${rtos} ${build_type})
    if(NOT CONFIGURE_RC EQUAL 0 OR NOT EXISTS "${BUILD}/kws-facts.cmake")
        check(FALSE "${what}: configuring the fake nf-interpreter tree failed:\n${CONFIGURE_OUT}")
        continue()
    endif()
    include("${BUILD}/kws-facts.cmake")
    check(FACT_FOUND "${what}: INTEROP-KwsNano.Interop_FOUND is '${FACT_FOUND}', not true")

    set(engine "")
    set(index 0)
    foreach(source ${FACT_SOURCES})
        check("EXISTS;${source}" "${what}: listed source ${source} does not exist")
        set(options "${FACT_OPTIONS_${index}}")
        math(EXPR index "${index} + 1")
        file(RELATIVE_PATH in_engine "${INTEROP_DIR}/kwsnano/kernels-native/src" "${source}")
        if(NOT in_engine MATCHES "^\\.\\./")
            list(APPEND engine "${in_engine}")
            check("options;MATCHES;-O2" "${what}: engine source ${in_engine} has no -O2 in COMPILE_OPTIONS ('${options}')")
            if(in_engine STREQUAL "kernels/convolution/kws_conv2d_s8_opt.c")
                last_opt_level("${source}" level)
                if(build_type STREQUAL "Debug")
                    check("level;STREQUAL;-Og" "${what}: ${in_engine} compiles with ${level}, expected the firmware's -Og in Debug")
                else()
                    check("level;STREQUAL;-O2" "${what}: ${in_engine} compiles with ${level} (last -O option), expected -O2 after the firmware's -Os")
                endif()
            endif()
        else()
            get_filename_component(name "${source}" NAME)
            check("options;STREQUAL;NOTFOUND" "${what}: glue source ${name} has COMPILE_OPTIONS '${options}' (only the engine gets -O2)")
            if(name STREQUAL "KwsNano_Interop.cpp")
                last_opt_level("${source}" level)
                set(expected -Os)
                if(build_type STREQUAL "Debug")
                    set(expected -Og)
                endif()
                check("level;STREQUAL;${expected}" "${what}: the glue compiles with ${level}, expected the firmware's ${expected}")
                file(STRINGS "${source}" record REGEX "g_CLR_AssemblyNative_KwsNano_Interop")
                check(record "${what}: ${source} does not define g_CLR_AssemblyNative_KwsNano_Interop (nf-interpreter reads the version there)")
            endif()
        endif()
    endforeach()
    list(SORT engine)
    check("engine;STREQUAL;expected_engine" "${what}: engine sources differ from kernels-native/src:\n  listed:   ${engine}\n  expected: ${expected_engine}")

    foreach(glue KwsNano_Interop.cpp KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp kws_nf_session.c ${port})
        check("${INTEROP_DIR}/${glue};IN_LIST;FACT_SOURCES" "${what}: ${glue} is not listed")
    endforeach()
    if("${INTEROP_DIR}/${other_port}" IN_LIST FACT_SOURCES)
        check(FALSE "${what}: ${other_port} is listed, the port of another RTOS")
    endif()
    foreach(header KwsNano_Interop.h)
        check("EXISTS;${INTEROP_DIR}/${header}" "${what}: ${header} is not in the interop folder")
    endforeach()
    check("${INTEROP_DIR};IN_LIST;FACT_INCLUDE_DIRS" "${what}: the interop folder is not an include directory")
    check("${INTEROP_DIR}/kwsnano/kernels-native/include;IN_LIST;FACT_INCLUDE_DIRS" "${what}: the engine's include folder is not an include directory")
endforeach()

# --- REQUIRED must stop the configure inside find_package -------------------------------------------------------
function(check_refused what expected_text)
    if(CONFIGURE_RC EQUAL 0)
        check(FALSE "${what}: configure succeeded; REQUIRED should have stopped it")
    elseif(CONFIGURE_OUT MATCHES "KWS-FAKE-NF: find_package\\(INTEROP-KwsNano.Interop\\) returned")
        check(FALSE "${what}: find_package(INTEROP-KwsNano.Interop REQUIRED) returned; the failure came later:\n${CONFIGURE_OUT}")
    elseif(NOT CONFIGURE_OUT MATCHES "INTEROP-KwsNano.Interop")
        check(FALSE "${what}: the error does not name INTEROP-KwsNano.Interop:\n${CONFIGURE_OUT}")
    else()
        string(FIND "${CONFIGURE_OUT}" "${expected_text}" at)
        check("at;GREATER;-1" "${what}: the error does not say '${expected_text}':\n${CONFIGURE_OUT}")
    endif()
    set(FAILURES ${FAILURES} PARENT_SCOPE)
endfunction()

configure(FreeRTOS MinSizeRel)
check_refused("unsupported RTOS" "FreeRTOS")

file(REMOVE "${INTEROP_DIR}/kws_nf_port_esp32.c")
configure(ESP32 MinSizeRel)
check_refused("missing ESP32 port" "${INTEROP_DIR}/kws_nf_port_esp32.c")

file(REMOVE_RECURSE "${INTEROP_DIR}")
configure(ESP32 MinSizeRel)
check_refused("missing InteropAssemblies/KwsNano.Interop" "no folder ${INTEROP_DIR}")

if(FAILURES GREATER 0)
    message(FATAL_ERROR "${FAILURES} check(s) failed")
endif()
message(STATUS "FindINTEROP-KwsNano.Interop: found for ESP32 and ChibiOS with the documented layout, -O2 on the engine only, REQUIRED refuses 3 broken layouts")
