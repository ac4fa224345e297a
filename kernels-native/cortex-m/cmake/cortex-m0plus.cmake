# Toolchain file for Cortex-M0PLUS (see arm-none-eabi.cmake).
set(KWS_CM_CPU m0plus)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
