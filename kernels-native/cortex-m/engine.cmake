# The native engine and the per-model test / benchmark firmware, shared by the Cortex-M build (included by
# CMakeLists.txt when ../sources.cmake exists) and the RISC-V build (../riscv/CMakeLists.txt). The includer
# defines KWS_CM_DIR (this directory: test/ and bench/ sources), KWS_CM_CPU, KWS_CM_RUN (its QEMU runner
# script), KWS_CM_FLOAT_PRINTF_LINK (link options for printf of floats) and kws_cm_firmware().
include(${KWS_NATIVE_DIR}/sources.cmake)
set(KWS_ENGINE_SOURCES ${KWS_MODEL_SOURCES} ${KWS_DISPATCH_SOURCE} ${KWS_KERNEL_SOURCES})
set(KWS_ENGINE_PRIVATE_INCLUDES ${KWS_NATIVE_DIR}/src/model ${KWS_NATIVE_DIR}/src/kernels)
set(KWS_FRONTEND_PRIVATE_INCLUDES ${KWS_NATIVE_DIR}/src/frontend)

# The engine (model reader + kernels) and the front-end as static libraries: their .text/.rodata are the
# code size `kwsnano bench` reports. KWS_ENABLE_OP_STEP compiles kws_invoke_op (kws_nano_bench.h) into a
# separate copy used only by the benchmark firmware, so the tested library is the production one.
add_library(kws_engine STATIC ${KWS_ENGINE_SOURCES})
target_include_directories(kws_engine PUBLIC ${KWS_NATIVE_DIR}/include PRIVATE ${KWS_ENGINE_PRIVATE_INCLUDES})
add_library(kws_engine_opstep STATIC ${KWS_ENGINE_SOURCES})
target_include_directories(kws_engine_opstep PUBLIC ${KWS_NATIVE_DIR}/include PRIVATE ${KWS_ENGINE_PRIVATE_INCLUDES})
target_compile_definitions(kws_engine_opstep PRIVATE KWS_ENABLE_OP_STEP=1)
if(KWS_FRONTEND_SOURCES)
  add_library(kws_frontend STATIC ${KWS_FRONTEND_SOURCES})
  target_include_directories(kws_frontend PUBLIC ${KWS_NATIVE_DIR}/include PRIVATE ${KWS_FRONTEND_PRIVATE_INCLUDES})
  target_link_libraries(kws_frontend PUBLIC kws_engine m)
endif()

# Optimized kernels against the reference kernels, bit for bit, on the target: the host test's own source
# (tests/native/test_kernels_opt.c) with fewer random cases. M4/M7 run the DSP-extension code, M3/M0+ the
# portable C path. The firmware's exit status is the test result.
get_filename_component(KWS_CM_REPO_ROOT_OPT ${KWS_NATIVE_DIR}/.. ABSOLUTE)
set(KWS_CM_OPT_TEST_RANDOM 1000 CACHE STRING "Random cases per kernel in the optimized-kernel differential test")
kws_cm_firmware(kws_cm_kernels_opt ${KWS_CM_REPO_ROOT_OPT}/tests/native/test_kernels_opt.c)
target_include_directories(kws_cm_kernels_opt PRIVATE ${KWS_CM_REPO_ROOT_OPT}/tests/native)
target_compile_definitions(kws_cm_kernels_opt PRIVATE KWS_OPT_TEST_RANDOM=${KWS_CM_OPT_TEST_RANDOM})
target_link_libraries(kws_cm_kernels_opt PRIVATE kws_engine)
add_test(NAME kernels_opt COMMAND ${KWS_CM_RUN} --cpu ${KWS_CM_CPU} --timeout ${KWS_CM_QEMU_TIMEOUT} $<TARGET_FILE:kws_cm_kernels_opt>)

