# KwsNano native engine: source lists, reusable by every build (host, Cortex-M/QEMU, firmware).
#
#   include(${KWS_NATIVE_DIR}/sources.cmake)     # KWS_NATIVE_DIR = this directory
#   add_library(mylib STATIC ${KWS_CORE_SOURCES} ${KWS_PORT_DEFAULT_SOURCE})
#   target_include_directories(mylib PUBLIC ${KWS_INCLUDE_DIRS})
#
# KWS_MODEL_SOURCES      loader, accessors, kws_invoke (without the dispatch point)
# KWS_DISPATCH_SOURCE    the one op -> kernel dispatch point; a build may substitute its own file.
#                        Default from KWS_KERNELS: optimized (src/model/kws_dispatch_opt.c, the default)
#                        or reference (src/model/kws_dispatch.c).
# KWS_KERNEL_SOURCES     int8 kernels: the reference kernels and their optimized variants (*_opt.c,
#                        always compiled so tests can compare them)
# KWS_FRONTEND_SOURCES   MFCC front-end and stream (src/frontend/*.c, owned by the front-end engineer)
# KWS_CORE_SOURCES       all of the above
# KWS_PORT_DEFAULT_SOURCE weak default port (clock reads 0)
# KWS_PORT_HOST_SOURCE   POSIX clock_gettime port for host builds
# KWS_NF_SESSION_SOURCE  the nanoFramework interop session (interop/nanoframework/kws_nf_session.c): the logic
#                        behind KwsEngine's externs, run by the device glue and, through libkwsnano, the virtual
#                        board; its header is in KWS_NF_SESSION_INCLUDE_DIR
get_filename_component(KWS_NATIVE_DIR "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)

set(KWS_INCLUDE_DIRS ${KWS_NATIVE_DIR}/include)

set(KWS_MODEL_SOURCES
    ${KWS_NATIVE_DIR}/src/model/kws_status.c
    ${KWS_NATIVE_DIR}/src/model/kws_crc32.c
    ${KWS_NATIVE_DIR}/src/model/kws_model_open.c
    ${KWS_NATIVE_DIR}/src/model/kws_model_access.c
    ${KWS_NATIVE_DIR}/src/model/kws_invoke.c)

set(KWS_KERNELS "optimized" CACHE STRING "Kernels kws_invoke dispatches to: optimized or reference")
set_property(CACHE KWS_KERNELS PROPERTY STRINGS optimized reference)
if(NOT DEFINED KWS_DISPATCH_SOURCE)
  if(KWS_KERNELS STREQUAL "optimized")
    set(KWS_DISPATCH_SOURCE ${KWS_NATIVE_DIR}/src/model/kws_dispatch_opt.c)
  elseif(KWS_KERNELS STREQUAL "reference")
    set(KWS_DISPATCH_SOURCE ${KWS_NATIVE_DIR}/src/model/kws_dispatch.c)
  else()
    message(FATAL_ERROR "KWS_KERNELS must be 'optimized' or 'reference', not '${KWS_KERNELS}'")
  endif()
endif()

set(KWS_KERNEL_SOURCES
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws_conv2d_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws_depthwise_conv2d_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/fully_connected/kws_fully_connected_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/pooling/kws_avgpool_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/pooling/kws_maxpool_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/softmax/kws_softmax_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/basic/kws_add_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/matmul/kws__mat_mult_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/matmul/kws__mat_mult_armv6m.c
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws_conv2d_s8_opt.c
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws_depthwise_conv2d_s8_opt.c
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws__dw3x3_armv6m.c
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws__conv_armv6m.c
    ${KWS_NATIVE_DIR}/src/kernels/matmul/kws__mat_mult_rv32.c
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws__dw3x3_rv32.c
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws__conv_col_rv32.c
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws__dw3x3_dsp.c
    ${KWS_NATIVE_DIR}/src/kernels/fully_connected/kws_fully_connected_s8_opt.c
    ${KWS_NATIVE_DIR}/src/kernels/inplace/kws__inplace.c
    ${KWS_NATIVE_DIR}/src/kernels/inplace/kws_conv2d_1x1_s8_inplace.c
    ${KWS_NATIVE_DIR}/src/kernels/inplace/kws_conv2d_1x1_s8_inplace_opt.c
    ${KWS_NATIVE_DIR}/src/kernels/inplace/kws_depthwise_conv2d_3x3_s8_inplace.c
    ${KWS_NATIVE_DIR}/src/kernels/inplace/kws_depthwise_conv2d_3x3_s8_inplace_opt.c
    ${KWS_NATIVE_DIR}/src/kernels/fused/kws__fused.c
    ${KWS_NATIVE_DIR}/src/kernels/fused/kws_conv2d_dw_fused_s8.c)

# The front-end sources are globbed so that its engineer can add files without editing this list.
file(GLOB KWS_FRONTEND_SOURCES CONFIGURE_DEPENDS ${KWS_NATIVE_DIR}/src/frontend/*.c)

set(KWS_CORE_SOURCES
    ${KWS_MODEL_SOURCES}
    ${KWS_DISPATCH_SOURCE}
    ${KWS_KERNEL_SOURCES}
    ${KWS_FRONTEND_SOURCES})

set(KWS_PORT_DEFAULT_SOURCE ${KWS_NATIVE_DIR}/src/port/kws_port_default.c)
if(WIN32)
  set(KWS_PORT_HOST_SOURCE ${KWS_NATIVE_DIR}/src/port/kws_port_windows.c)
else()
  set(KWS_PORT_HOST_SOURCE ${KWS_NATIVE_DIR}/src/port/kws_port_host.c)
endif()

set(KWS_NF_SESSION_INCLUDE_DIR ${KWS_NATIVE_DIR}/interop/nanoframework)
set(KWS_NF_SESSION_SOURCE ${KWS_NF_SESSION_INCLUDE_DIR}/kws_nf_session.c)
