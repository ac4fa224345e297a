# Toolchain file for Cortex-M4 (see arm-none-eabi.cmake).
set(KWS_CM_CPU m4)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