# The optimized kernels' fast requantisation (src/kernels/kws__requant_fast.h) against the reference
# kws__mbqm on the target: the host test's source (tests/native/test_requant_fast.c), edge and tie tables
# plus fewer random triples (ARMv6-M exercises the 16x16-multiply product, ARMv7-M the SMLAL one).
set(KWS_CM_REQUANT_TEST_RANDOM 1000000 CACHE STRING "Random triples in the fast-requantisation test")
kws_cm_firmware(kws_cm_requant_fast ${KWS_CM_REPO_ROOT_OPT}/tests/native/test_requant_fast.c)
target_include_directories(kws_cm_requant_fast PRIVATE ${KWS_CM_REPO_ROOT_OPT}/tests/native ${KWS_NATIVE_DIR}/src/kernels)
target_compile_definitions(kws_cm_requant_fast PRIVATE KWS_REQUANT_TEST_RANDOM=${KWS_CM_REQUANT_TEST_RANDOM}L)
target_link_libraries(kws_cm_requant_fast PRIVATE kws_engine)
add_test(NAME requant_fast COMMAND ${KWS_CM_RUN} --cpu ${KWS_CM_CPU} --timeout ${KWS_CM_QEMU_TIMEOUT} $<TARGET_FILE:kws_cm_requant_fast>)

# The nanoFramework interop session (interop/nanoframework/kws_nf_session.c) on the target: the host test's source
# (tests/native/test_nf_session.c) with fake hooks, over the engine and the front-end; the engine's port clock is
# the board timer here. The firmware's exit status is the test result.
if(TARGET kws_frontend)
  kws_cm_firmware(kws_cm_nf_session ${KWS_CM_REPO_ROOT_OPT}/tests/native/test_nf_session.c ${KWS_NF_SESSION_SOURCE})
  target_include_directories(kws_cm_nf_session PRIVATE ${KWS_CM_REPO_ROOT_OPT}/tests/native ${KWS_NF_SESSION_INCLUDE_DIR})
  target_link_libraries(kws_cm_nf_session PRIVATE kws_frontend kws_engine)
  add_test(NAME nf_session COMMAND ${KWS_CM_RUN} --cpu ${KWS_CM_CPU} --timeout ${KWS_CM_QEMU_TIMEOUT} $<TARGET_FILE:kws_cm_nf_session>)
endif()

# Models: KWS_CM_MODELS is a list of name=path/to/model.tflite. For each, at build time:
#   kwsnano convert MODEL -o gen/<name>/<name>.kwsm --c-source gen/<name> [KWS_CM_CONVERT_ARGS]
#                   (blob as C: <stem>_kwsm.c/.h)
#   kwsnano vectors gen/<name>/<name>.kwsm --name <name> --count N --seed S --trace T [--golden-*]
#                   -o gen/<name>/<name>_vectors.c
# The vectors are the golden pair (picked up next to the model as <stem>.golden-input.npy /
# .golden-output.npy), then N random inputs with the C# reference interpreter's outputs, and per-op output
# hashes of the first T vectors.
set(KWSNANO_CLI "" CACHE STRING "Command that runs the kwsnano tool (e.g. tools/KwsNano.Cli/bin/Release/net10.0/kwsnano)")
set(KWS_CM_RANDOM_VECTORS 100 CACHE STRING "Random test inputs per model (outputs from the host reference interpreter)")
set(KWS_CM_VECTOR_SEED 20261121 CACHE STRING "Seed of the random test inputs")
set(KWS_CM_TRACE_VECTORS 8 CACHE STRING "Vectors (from the first) whose every op output is also checked against the interpreter's trace")
set(KWS_CM_CONVERT_ARGS "" CACHE STRING "Extra kwsnano convert options for every model (a list, e.g. --memory;small for the small memory plan)")
set(KWS_CM_GEN_DIR ${CMAKE_BINARY_DIR}/gen)
set(KWS_CM_BENCH_TARGETS "")

