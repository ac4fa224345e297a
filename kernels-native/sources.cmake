# KwsNano native engine: source lists, reusable by every build (host, Cortex-M/QEMU, firmware).
#
#   include(${KWS_NATIVE_DIR}/sources.cmake)     # KWS_NATIVE_DIR = this directory
#   add_library(mylib STATIC ${KWS_CORE_SOURCES} ${KWS_PORT_DEFAULT_SOURCE})
#   target_include_directories(mylib PUBLIC ${KWS_INCLUDE_DIRS})
#
# KWS_MODEL_SOURCES      loader, accessors, kws_invoke (without the dispatch point)
# KWS_DISPATCH_SOURCE    the one op -> kernel dispatch point; a build may substitute its own file
# KWS_KERNEL_SOURCES     reference int8 kernels
# KWS_FRONTEND_SOURCES   MFCC front-end and stream (src/frontend/*.c, owned by the front-end engineer)
# KWS_CORE_SOURCES       all of the above
# KWS_PORT_DEFAULT_SOURCE weak default port (clock reads 0)
# KWS_PORT_HOST_SOURCE   POSIX clock_gettime port for host builds
get_filename_component(KWS_NATIVE_DIR "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)

set(KWS_INCLUDE_DIRS ${KWS_NATIVE_DIR}/include)

set(KWS_MODEL_SOURCES
    ${KWS_NATIVE_DIR}/src/model/kws_status.c
    ${KWS_NATIVE_DIR}/src/model/kws_crc32.c
    ${KWS_NATIVE_DIR}/src/model/kws_model_open.c
    ${KWS_NATIVE_DIR}/src/model/kws_model_access.c
    ${KWS_NATIVE_DIR}/src/model/kws_invoke.c)

if(NOT DEFINED KWS_DISPATCH_SOURCE)
  set(KWS_DISPATCH_SOURCE ${KWS_NATIVE_DIR}/src/model/kws_dispatch.c)
endif()

set(KWS_KERNEL_SOURCES
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws_conv2d_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/convolution/kws_depthwise_conv2d_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/fully_connected/kws_fully_connected_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/pooling/kws_avgpool_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/pooling/kws_maxpool_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/softmax/kws_softmax_s8.c
    ${KWS_NATIVE_DIR}/src/kernels/basic/kws_add_s8.c)

# The front-end sources are globbed so that its engineer can add files without editing this list.
file(GLOB KWS_FRONTEND_SOURCES CONFIGURE_DEPENDS ${KWS_NATIVE_DIR}/src/frontend/*.c)

set(KWS_CORE_SOURCES
    ${KWS_MODEL_SOURCES}
    ${KWS_DISPATCH_SOURCE}
    ${KWS_KERNEL_SOURCES}
    ${KWS_FRONTEND_SOURCES})

set(KWS_PORT_DEFAULT_SOURCE ${KWS_NATIVE_DIR}/src/port/kws_port_default.c)
set(KWS_PORT_HOST_SOURCE ${KWS_NATIVE_DIR}/src/port/kws_port_host.c)