foreach(spec IN LISTS KWS_CM_MODELS)
  string(REPLACE "=" ";" parts "${spec}")
  list(LENGTH parts nparts)
  if(NOT nparts EQUAL 2)
    message(FATAL_ERROR "KWS_CM_MODELS entry '${spec}' is not name=path")
  endif()
  list(GET parts 0 name)
  list(GET parts 1 model)
  if(NOT EXISTS "${model}")
    message(FATAL_ERROR "model ${name}: file not found: ${model}")
  endif()
  if(NOT KWSNANO_CLI)
    message(FATAL_ERROR "KWSNANO_CLI must name the kwsnano tool to convert ${model}")
  endif()
  get_filename_component(stem "${model}" NAME_WE)
  get_filename_component(model_dir "${model}" DIRECTORY)
  # The C identifier `kwsnano convert --c-source` derives from the file name (KwsmCSourceWriter.Identifier).
  string(TOLOWER "${stem}" blob_id)
  string(REGEX REPLACE "[^a-z0-9]" "_" blob_id "${blob_id}")
  if(blob_id MATCHES "^[0-9]")
    set(blob_id "m_${blob_id}")
  endif()
  string(TOUPPER "${blob_id}" blob_id_upper)
  set(gen ${KWS_CM_GEN_DIR}/${name})
  set(golden_args "")
  set(golden_deps "")
  if(EXISTS ${model_dir}/${stem}.golden-input.npy AND EXISTS ${model_dir}/${stem}.golden-output.npy)
    set(golden_args --golden-input ${model_dir}/${stem}.golden-input.npy --golden-output ${model_dir}/${stem}.golden-output.npy)
    set(golden_deps ${model_dir}/${stem}.golden-input.npy ${model_dir}/${stem}.golden-output.npy)
  endif()
  add_custom_command(
    OUTPUT ${gen}/${name}.kwsm ${gen}/${blob_id}_kwsm.c ${gen}/${blob_id}_kwsm.h
    COMMAND ${CMAKE_COMMAND} -E make_directory ${gen}
    COMMAND ${KWSNANO_CLI} convert ${model} -o ${gen}/${name}.kwsm --c-source ${gen} ${KWS_CM_CONVERT_ARGS}
    DEPENDS ${model}
    COMMENT "kwsnano convert ${name}"
    VERBATIM)
  add_custom_command(
    OUTPUT ${gen}/${name}_vectors.c
    COMMAND ${KWSNANO_CLI} vectors ${gen}/${name}.kwsm --name ${name} --count ${KWS_CM_RANDOM_VECTORS}
            --seed ${KWS_CM_VECTOR_SEED} --trace ${KWS_CM_TRACE_VECTORS} ${golden_args} -o ${gen}/${name}_vectors.c
    DEPENDS ${gen}/${name}.kwsm ${golden_deps}
    COMMENT "kwsnano vectors ${name}: golden + ${KWS_CM_RANDOM_VECTORS} random"
    VERBATIM)
  # Glue: fill kws_cm_model from the converter's and the vector generator's symbols.
  file(WRITE ${gen}/kws_cm_model_${name}.c.in
"/* Generated by kernels-native/cortex-m/engine.cmake. */
#include \"kws_cm_model.h\"
#include \"${blob_id}_kwsm.h\"
extern const kws_cm_vectors ${name}_vectors;
const kws_cm_model_entry kws_cm_model = { \"${name}\", ${blob_id}_kwsm, ${blob_id_upper}_KWSM_LEN, &${name}_vectors };
")
  configure_file(${gen}/kws_cm_model_${name}.c.in ${gen}/kws_cm_model_${name}.c COPYONLY)
  # One target owns the generated files (a custom command's outputs must not be listed by several
  # targets that build in parallel); the firmware links its objects.
  add_library(kws_cm_model_${name} OBJECT ${gen}/kws_cm_model_${name}.c ${gen}/${blob_id}_kwsm.c ${gen}/${name}_vectors.c)
  target_include_directories(kws_cm_model_${name} PRIVATE ${KWS_CM_DIR}/test ${gen})
  set(model_sources $<TARGET_OBJECTS:kws_cm_model_${name}>)

  kws_cm_firmware(kws_cm_test_${name} ${KWS_CM_DIR}/test/kws_cm_test.c ${model_sources})
  target_include_directories(kws_cm_test_${name} PRIVATE ${KWS_CM_DIR}/test ${gen})
  # The engine with kws_invoke_op (for the per-op trace check); kws_invoke is the production code path.
  # kws_frontend after it: kws_model_open applies the front-end descriptor rules (kws__frontend_desc_check).
  target_link_libraries(kws_cm_test_${name} PRIVATE kws_engine_opstep kws_frontend)
  add_test(NAME model_${name} COMMAND ${KWS_CM_RUN} --cpu ${KWS_CM_CPU} --timeout ${KWS_CM_QEMU_TIMEOUT} $<TARGET_FILE:kws_cm_test_${name}>)

  kws_cm_firmware(kws_cm_bench_${name} ${KWS_CM_DIR}/bench/kws_cm_bench.c ${model_sources})
  target_include_directories(kws_cm_bench_${name} PRIVATE ${KWS_CM_DIR}/test ${gen})
  target_link_libraries(kws_cm_bench_${name} PRIVATE kws_engine_opstep kws_frontend)
  list(APPEND KWS_CM_BENCH_TARGETS kws_cm_bench_${name})
  # The benchmark also runs as a test (it checks op-by-op == kws_invoke and run-to-run determinism).
  add_test(NAME bench_${name} COMMAND ${KWS_CM_RUN} --cpu ${KWS_CM_CPU} --timeout ${KWS_CM_QEMU_TIMEOUT} --icount $<TARGET_FILE:kws_cm_bench_${name}>)
  if(NOT KWS_CM_FRONTEND_MODEL)
    set(KWS_CM_FRONTEND_MODEL ${name})
    set(KWS_CM_FRONTEND_MODEL_SOURCES ${model_sources})
  endif()
endforeach()

# Front-end benchmark: instructions per MFCC frame with the first model's descriptor.
if(TARGET kws_frontend AND KWS_CM_FRONTEND_MODEL)
  kws_cm_firmware(kws_cm_bench_frontend ${KWS_CM_DIR}/bench/kws_cm_bench_frontend.c ${KWS_CM_FRONTEND_MODEL_SOURCES})
  target_include_directories(kws_cm_bench_frontend PRIVATE ${KWS_CM_DIR}/test ${KWS_CM_GEN_DIR}/${KWS_CM_FRONTEND_MODEL})
  target_link_libraries(kws_cm_bench_frontend PRIVATE kws_frontend kws_engine)
  list(APPEND KWS_CM_BENCH_TARGETS kws_cm_bench_frontend)
  add_test(NAME bench_frontend COMMAND ${KWS_CM_RUN} --cpu ${KWS_CM_CPU} --timeout ${KWS_CM_QEMU_TIMEOUT} --icount $<TARGET_FILE:kws_cm_bench_frontend>)
endif()

# Front-end golden MFCC on the target: the host test's own source (tests/native/test_frontend_golden.c),
# reading recordings/yes.wav from ../shared through semihosting file I/O. Same 1e-4 and exact-after-
# quantisation checks as on the host; the firmware's exit status is the test result.
if(TARGET kws_frontend)
  get_filename_component(KWS_CM_REPO_ROOT ${KWS_NATIVE_DIR}/.. ABSOLUTE)
  if(DEFINED ENV{KWS_SHARED} AND NOT "$ENV{KWS_SHARED}" STREQUAL "")
    set(KWS_CM_SHARED_DIR "$ENV{KWS_SHARED}")
  else()
    get_filename_component(KWS_CM_SHARED_DIR ${KWS_CM_REPO_ROOT}/../shared ABSOLUTE)
  endif()
  kws_cm_firmware(kws_cm_frontend_golden ${KWS_CM_REPO_ROOT}/tests/native/test_frontend_golden.c)
  target_include_directories(kws_cm_frontend_golden PRIVATE ${KWS_CM_REPO_ROOT}/tests/native)
  target_compile_definitions(kws_cm_frontend_golden PRIVATE KWS_REPO_ROOT="${KWS_CM_REPO_ROOT}" KWS_SHARED_DIR="${KWS_CM_SHARED_DIR}")
  target_link_options(kws_cm_frontend_golden PRIVATE ${KWS_CM_FLOAT_PRINTF_LINK})
  target_link_libraries(kws_cm_frontend_golden PRIVATE kws_frontend kws_engine)
  add_test(NAME frontend_golden COMMAND ${KWS_CM_RUN} --cpu ${KWS_CM_CPU} --timeout ${KWS_CM_QEMU_TIMEOUT} $<TARGET_FILE:kws_cm_frontend_golden>)
endif()

# Everything `kwsnano bench` needs: the benchmark images and the libraries whose size it reports.
add_custom_target(kws_cm_bench_all)
add_dependencies(kws_cm_bench_all ${KWS_CM_BENCH_TARGETS} kws_engine)
if(TARGET kws_frontend)
  add_dependencies(kws_cm_bench_all kws_frontend)
endif()
